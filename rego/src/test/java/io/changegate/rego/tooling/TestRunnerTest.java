package io.changegate.rego.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.tooling.TestRunner.Outcome;
import io.changegate.rego.tooling.TestRunner.TestResult;
import io.changegate.rego.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRunnerTest {
    private static final String POLICY = """
            package authz

            allow if input.user == "admin"
            """;
    private static final String TESTS = """
            package authz_test

            import data.authz

            test_admin_allowed if authz.allow with input as {"user": "admin"}

            test_guest_allowed if {
            	print("guest", input)
            	authz.allow with input as {"user": "guest"}
            }

            todo_test_later if false

            test_conflict if f(1)

            f(x) := 1
            f(x) := 2

            test_admin_allowed if false

            helper := true
            """;

    private static List<TestResult> run(TestRunner.Options options, String... files) throws RegoException {
        List<Rego.SourceFile> sources = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            sources.add(new Rego.SourceFile("f" + i + ".rego", files[i], null));
        }
        return TestRunner.run(sources, ObjectValue.EMPTY, options);
    }

    @Test
    void passingFailingErroringSkippedAndDuplicateTestsAreReportedInSourceOrder() throws Exception {
        List<TestResult> rs = run(TestRunner.Options.DEFAULT, POLICY, TESTS);
        assertThat(rs).extracting(TestResult::fullName).containsExactly(
                "data.authz_test.test_admin_allowed", "data.authz_test.test_guest_allowed",
                "data.authz_test.todo_test_later", "data.authz_test.test_conflict",
                "data.authz_test.test_admin_allowed#01");
        assertThat(rs).extracting(TestResult::outcome).containsExactly(
                Outcome.PASS, Outcome.FAIL, Outcome.SKIPPED, Outcome.ERROR, Outcome.FAIL);
        assertThat(rs.get(1).output()).isEqualTo("guest <undefined>\n");
        assertThat(rs.get(3).error().code()).isEqualTo("eval_conflict_error");
        assertThat(rs.get(0).location().row()).isEqualTo(5);
    }

    @Test
    void printOutputOfATestIsCaptured() throws Exception {
        List<TestResult> rs = run(TestRunner.Options.DEFAULT, "package p\n\ntest_p if {\n\tprint(\"hello\", 1)\n}\n");
        assertThat(rs.get(0).output()).isEqualTo("hello 1\n");
        assertThat(rs.get(0).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aFilterSelectsTestsByFullName() throws Exception {
        TestRunner.Options only = new TestRunner.Options(RegoVersion.V1, Pattern.compile("guest"), false);
        assertThat(run(only, POLICY, TESTS)).extracting(TestResult::name).containsExactly("test_guest_allowed");
    }

    @Test
    void functionsAndNonTrueValuesAreNotPasses() throws Exception {
        List<TestResult> rs = run(TestRunner.Options.DEFAULT, "package p\n\ntest_f(x) := x\n\ntest_v := 7\n");
        assertThat(rs).extracting(TestResult::name).containsExactly("test_v");
        assertThat(rs.get(0).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void v0PoliciesRunWhenAskedFor() throws Exception {
        TestRunner.Options v0 = new TestRunner.Options(RegoVersion.V0, null, false);
        List<TestResult> rs = run(v0, "package p\n\nallow { input.x == 1 }\n\ntest_allow { allow with input as {\"x\": 1} }\n");
        assertThat(rs).extracting(TestResult::outcome).containsExactly(Outcome.PASS);
    }

    @Test
    void aParseErrorEndsTheRunWithTheErrorsLocated() {
        assertThatThrownBy(() -> run(TestRunner.Options.DEFAULT, "package p\n\ntest_x if {\n"))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("rego_parse_error"));
    }

    @Test
    void durationsPrintAsGoPrintsThem() {
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(426)).isEqualTo("426ns");
        assertThat(GoDuration.format(1_417)).isEqualTo("1.417µs");
        assertThat(GoDuration.format(2_000_000)).isEqualTo("2ms");
        assertThat(GoDuration.format(1_234_567)).isEqualTo("1.234567ms");
        assertThat(GoDuration.format(1_500_000_000)).isEqualTo("1.5s");
        assertThat(GoDuration.format(62_500_000_000L)).isEqualTo("1m2.5s");
        assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
    }
}
