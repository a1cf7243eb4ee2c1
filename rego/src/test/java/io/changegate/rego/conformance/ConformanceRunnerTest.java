package io.changegate.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.ExpressionValue;
import io.changegate.rego.QueryResult;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Location;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceRunnerTest {

    private static ConformanceCase parseOne(String caseYaml) {
        return CaseFiles.parse("t.yaml", "cases:\n" + caseYaml, null).get(0);
    }

    private static List<QueryResult> xIs(Value v) {
        return List.of(new QueryResult(List.of(new ExpressionValue(BooleanValue.TRUE, "data.p = x", new Location("", 1, 1))),
                ObjectValue.builder().put("x", v).build()));
    }

    private static RegoException error(String code, String message, String file, int row) {
        return new RegoException(new RegoError(code, message, new Location(file, row, 3)));
    }

    @Test
    void anErrorPassesWhenTheWantedTextIsASubstringOfFileRowCodeMessage() {
        ConformanceCase c = parseOne("""
                  - note: e
                    query: data.p = x
                    want_error_code: eval_type_error
                    want_error: "test-0.rego:4: eval_type_error: plus: operand 1"
                """);
        RegoException e = error("eval_type_error", "plus: operand 1 must be number but got string", "test-0.rego", 4);
        assertThat(ConformanceRunner.judge(c, null, e, null).status()).isEqualTo(CaseResult.Status.PASSED);

        RegoException elsewhere = error("eval_type_error", "plus: operand 1 must be number but got string", "test-0.rego", 5);
        CaseResult r = ConformanceRunner.judge(c, null, elsewhere, null);
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.message()).isEqualTo("error text differs");
        assertThat(r.actual()).isEqualTo("test-0.rego:5: eval_type_error: plus: operand 1 must be number but got string");
    }

    @Test
    void anErrorWithTheWrongCodeFails() {
        ConformanceCase c = parseOne("""
                  - note: e
                    query: data.p = x
                    want_error_code: eval_conflict_error
                """);
        CaseResult r = ConformanceRunner.judge(c, null, error("eval_type_error", "x", "test-0.rego", 1), null);
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.message()).isEqualTo("error code differs");
        assertThat(ConformanceRunner.judge(c, null, error("eval_conflict_error", "x", "test-0.rego", 1), null).status())
                .isEqualTo(CaseResult.Status.PASSED);
    }

    @Test
    void resultsWhereAnErrorIsWantedFail() {
        ConformanceCase c = parseOne("""
                  - note: e
                    query: data.p = x
                    want_error: divide by zero
                """);
        CaseResult r = ConformanceRunner.judge(c, xIs(NumberValue.of(1)), null, "");
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.message()).isEqualTo("expected an error, got results");
        assertThat(r.actual()).isEqualTo("[{\"x\":1}]");
    }

    @Test
    void anUnexpectedErrorFailsShowingTheError() {
        ConformanceCase c = parseOne("""
                  - note: r
                    query: data.p = x
                    want_result: [{x: 1}]
                """);
        CaseResult r = ConformanceRunner.judge(c, null, error("rego_parse_error", "unexpected eof token", "test-0.rego", 2), null);
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.actual()).isEqualTo("test-0.rego:2: rego_parse_error: unexpected eof token");
        assertThat(r.expected()).isEqualTo("[{\"x\":1}]");
    }

    @Test
    void resultsAreComparedAsValues() {
        ConformanceCase c = parseOne("""
                  - note: r
                    query: data.p = x
                    want_result: [{x: 5}]
                """);
        assertThat(ConformanceRunner.judge(c, xIs(NumberValue.parse("5.0")), null, "").status())
                .isEqualTo(CaseResult.Status.PASSED);
        CaseResult r = ConformanceRunner.judge(c, xIs(NumberValue.of(6)), null, "");
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.expected()).isEqualTo("[{\"x\":5}]");
        assertThat(r.actual()).isEqualTo("[{\"x\":6}]");
    }

    @Test
    void wantDefinedChecksOnlyWhetherThereIsAResult() {
        ConformanceCase c = parseOne("""
                  - note: d
                    query: data.p
                    want_defined: false
                """);
        assertThat(ConformanceRunner.judge(c, List.of(), null, "").status()).isEqualTo(CaseResult.Status.PASSED);
        assertThat(ConformanceRunner.judge(c, xIs(BooleanValue.TRUE), null, "").status()).isEqualTo(CaseResult.Status.FAILED);
    }

    @Test
    void wantOutputComparesWhatPrintWrote() {
        ConformanceCase c = parseOne("""
                  - note: o
                    query: data.p = x
                    want_result: [{x: true}]
                    want_output: "42\\ndone"
                """);
        assertThat(ConformanceRunner.judge(c, xIs(BooleanValue.TRUE), null, "42\ndone").status())
                .isEqualTo(CaseResult.Status.PASSED);
        assertThat(ConformanceRunner.judge(c, xIs(BooleanValue.TRUE), null, "42").message())
                .isEqualTo("print output differs");
    }

    @Test
    void skippedCasesAreNeverEvaluatedAndSayWhy() throws Exception {
        SkipList skips = SkipList.parse("skips.txt", List.of(
                "# needs a network",
                "sample.yaml#0 sample/big numbers stay exact\tneeds a network",
                "sample.yaml#1\tslow"));
        try (ConformanceRunner runner = new ConformanceRunner(skips, Duration.ofSeconds(5))) {
            ConformanceRunner.FileResult f = runner.runFile(Path.of("src/test/resources/conformance"),
                    Path.of("src/test/resources/conformance/sample.yaml"));
            assertThat(f.loadError()).isNull();
            assertThat(f.file()).isEqualTo("sample.yaml");
            assertThat(f.cases()).hasSize(6);
            assertThat(f.cases().get(0)).isEqualTo(CaseResult.skipped("sample.yaml#0 sample/big numbers stay exact", "needs a network"));
            assertThat(f.cases().get(1).message()).isEqualTo("slow");
            assertThat(f.cases().get(2).message()).startsWith("records an OPA 1.9 quirk");
            assertThat(f.cases().get(3).status()).isEqualTo(CaseResult.Status.SKIPPED);
            assertThat(f.cases().get(4).status()).isEqualTo(CaseResult.Status.SKIPPED);
            assertThat(f.cases().get(5).status()).isNotEqualTo(CaseResult.Status.SKIPPED);
        }
    }

    @Test
    void anUnreadableFileIsReportedWithItsError() throws Exception {
        try (ConformanceRunner runner = new ConformanceRunner()) {
            ConformanceRunner.FileResult f = runner.runFile(Path.of("src/test/resources"),
                    Path.of("src/test/resources/conformance/does-not-exist.yaml"));
            assertThat(f.loadError()).startsWith("conformance/does-not-exist.yaml: cannot read");
        }
    }

    @Test
    void aSkipListLineWithoutAReasonIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SkipList.parse("s.txt", List.of("a.yaml#0 x")))
                .hasMessageContaining("s.txt:1");
    }
}
