package io.changegate.cli;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.Value;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code changegate bench}: the evaluation loop of the shared benchmarks ({@code ../shared/bench}).
 *
 * <p>Loads the policy and prepares the query once, parses every input line once, then evaluates
 * the query once per input per pass and reports the best pass. Input parsing and output writing
 * are outside the timed loop. With {@code -o}, the first pass's results are written one line per
 * input: the first expression's value as compact JSON with sorted keys, or {@code null} when the
 * query is undefined for that input (JSON has no "undefined", and one line per input keeps the
 * file aligned with the inputs; a Go loop marshalling a missing value writes {@code null} too).
 */
@Command(name = "bench", sortOptions = false,
        description = {"Benchmark a query over JSONL inputs, as the shared reference loops do.",
                "Prints {\"engine\":\"changegate\",\"inputs\":N,\"iterations\":P,\"best_total_ms\":...,\"best_us_per_eval\":...}."})
final class BenchCommand extends CliCommand {
    @Option(names = {"-d", "--data"}, paramLabel = "PATH", required = true,
            description = "Policy or data file or directory, as for eval (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = {"-i", "--inputs"}, paramLabel = "INPUTS.jsonl", required = true,
            description = "One JSON input document per line.")
    Path inputs;

    @Option(names = {"-q", "--query"}, paramLabel = "QUERY", required = true, description = "The query to evaluate.")
    String query;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jsonl", description = "Write one result per input line.")
    Path output;

    @Option(names = {"-n", "--passes"}, paramLabel = "PASSES", defaultValue = "10",
            description = "Passes over all inputs; the best one is reported (default: ${DEFAULT-VALUE}).")
    int passes;

    @Override
    protected int execute() throws Exception {
        if (passes < 1) {
            throw new CliException("changegate bench: --passes must be at least 1", 2);
        }
        PolicyFiles.Loaded loaded = PolicyFiles.load(data);
        List<Value> docs = readInputs(inputs);
        Rego.Builder builder = Rego.builder().data(loaded.data());
        for (Rego.SourceFile m : loaded.modules()) {
            builder.module(m.file(), m.source());
        }
        PreparedQuery prepared;
        try {
            prepared = builder.prepare(query);
        } catch (RegoException e) {
            err().print(OpaOutput.errorsText(e.errors()));
            return 1;
        }

        Value[] firstPass = new Value[docs.size()];
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < docs.size(); i++) {
                List<QueryResult> r;
                try {
                    r = prepared.eval(docs.get(i), EvalOptions.DEFAULT);
                } catch (RegoException e) {
                    err().println("changegate bench: " + inputs + ":" + (i + 1) + ": " + e.getMessage());
                    return 1;
                }
                if (pass == 0) {
                    firstPass[i] = r.isEmpty() ? null : r.get(0).expressions().get(0).value();
                }
            }
            best = Math.min(best, System.nanoTime() - start);
        }

        if (output != null) {
            writeResults(firstPass);
        }
        double bestMs = best / 1e6;
        double usPerEval = docs.isEmpty() ? 0 : best / 1e3 / docs.size();
        out().println(String.format(Locale.ROOT,
                "{\"engine\":\"changegate\",\"inputs\":%d,\"iterations\":%d,\"best_total_ms\":%.3f,\"best_us_per_eval\":%.3f}",
                docs.size(), passes, bestMs, usPerEval));
        return 0;
    }

    /** Parses every non-blank line; an invalid line is an error naming its line number. */
    private static List<Value> readInputs(Path file) throws IOException, CliException {
        List<Value> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    docs.add(Json.parse(line));
                } catch (JsonException e) {
                    throw new CliException("changegate bench: " + file + ":" + n + ":" + e.column() + ": " + e.reason());
                }
            }
        }
        return docs;
    }

    private void writeResults(Value[] results) throws IOException {
        int undefined = 0;
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Value v : results) {
                if (v == null) {
                    undefined++;
                    w.write("null");
                } else {
                    w.write(Json.write(v));
                }
                w.write('\n');
            }
        }
        if (undefined > 0) {
            err().println("changegate bench: the query was undefined for " + undefined + " input(s); written as null");
        }
    }
}
