package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {
    private static final String ALWAYS_FAILS = """
            cases:
              - note: t/wrong expectation
                query: x = 1
                want_result: [{x: 2}]
              - note: "t/quirk [opa-1.9-quirk: something]"
                query: x = 1
                want_result: [{x: 1}]
            """;

    private static Path corpus(Path dir, String yaml) throws Exception {
        Path c = dir.resolve("corpus/topic");
        Files.createDirectories(c);
        Files.writeString(c.resolve("cases.yaml"), yaml);
        return dir.resolve("corpus");
    }

    private static String lastLine(String s) {
        String[] lines = s.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void printsALinePerFileAndClosesWithTheCounts(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("conformance", corpus(dir, ALWAYS_FAILS).toString());
        assertThat(r.out()).startsWith("FAIL topic/cases.yaml 0/1 (1 skipped)\n");
        assertThat(lastLine(r.out())).isEqualTo("0 passed, 1 failed, 1 skipped");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void verboseShowsEachFailureWithExpectedAndActual(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("conformance", "-v", corpus(dir, ALWAYS_FAILS).toString());
        assertThat(r.out()).contains("  FAIL topic/cases.yaml#0 t/wrong expectation\n");
        assertThat(r.out()).contains("    expected: [{\"x\":2}]\n");
    }

    @Test
    void theReportHoldsEveryCaseWithItsStatus(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Cli.run("conformance", "--report", report.toString(), corpus(dir, ALWAYS_FAILS).toString());
        ObjectValue doc = (ObjectValue) Json.parse(Files.readString(report));
        assertThat(doc.get("failed").toString()).isEqualTo("1");
        io.changegate.rego.value.ArrayValue cases = (io.changegate.rego.value.ArrayValue) doc.get("cases");
        ObjectValue first = (ObjectValue) cases.get(0);
        assertThat(first.get("id").toString()).isEqualTo("\"topic/cases.yaml#0 t/wrong expectation\"");
        assertThat(first.get("status").toString()).isEqualTo("\"failed\"");
        assertThat(first.get("expected").toString()).isEqualTo("\"[{\\\"x\\\":2}]\"");
        ObjectValue second = (ObjectValue) cases.get(1);
        assertThat(second.get("status").toString()).isEqualTo("\"skipped\"");
        assertThat(second.get("reason").toString()).isEqualTo("\"records an OPA 1.9 quirk (newer OPA is the target): something\"");
    }

    @Test
    void aBaselineCaseThatFailsIsARegression(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.txt");
        Files.writeString(baseline, "# passing\ntopic/cases.yaml#0 t/wrong expectation\n");
        Cli r = Cli.run("conformance", "--baseline", baseline.toString(), corpus(dir, ALWAYS_FAILS).toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("REGRESSION topic/cases.yaml#0 t/wrong expectation\n");
        assertThat(lastLine(r.out())).isEqualTo("0 passed, 1 failed, 1 skipped");
    }

    @Test
    void failuresNotInTheBaselineDoNotFailTheRatchet(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.txt");
        Cli r = Cli.run("conformance", "--baseline", baseline.toString(), corpus(dir, ALWAYS_FAILS).toString());
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("0 listed, 0 regressed, 0 newly passing");
    }

    @Test
    void updateBaselineAddsNewPassesAndKeepsListedCases(@TempDir Path dir) throws Exception {
        assumeTrue(Cli.engineWorks(), "the evaluator is not implemented yet");
        Path baseline = dir.resolve("baseline.txt");
        Files.writeString(baseline, "other.yaml#0 kept\n");
        String yaml = ALWAYS_FAILS + """
                  - note: t/passes
                    query: x = 1
                    want_result: [{x: 1}]
                """;
        Cli r = Cli.run("conformance", "--baseline", baseline.toString(), "--update-baseline", corpus(dir, yaml).toString());
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(ConformanceCommand.readBaseline(baseline)).containsExactly("other.yaml#0 kept", "topic/cases.yaml#2 t/passes");
    }

    @Test
    void aSkipListSkipsCasesWithItsReason(@TempDir Path dir) throws Exception {
        Path skips = dir.resolve("skips.txt");
        Files.writeString(skips, "topic/cases.yaml#0\tneeds a network\n");
        Path report = dir.resolve("r.json");
        Cli r = Cli.run("conformance", "--skip-list", skips.toString(), "--report", report.toString(),
                corpus(dir, ALWAYS_FAILS).toString());
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(lastLine(r.out())).isEqualTo("0 passed, 0 failed, 2 skipped");
        assertThat(Files.readString(report)).contains("needs a network");
    }

    @Test
    void anInvalidCaseFileIsReportedAndCounted(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("conformance", corpus(dir, "cases:\n  - note: x\n    query: [unclosed\n").toString());
        assertThat(r.out()).startsWith("ERROR topic/cases.yaml:");
        assertThat(lastLine(r.out())).isEqualTo("0 passed, 1 failed, 0 skipped");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        Cli r = Cli.run("conformance", "no/such/dir");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("changegate conformance: no such file or directory: no/such/dir\n");
    }
}
