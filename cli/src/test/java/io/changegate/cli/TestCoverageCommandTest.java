package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCoverageCommandTest {
    private static final String POLICY = """
            package p

            allow if {
            	input.user == "admin"
            }

            unused := 1
            """;
    private static final String TESTS = """
            package p

            test_allow if allow with input as {"user": "admin"}
            """;

    private static Path policies(Path dir, String tests) throws Exception {
        Files.writeString(dir.resolve("p.rego"), POLICY);
        Files.writeString(dir.resolve("p_test.rego"), tests);
        return dir;
    }

    @Test
    void coverageIsReportedAsOpaWritesItsJson(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("test", "--coverage", policies(dir, TESTS).toString());
        assertThat(r.exitCode()).isZero();
        String p = GoJson.quote(dir.resolve("p.rego").toString());
        String t = GoJson.quote(dir.resolve("p_test.rego").toString());
        assertThat(r.out()).isEqualTo("""
                {
                  "files": {
                    %s: {
                      "covered": [
                        {
                          "start": {
                            "row": 3
                          },
                          "end": {
                            "row": 4
                          }
                        }
                      ],
                      "not_covered": [
                        {
                          "start": {
                            "row": 7
                          },
                          "end": {
                            "row": 7
                          }
                        }
                      ],
                      "covered_lines": 2,
                      "not_covered_lines": 1,
                      "coverage": 66.66666666666667
                    },
                    %s: {
                      "covered": [
                        {
                          "start": {
                            "row": 3
                          },
                          "end": {
                            "row": 3
                          }
                        }
                      ],
                      "covered_lines": 1,
                      "coverage": 100
                    }
                  },
                  "covered_lines": 3,
                  "not_covered_lines": 1,
                  "coverage": 75
                }
                """.formatted(p, t));
    }

    @Test
    void coverageBelowTheThresholdIsExitTwoWithOpasMessage(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("test", "--threshold", "80", policies(dir, TESTS).toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("Code coverage threshold not met: got 75.00 instead of 80.00\n");
        Cli verbose = Cli.run("test", "-v", "--threshold", "80", dir.toString());
        assertThat(verbose.err()).isEqualTo("Code coverage threshold not met: got 75.00 instead of 80.00\n"
                + "Lines not covered:\n\t" + dir.resolve("p.rego") + ":7\n");
        assertThat(Cli.run("test", "--threshold", "75", dir.toString()).exitCode()).isZero();
    }

    @Test
    void aFailingTestInCoverageModeIsReportedInsteadOfTheReport(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("test", "--coverage", policies(dir, "package p\n\ntest_deny if not allow with input as {\"user\": \"admin\"}\n").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("data.p.test_deny: FAIL (");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void aThresholdOutsideZeroToHundredIsRejectedAsOpaDoes(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("test", "--threshold", "101", policies(dir, TESTS).toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Code coverage threshold must be between 0 and 100\n");
    }
}
