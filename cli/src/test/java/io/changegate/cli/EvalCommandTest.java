package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.changegate.rego.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @Test
    void aMissingPolicyFileIsOneClearLineAndExitCodeOne() {
        Cli r = Cli.run("eval", "-d", "does/not/exist.rego", "data.x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("changegate: no such file or directory: does/not/exist.rego\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void invalidInputJsonNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("input.json");
        Files.writeString(input, "{\"a\": [1, 2}");
        Cli r = Cli.run("eval", "-i", input.toString(), "input.a");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("changegate: " + input + ":1:12: ");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void aMissingQueryIsAUsageErrorWithExitCodeTwo() {
        Cli r = Cli.run("eval");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'QUERY'");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli r = Cli.run("eval", "--format", "yaml", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format");
    }

    @Test
    void compileErrorsPrintOpasJsonOnStdoutAndTextOnStderr(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("p.rego");
        Files.writeString(policy, "package p\n\nallow if {\n");
        Cli r = Cli.run("eval", "-d", policy.toString(), "data.p.allow");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Json.parse(r.out()).toJson()).startsWith("{\"errors\":[{");
        assertThat(r.err()).isNotEmpty();
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void aSyntaxErrorIsReportedAsFileLineColumnRegoParseError(@TempDir Path dir) throws Exception {
        assumeTrue(Cli.parserWorks(), "the parser is not implemented yet");
        Path policy = dir.resolve("p.rego");
        Files.writeString(policy, "package p\n\nallow if {\n");
        Cli r = Cli.run("eval", "--format", "pretty", "-d", policy.toString(), "data.p.allow");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).matches("(?s)" + java.util.regex.Pattern.quote(policy.toString()) + ":\\d+:\\d+: rego_parse_error: .*");
    }

    @Test
    void evaluatesTheShippedExampleAsTheReadmeShows() {
        assumeTrue(Cli.engineWorks(), "the evaluator is not implemented yet");
        Path example = repoRoot().resolve("examples/quickstart");
        Cli r = Cli.run("eval", "-d", example.toString(), "-i", example.resolve("input.json").toString(),
                "--format", "raw", "data.quickstart.deny");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("CVE-2024-3094");
    }

    @Test
    void evaluatesAQueryWithBindingsInOpasShape(@TempDir Path dir) throws Exception {
        assumeTrue(Cli.engineWorks(), "the evaluator is not implemented yet");
        Files.writeString(dir.resolve("data.json"), "{\"xs\": [1, 2]}");
        Cli r = Cli.run("eval", "-d", dir.toString(), "x := data.xs[_]; x > 0");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(Json.parse(r.out()).toJson()).isEqualTo("{\"result\":["
                + "{\"bindings\":{\"x\":1},\"expressions\":["
                + "{\"location\":{\"col\":1,\"row\":1},\"text\":\"x := data.xs[_]\",\"value\":true},"
                + "{\"location\":{\"col\":18,\"row\":1},\"text\":\"x > 0\",\"value\":true}]},"
                + "{\"bindings\":{\"x\":2},\"expressions\":["
                + "{\"location\":{\"col\":1,\"row\":1},\"text\":\"x := data.xs[_]\",\"value\":true},"
                + "{\"location\":{\"col\":18,\"row\":1},\"text\":\"x > 0\",\"value\":true}]}]}");
    }

    /**
     * OPA captures the value of each call in a query, but when the query has several expressions
     * or iterates it also requires the captured value to be true (rego.rewriteQueryToCaptureValue),
     * so rows where a comparison is false are dropped; only a lone, non-iterating call such as
     * {@code 1 > 2} reports {@code false}.
     */
    @Test
    void aMultiExpressionQueryDropsRowsWhereACallIsFalse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"xs\": [1, 2]}");
        Cli r = Cli.run("eval", "-f", "raw", "-d", dir.toString(), "x := data.xs[_]; x > 1; y := x");
        assertThat(r.out()).isEqualTo("true true true\n");
        assertThat(Cli.run("eval", "-f", "raw", "1 > 2").out()).isEqualTo("false\n");
    }

    @Test
    void failExitsOneWhenUndefined() {
        assumeTrue(Cli.engineWorks(), "the evaluator is not implemented yet");
        Cli r = Cli.run("eval", "--fail", "data.nothing.here");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("{}\n");
    }

    /** The repository root: the nearest parent directory holding {@code mvnw}. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        return p;
    }
}
