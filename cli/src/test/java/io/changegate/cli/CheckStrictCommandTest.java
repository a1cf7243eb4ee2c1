package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckStrictCommandTest {
    private static final String SLOPPY = """
            package p

            allow if {
            	x := input.x
            	input.y == 1
            }

            f(a, b) := a
            """;

    @Test
    void strictModeReportsUnusedAssignmentsAndArgumentsThatTheCompilerAccepts(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.rego");
        Files.writeString(p, SLOPPY);
        assertThat(Cli.run("check", p.toString()).exitCode()).isZero();
        Cli r = Cli.run("check", "--strict", p.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("2 errors occurred:\n"
                + p + ":4: rego_compile_error: assigned var x unused\n"
                + p + ":8: rego_compile_error: unused argument b. (hint: use _ (wildcard variable) instead)\n");
    }

    @Test
    void strictErrorsAsJsonCarryCodeAndLocation(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.rego");
        Files.writeString(p, "package p\n\nimport data.unused\n\nq := 1\n");
        Cli r = Cli.run("check", "-S", "--format", "json", p.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                {
                  "errors": [
                    {
                      "message": "import data.unused unused",
                      "code": "rego_compile_error",
                      "location": {
                        "file": %s,
                        "row": 3,
                        "col": 1
                      }
                    }
                  ]
                }
                """.formatted(GoJson.quote(p.toString())));
    }

    @Test
    void deprecatedBuiltinsInV0ModulesAreStrictTypeErrors(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("old.rego");
        Files.writeString(p, "package p\n\nq {\n\tre_match(\"a\", \"a\")\n}\n");
        assertThat(Cli.run("check", "--v0-compatible", p.toString()).exitCode()).isZero();
        Cli r = Cli.run("check", "--v0-compatible", "--strict", p.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("1 error occurred: " + p
                + ":4: rego_type_error: deprecated built-in function calls in expression: re_match\n");
    }

    @Test
    void aStrictCheckOfCleanOrBrokenFilesBehavesAsWithoutStrict(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean.rego");
        Files.writeString(clean, "package p\n\nimport data.users\n\nallow if users[input.name]\n");
        assertThat(Cli.run("check", "--strict", clean.toString()).exitCode()).isZero();
        Path broken = dir.resolve("broken.rego");
        Files.writeString(broken, "package p\n\nallow if {\n");
        Cli r = Cli.run("check", "--strict", broken.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(broken + ":").contains("rego_parse_error");
        assertThat(r.hasNoStackTrace()).isTrue();
    }
}
