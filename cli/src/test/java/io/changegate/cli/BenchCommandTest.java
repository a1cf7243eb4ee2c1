package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static Path policy(Path dir) throws Exception {
        Path p = dir.resolve("p.rego");
        Files.writeString(p, """
                package bench

                response := {"uid": input.uid, "big": input.n > 1, "tags": {t | some t in input.tags}}
                """);
        return p;
    }

    @Test
    void anInvalidInputLineIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path inputs = dir.resolve("inputs.jsonl");
        Files.writeString(inputs, "{\"uid\": 1}\n{\"uid\": \n");
        Cli r = Cli.run("bench", "-d", policy(dir).toString(), "-i", inputs.toString(), "-q", "data.bench.response");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("changegate bench: " + inputs + ":2:");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void zeroPassesIsAUsageError(@TempDir Path dir) throws Exception {
        Path inputs = dir.resolve("inputs.jsonl");
        Files.writeString(inputs, "{}\n");
        Cli r = Cli.run("bench", "-d", policy(dir).toString(), "-i", inputs.toString(), "-q", "data.x", "-n", "0");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void writesOneSortedCompactResultPerInputAndOneSummaryLine(@TempDir Path dir) throws Exception {
        assumeTrue(Cli.engineWorks(), "the evaluator is not implemented yet");
        Path inputs = dir.resolve("inputs.jsonl");
        Files.writeString(inputs, "{\"uid\": \"a\", \"n\": 2, \"tags\": [\"z\", \"y\"]}\n\n{\"uid\": \"b\", \"n\": 0, \"tags\": []}\n");
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("bench", "-d", policy(dir).toString(), "-i", inputs.toString(), "-q", "data.bench.response",
                "-o", out.toString(), "-n", "3");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(Files.readAllLines(out)).containsExactly(
                "{\"big\":true,\"tags\":[\"y\",\"z\"],\"uid\":\"a\"}",
                "{\"big\":false,\"tags\":[],\"uid\":\"b\"}");
        ObjectValue summary = (ObjectValue) Json.parse(r.out());
        assertThat(r.out()).startsWith("{\"engine\":\"changegate\",\"inputs\":2,\"iterations\":3,\"best_total_ms\":");
        assertThat(summary.get("best_us_per_eval")).isNotNull();
    }

    @Test
    void anUndefinedResultIsWrittenAsNull(@TempDir Path dir) throws Exception {
        assumeTrue(Cli.engineWorks(), "the evaluator is not implemented yet");
        Path inputs = dir.resolve("inputs.jsonl");
        Files.writeString(inputs, "{\"uid\": \"a\"}\n");
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("bench", "-d", policy(dir).toString(), "-i", inputs.toString(), "-q", "data.bench.nothing",
                "-o", out.toString(), "-n", "1");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(Files.readAllLines(out)).isEqualTo(List.of("null"));
        assertThat(r.err()).contains("undefined for 1 input(s)");
    }
}
