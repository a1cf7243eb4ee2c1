package io.changegate.rego.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.Rego;
import io.changegate.rego.tooling.CoverageReport.FileCoverage;
import io.changegate.rego.tooling.CoverageReport.LineRange;
import io.changegate.rego.tooling.TestRunner.Outcome;
import io.changegate.rego.tooling.TestRunner.TestResult;
import io.changegate.rego.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageReportTest {
    private static final String POLICY = """
            package authz

            default allow := false

            allow if {
            	input.user == "admin"
            	input.method == "GET"
            }

            allow if {
            	count(input.user) > 10
            	input.user == "guest"
            }

            deny contains msg if {
            	input.user == "mallory"
            	msg := "no"
            }

            names := [n |
            	some n in input.names
            	startswith(n, "a")
            ]
            """;
    private static final String TESTS = """
            package authz_test

            test_admin if data.authz.allow with input as {"user": "admin", "method": "GET"}

            test_deny if {
            	data.authz.deny == {"no"} with input as {"user": "mallory"}
            }
            """;

    private static TestRunner.CoveredRun run(String... files) throws Exception {
        List<Rego.SourceFile> sources = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            sources.add(new Rego.SourceFile("f" + i + ".rego", files[i], null));
        }
        return TestRunner.runWithCoverage(sources, ObjectValue.EMPTY, TestRunner.Options.DEFAULT);
    }

    @Test
    void evaluatedExpressionsAndProducingRuleHeadsAreCoveredAcrossAllTests() throws Exception {
        TestRunner.CoveredRun run = run(POLICY, TESTS);
        assertThat(run.results()).extracting(TestResult::outcome).containsOnly(Outcome.PASS);
        FileCoverage policy = run.coverage().files().get("f0.rego");
        // 5-7: the first allow (test_admin); 15-17: the deny rule, covered by test_deny alone.
        assertThat(policy.covered()).containsExactly(new LineRange(5, 7), new LineRange(15, 17));
        // 3: the default is never needed; 10-12: the second allow, which the rule index skips (its
        // input.user == "guest" cannot hold), as OPA's index does; 20 and 22: a rule never evaluated
        // (21, a `some` declaration, counts neither way).
        assertThat(policy.notCovered()).containsExactly(new LineRange(3, 3), new LineRange(10, 12),
                new LineRange(20, 20), new LineRange(22, 22));
        assertThat(policy.coveredLines()).isEqualTo(6);
        assertThat(policy.notCoveredLines()).isEqualTo(6);
        assertThat(policy.coverage()).isEqualTo(100.0 * 6 / 12);
        FileCoverage tests = run.coverage().files().get("f1.rego");
        assertThat(tests.covered()).containsExactly(new LineRange(3, 3), new LineRange(5, 6));
        assertThat(tests.notCovered()).isEmpty();
        assertThat(tests.coverage()).isEqualTo(100.0);
        assertThat(run.coverage().coveredLines()).isEqualTo(9);
        assertThat(run.coverage().notCoveredLines()).isEqualTo(6);
        assertThat(run.coverage().coverage()).isEqualTo(100.0 * 9 / 15);
    }

    @Test
    void aFilteredRunCoversOnlyWhatItsTestsEvaluate() throws Exception {
        List<Rego.SourceFile> sources = List.of(new Rego.SourceFile("p.rego", POLICY, null),
                new Rego.SourceFile("p_test.rego", TESTS, null));
        TestRunner.Options onlyDeny = new TestRunner.Options(io.changegate.rego.ast.RegoVersion.V1,
                com.google.re2j.Pattern.compile("test_deny"), false);
        CoverageReport report = TestRunner.runWithCoverage(sources, ObjectValue.EMPTY, onlyDeny).coverage();
        assertThat(report.files().get("p.rego").covered()).containsExactly(new LineRange(15, 17));
        assertThat(report.files().get("p.rego").notCovered()).containsExactly(new LineRange(3, 3),
                new LineRange(5, 7), new LineRange(10, 12), new LineRange(20, 20), new LineRange(22, 22));
        assertThat(report.files().get("p_test.rego").notCovered()).containsExactly(new LineRange(3, 3));
    }

    @Test
    void elseBranchesAndComprehensionBodiesCountLineByLine() throws Exception {
        String policy = """
                package p

                grade := "a" if {
                	input.score > 90
                } else := "b" if {
                	input.score > 80
                } else := "c"

                big := {x | some x in input.xs; x > 10}
                """;
        String tests = """
                package p

                test_b if grade == "b" with input as {"score": 85}
                """;
        CoverageReport report = run(policy, tests).coverage();
        FileCoverage p = report.files().get("f0.rego");
        // The first branch's head (3) did not produce; its else (5) did; the last else (7) never ran.
        assertThat(p.covered()).containsExactly(new LineRange(4, 6));
        assertThat(p.notCovered()).containsExactly(new LineRange(3, 3), new LineRange(7, 7), new LineRange(9, 9));
    }

    @Test
    void noModulesGiveAnEmptyReportAtZeroPercent() throws Exception {
        CoverageReport report = TestRunner.runWithCoverage(List.of(), ObjectValue.EMPTY, TestRunner.Options.DEFAULT)
                .coverage();
        assertThat(report.files()).isEmpty();
        assertThat(report.coverage()).isZero();
    }
}
