package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JUnit, JaCoCo and Cobertura readers against the shared fixtures. Expected figures were
 * computed with Python's xml.etree (test case outcomes from child elements; JaCoCo root
 * counters; Cobertura class lines, one per file and line number), not with these readers.
 */
class TestAndCoverageReadersTest {

    static void assertTotals(JsonNode summary, int tests, int passed, int failures, int errors, int skipped) {
        assertThat(summary.get("tests").asInt()).as("tests").isEqualTo(tests);
        assertThat(summary.get("passed").asInt()).as("passed").isEqualTo(passed);
        assertThat(summary.get("failures").asInt()).as("failures").isEqualTo(failures);
        assertThat(summary.get("errors").asInt()).as("errors").isEqualTo(errors);
        assertThat(summary.get("skipped").asInt()).as("skipped").isEqualTo(skipped);
    }

    @Test
    void largeJestReportHasEveryCaseIncludingUntitledOnes() throws Exception {
        ParsedEvidence parsed = Fixtures.read("junit/junit-jest-junit-4239-testcases-LARGE.xml");
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.TESTS);
        // python: 4239 testcases: 4207 passed, 2 failed, 30 skipped (CRLF line endings, 891 with name="")
        assertTotals(parsed.predicate().get("summary"), 4239, 4207, 2, 0, 30);
        assertThat(parsed.predicate().get("cases")).hasSize(4239);
    }

    @Test
    void surefireAggregateAndSingleFilesCountCases() throws Exception {
        assertTotals(Fixtures.predicate("junit/junit-maven-surefire-pulsar-808-testcases.xml").get("summary"), 808, 793, 1, 0, 14);
        JsonNode single = Fixtures.predicate("junit/junit-surefire-single-TEST-file.xml");
        assertTotals(single.get("summary"), 2, 0, 1, 0, 1);
        JsonNode failed = single.get("cases").get(1);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("message").asText()).isEqualTo("expected [1.2.1] but found [1.2.0]");
        assertThat(failed.get("type").asText()).isEqualTo("java.lang.AssertionError");
    }

    @Test
    void otherJUnitDialectsCountCases() throws Exception {
        assertTotals(Fixtures.predicate("junit/junit-pytest-xunit.xml").get("summary"), 10, 6, 2, 0, 2);
        assertTotals(Fixtures.predicate("junit/junit-phpunit-nested-suites.xml").get("summary"), 12, 10, 2, 0, 0);
        assertTotals(Fixtures.predicate("junit/junit-nette-tester-skipped-errors.xml").get("summary"), 65, 61, 1, 0, 3);
        assertTotals(Fixtures.predicate("junit/junit-jest-junit-failures.xml").get("summary"), 6, 1, 4, 0, 1);
        assertTotals(Fixtures.predicate("junit/junit-googletest-style-cdata-failure.xml").get("summary"), 1, 0, 1, 0, 0);
    }

    @Test
    void junitEdgeFilesParse() throws Exception {
        assertTotals(Fixtures.predicate("junit/junit-EDGE-empty-suite-nonISO-timestamp.xml").get("summary"), 0, 0, 0, 0, 0);
        JsonNode single = Fixtures.predicate("junit/junit-EDGE-failure-without-body-single-line.xml");
        assertTotals(single.get("summary"), 3, 2, 1, 0, 0);
        assertThat(single.get("cases").get(1).get("message").asText()).startsWith("Traceback (most recent call last):");
    }

    @Test
    void largeJacocoReportUsesTheReportCounters() throws Exception {
        ParsedEvidence parsed = Fixtures.read("jacoco/jacoco-analysis-model-337-classes-LARGE.xml");
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.COVERAGE);
        JsonNode p = parsed.predicate();
        // python: root LINE covered 5531 missed 267; BRANCH covered 1544 missed 205; 18 packages; 307 sourcefiles
        assertThat(p.at("/lines/covered").asLong()).isEqualTo(5531);
        assertThat(p.at("/lines/total").asLong()).isEqualTo(5798);
        assertThat(p.at("/lines/ratio").asDouble()).isEqualTo(0.9539);
        assertThat(p.at("/branches/covered").asLong()).isEqualTo(1544);
        assertThat(p.at("/branches/total").asLong()).isEqualTo(1749);
        assertThat(p.at("/branches/ratio").asDouble()).isEqualTo(0.8828);
        assertThat(p.get("packages")).hasSize(18);
        assertThat(p.get("files")).hasSize(307);
    }

    @Test
    void jacocoGroupsAndEdgeShapesParse() throws Exception {
        JsonNode aggregate = Fixtures.predicate("jacoco/jacoco-aggregate-multi-module-groups.xml");
        // python: root LINE 7593/2230 missed, BRANCH 1268/798 missed, 3 packages inside groups
        assertThat(aggregate.at("/lines/covered").asLong()).isEqualTo(7593);
        assertThat(aggregate.at("/lines/total").asLong()).isEqualTo(9823);
        assertThat(aggregate.get("packages")).hasSize(3);
        JsonNode v083 = Fixtures.predicate("jacoco/jacoco-0.8.3-dtd-1.1.xml");
        assertThat(v083.at("/lines/ratio").asDouble()).isEqualTo(0.6842); // 26 / 38
        assertThat(v083.at("/branches/ratio").asDouble()).isEqualTo(0.25); // 1 / 4
        JsonNode empty = Fixtures.predicate("jacoco/jacoco-EDGE-empty-report.xml");
        assertThat(empty.at("/lines/total").asLong()).isZero();
        assertThat(empty.at("/lines/ratio").isNull()).isTrue();
        assertThat(Fixtures.predicate("jacoco/jacoco-EDGE-pester-powershell-inline-doctype.xml").get("packages")).isNotEmpty();
        assertThat(Fixtures.predicate("jacoco/jacoco-EDGE-class-without-sourcefilename.xml").get("files")).isNotEmpty();
    }

    @Test
    void jacocoWithTheWrongRootIsRejectedAtTheRoot() {
        SbomReadersTest.assertRejected("jacoco/jacoco-INVALID-wrong-root-element.xml", "jacoco",
                "line 2, column 33: expected a JaCoCo <report> root element, found <other>");
    }

    @Test
    void largeIstanbulCoberturaCountsLinesAndTakesBranchesFromTheRoot() throws Exception {
        JsonNode p = Fixtures.predicate("cobertura/cobertura-istanbul-156-classes-LARGE.xml");
        // python: 11340 distinct (file, line) pairs, 1452 with hits > 0 — equal to the root's lines-covered/lines-valid;
        // no line has condition-coverage, so branches are the root's 235 / 2949
        assertThat(p.at("/lines/covered").asLong()).isEqualTo(1452);
        assertThat(p.at("/lines/total").asLong()).isEqualTo(11340);
        assertThat(p.at("/branches/covered").asLong()).isEqualTo(235);
        assertThat(p.at("/branches/total").asLong()).isEqualTo(2949);
        assertThat(p.get("files")).hasSize(156);
    }

    @Test
    void coberturaBranchesComeFromConditionCoverage() throws Exception {
        JsonNode ant = Fixtures.predicate("cobertura/cobertura-1.9-ant-java-lots-of-data.xml");
        // python: 602 / 958 lines, 285 / 628 branch conditions (no root count attributes in 1.9)
        assertThat(ant.at("/lines/covered").asLong()).isEqualTo(602);
        assertThat(ant.at("/lines/total").asLong()).isEqualTo(958);
        assertThat(ant.at("/branches/covered").asLong()).isEqualTo(285);
        assertThat(ant.at("/branches/total").asLong()).isEqualTo(628);
        JsonNode bom = Fixtures.predicate("cobertura/cobertura-coverlet-dotnet-utf8-bom.xml");
        // python (utf-8-sig): 156 / 255 lines, 9 / 14 branches ("True" spelling), as the root attributes say
        assertThat(bom.at("/lines/covered").asLong()).isEqualTo(156);
        assertThat(bom.at("/lines/total").asLong()).isEqualTo(255);
        assertThat(bom.at("/branches/covered").asLong()).isEqualTo(9);
        assertThat(bom.at("/branches/total").asLong()).isEqualTo(14);
        JsonNode java = Fixtures.predicate("cobertura/cobertura-2.1.1-java.xml");
        assertThat(java.at("/lines/ratio").asDouble()).isEqualTo(0.6667); // 24 / 36
        assertThat(java.at("/branches/ratio").asDouble()).isEqualTo(0.25); // 1 / 4
    }

    @Test
    void coberturaEdgeShapesParse() throws Exception {
        assertThat(Fixtures.predicate("cobertura/cobertura-EDGE-no-packages.xml").get("packages")).isEmpty();
        assertThat(Fixtures.predicate("cobertura/cobertura-coverage.py-7.0.5-no-xml-decl.xml").at("/lines/ratio").asDouble())
                .isEqualTo(1.0);
        assertThat(Fixtures.predicate("cobertura/cobertura-cpp-EDGE-camelcase-lineRate-empty-complexity.xml").get("files"))
                .isNotEmpty();
        assertThat(Fixtures.predicate("cobertura/cobertura-EDGE-windows-absolute-source-path.xml").get("files")).isNotEmpty();
        assertThat(Fixtures.predicate("cobertura/cobertura-EDGE-branch-missing-condition-coverage.xml").get("lines")).isNotNull();
    }
}
