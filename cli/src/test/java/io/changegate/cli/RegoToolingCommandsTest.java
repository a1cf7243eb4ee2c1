package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegoToolingCommandsTest {
    private static final String POLICY = "package authz\n\nallow if input.user == \"admin\"\n";
    private static final String TESTS = """
            package authz_test

            import data.authz

            test_admin if authz.allow with input as {"user": "admin"}

            test_guest if {
            	print("guest check")
            	authz.allow with input as {"user": "guest"}
            }

            todo_test_later if false
            """;

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void testReportsFailuresWithPrintOutputTheSummaryAndExitsOne(@TempDir Path dir) throws Exception {
        write(dir, "p.rego", POLICY);
        Path t = write(dir, "p_test.rego", TESTS);
        Cli r = Cli.run("test", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).matches("(?s)" + java.util.regex.Pattern.quote(t + ":\n")
                + "data\\.authz_test\\.test_guest: FAIL \\([0-9.]+(ns|µs|ms|s)\\)\n\n  guest check\n\n"
                + "data\\.authz_test\\.todo_test_later: SKIPPED\n-{80}\nPASS: 1/3\nFAIL: 1/3\nSKIPPED: 1/3\n1 passed, 1 failed\n");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void passingTestsExitZeroAndVerboseListsEveryTest(@TempDir Path dir) throws Exception {
        write(dir, "p.rego", POLICY);
        write(dir, "p_test.rego", "package authz_test\n\nimport data.authz\n\ntest_admin if authz.allow with input as {\"user\": \"admin\"}\n");
        Cli quiet = Cli.run("test", dir.toString());
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).isEqualTo("PASS: 1/1\n1 passed, 0 failed\n");
        Cli verbose = Cli.run("test", "-v", dir.toString());
        assertThat(verbose.out()).contains("data.authz_test.test_admin: PASS (").endsWith("-".repeat(80) + "\nPASS: 1/1\n1 passed, 0 failed\n");
    }

    @Test
    void testJsonFormatIsAnArrayOfResults(@TempDir Path dir) throws Exception {
        write(dir, "p.rego", POLICY);
        write(dir, "p_test.rego", TESTS);
        Cli r = Cli.run("test", "--format", "json", dir.toString());
        assertThat(r.out()).startsWith("[\n  {\n    \"location\": {\n").contains("\"name\": \"test_guest\",\n    \"fail\": true,")
                .contains("\"skip\": true,").contains("\"output\": ");
        assertThat(io.changegate.rego.value.Json.parse(r.out()).typeName()).isEqualTo("array");
    }

    @Test
    void aPolicyThatDoesNotParseIsExitTwoWithALocatedError(@TempDir Path dir) throws Exception {
        Path bad = write(dir, "bad.rego", "package p\n\ntest_x if {\n");
        Cli r = Cli.run("test", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("1 error occurred: " + bad + ":4: rego_parse_error: unexpected eof token");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void anInvalidRunPatternIsAUsageError(@TempDir Path dir) throws Exception {
        write(dir, "p.rego", POLICY);
        Cli r = Cli.run("test", "-r", "(", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("changegate: invalid --run regular expression");
    }

    @Test
    void fmtPrintsListsAndWritesCanonicalSource(@TempDir Path dir) throws Exception {
        Path p = write(dir, "p.rego", "package p\nallow if {\n    input.x == 1\n}\n");
        Cli printed = Cli.run("fmt", p.toString());
        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out()).isEqualTo("package p\n\nallow if {\n\tinput.x == 1\n}\n");
        assertThat(Cli.run("fmt", "--list", dir.toString()).out()).isEqualTo(p + "\n");
        assertThat(Cli.run("fmt", "--fail", "--list", p.toString()).exitCode()).isEqualTo(1);
        assertThat(Cli.run("fmt", "--diff", p.toString()).out()).contains("-    input.x == 1\n").contains("+\tinput.x == 1\n");
        assertThat(Cli.run("fmt", "--write", p.toString()).exitCode()).isZero();
        assertThat(Files.readString(p)).isEqualTo(printed.out());
        assertThat(Cli.run("fmt", "--list", p.toString()).out()).isEmpty();
    }

    @Test
    void fmtRewritesV0ToV1(@TempDir Path dir) throws Exception {
        Path p = write(dir, "p.rego", "package p\n\ndeny[msg] {\n  msg := \"no\"\n}\n");
        assertThat(Cli.run("fmt", "--rego-v1", p.toString()).out())
                .isEqualTo("package p\n\nimport rego.v1\n\ndeny contains msg if {\n\tmsg := \"no\"\n}\n");
    }

    @Test
    void fmtOfASyntaxErrorIsExitTwo(@TempDir Path dir) throws Exception {
        Path p = write(dir, "p.rego", "package p\nallow if {\n");
        Cli r = Cli.run("fmt", p.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rego_parse_error");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void checkReportsCompileErrorsAsOpaDoesAndExitsOne(@TempDir Path dir) throws Exception {
        Path p = write(dir, "p.rego", "package p\n\nallow if {\n\tx := y\n}\n");
        Cli r = Cli.run("check", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("1 error occurred: " + p + ":4: rego_unsafe_var_error: var y is unsafe\n");
        Cli json = Cli.run("check", "--format", "json", dir.toString());
        assertThat(json.out()).contains("\"code\": \"rego_unsafe_var_error\"");
        write(dir, "p.rego", POLICY);
        assertThat(Cli.run("check", dir.toString()).exitCode()).isZero();
    }

    @Test
    void inspectListsPackagesRulesAndAnnotations(@TempDir Path dir) throws Exception {
        write(dir, "m.rego", "# METADATA\n# title: Authorization\npackage authz\n\n# METADATA\n# title: Allow rule\n# custom:\n#   severity: high\nallow if input.user == \"admin\"\n");
        Cli r = Cli.run("inspect", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("  data.authz\n").contains("rule: data.authz.allow\n")
                .contains("title: Authorization\n").contains("custom: {\"severity\":\"high\"}\n");
        assertThat(Cli.run("inspect", "-f", "json", dir.toString()).out()).contains("\"path\": \"data.authz.allow\"");
    }
}
