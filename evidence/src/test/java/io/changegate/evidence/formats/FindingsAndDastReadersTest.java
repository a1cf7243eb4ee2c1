package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SARIF and ZAP readers against the shared fixtures. Expected counts were computed with Python
 * over the raw files (SARIF level: result.level, else the rule's defaultConfiguration.level,
 * else "warning"), not with these readers.
 */
class FindingsAndDastReadersTest {

    @Test
    void largeSemgrepSarifHasAllResultsWithTheRuleDefaultLevel() throws Exception {
        ParsedEvidence parsed = Fixtures.read("sarif/sarif-semgrep-owasp-benchmark-1768-results-LARGE.sarif");
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.FINDINGS);
        assertThat(parsed.format()).isEqualTo("sarif-2.1.0-json");
        JsonNode p = parsed.predicate();
        // python: 1768 results, all warning via the rules' defaultConfiguration
        assertThat(p.get("findings")).hasSize(1768);
        assertThat(p.at("/summary/by_level/warning").asInt()).isEqualTo(1768);
        assertThat(p.at("/runs/0/tool").asText()).isEqualTo("semgrep");
        JsonNode first = p.get("findings").get(0);
        assertThat(first.at("/location/file").asText()).isNotEmpty();
        assertThat(first.at("/location/line").isInt()).isTrue();
    }

    @Test
    void multiRunSarifCountsEveryRun() throws Exception {
        JsonNode p = Fixtures.predicate("sarif/sarif-lgtm-2-runs-510-results.sarif");
        // python: 58 + 452 results; levels error 31, warning 122, note 357
        assertThat(p.get("runs")).hasSize(2);
        assertThat(p.at("/summary/total").asInt()).isEqualTo(510);
        assertThat(p.at("/summary/by_level/error").asInt()).isEqualTo(31);
        assertThat(p.at("/summary/by_level/warning").asInt()).isEqualTo(122);
        assertThat(p.at("/summary/by_level/note").asInt()).isEqualTo(357);
        JsonNode codeql = Fixtures.predicate("sarif/sarif-codeql-2.5.4-72-results-codeflows.sarif");
        assertThat(codeql.at("/summary/by_level/error").asInt()).isEqualTo(11);
        assertThat(codeql.at("/summary/by_level/warning").asInt()).isEqualTo(4);
        assertThat(codeql.at("/summary/by_level/note").asInt()).isEqualTo(57);
    }

    @Test
    void suppressionsFollowTheSpecAndAnEmptyArrayMeansNotSuppressed() throws Exception {
        JsonNode p = Fixtures.predicate("sarif/sarif-codescanner-suppressions-mixed-status.sarif");
        // TST0001..3 have external/inSource suppressions; TST0004 has none; TST0005 has []
        assertThat(p.get("findings").findValuesAsText("rule_id")).containsExactly("TST0001", "TST0002", "TST0003", "TST0004", "TST0005");
        assertThat(p.get("findings").findValues("suppressed")).extracting(JsonNode::asBoolean)
                .containsExactly(true, true, true, false, false);
        assertThat(p.at("/summary/suppressed").asInt()).isEqualTo(3);
        assertThat(p.at("/summary/open").asInt()).isEqualTo(2);
        assertThat(p.get("findings").get(2).get("suppressions").get(0).asText()).isEqualTo("inSource");
        JsonNode snykCode = Fixtures.predicate("snyk/snyk-code-test-sarif-with-suppressions.json");
        assertThat(snykCode.at("/summary/suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void baselineStateIsKept() throws Exception {
        JsonNode p = Fixtures.predicate("sarif/sarif-shell-analysis-baselinestate.sarif");
        assertThat(p.at("/summary/by_baseline_state/new").asInt()).isEqualTo(27);
        assertThat(p.at("/summary/by_level/note").asInt()).isEqualTo(27);
    }

    @Test
    void aFailedExecutionIsVisibleInTheSummary() throws Exception {
        JsonNode p = Fixtures.predicate("sarif/sarif-tutorials-EDGE-catastrophic-execution-error.sarif");
        assertThat(p.get("findings")).isEmpty();
        assertThat(p.at("/runs/0/execution_successful").asBoolean()).isFalse();
        assertThat(p.at("/summary/all_runs_successful").asBoolean()).isFalse();
        assertThat(Fixtures.predicate("sarif/sarif-EDGE-empty-runs-array.sarif").get("runs")).isEmpty();
    }

    @Test
    void zapXmlAlertsAreCountedByRiskWithInstances() throws Exception {
        ParsedEvidence parsed = Fixtures.read("zap/zap-2.10.0-traditional-xml-15-alerts-130-instances.xml");
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.DAST);
        JsonNode p = parsed.predicate();
        // python: 15 alertitems, sum(count) 130, riskcode 3:4, 2:3, 1:4, 0:4
        assertThat(p.at("/summary/alerts").asInt()).isEqualTo(15);
        assertThat(p.at("/summary/instances").asInt()).isEqualTo(130);
        assertThat(p.at("/summary/by_risk/HIGH").asInt()).isEqualTo(4);
        assertThat(p.at("/summary/by_risk/MEDIUM").asInt()).isEqualTo(3);
        assertThat(p.at("/summary/by_risk/LOW").asInt()).isEqualTo(4);
        assertThat(p.at("/summary/by_risk/INFORMATIONAL").asInt()).isEqualTo(4);
    }

    @Test
    void zapJsonAndXmlOfTheSameScanAgree() throws Exception {
        JsonNode json = Fixtures.predicate("zap/zap-devbuild-traditional-json.json");
        JsonNode xml = Fixtures.predicate("zap/zap-devbuild-traditional-xml.xml");
        assertThat(xml.get("alerts")).isEqualTo(json.get("alerts"));
        JsonNode alert = json.get("alerts").get(0);
        assertThat(alert.get("name").asText()).isEqualTo("XSS");
        assertThat(alert.get("risk").asText()).isEqualTo("HIGH");
        assertThat(alert.get("confidence").asText()).isEqualTo("Medium");
        // python: 5 alerts, 27 instances, riskcode 2:1, 0:4
        JsonNode v212 = Fixtures.predicate("zap/zap-2.12.0-traditional-json-5-alerts.json");
        assertThat(v212.at("/summary/instances").asInt()).isEqualTo(27);
        assertThat(v212.at("/summary/by_risk/INFORMATIONAL").asInt()).isEqualTo(4);
    }

    @Test
    void zapEdgeReportsParse() throws Exception {
        assertThat(Fixtures.predicate("zap/zap-2.9.0-xml-EDGE-no-alerts.xml").get("alerts")).isEmpty();
        JsonNode german = Fixtures.predicate("zap/zap-2.11.1-xml-plus-EDGE-german-locale-date.xml");
        assertThat(german.get("generated").asText()).isEqualTo("Fr., 30 Sep. 2022 08:40:35");
        assertThat(german.at("/summary/by_risk/MEDIUM").asInt()).isEqualTo(1);
    }
}
