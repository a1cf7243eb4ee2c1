package io.changegate.benchmarks.rego;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.RegoException;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.Value;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Comprehensions that select items of a collection in base data by key.
 *
 * <p>{@code keyedByOuterVariable} evaluates a comprehension once per item of the outer loop,
 * each time filtering by the outer item's key: N x N comparisons unless the comprehension's
 * results are indexed by that key (OPA's comprehension indexing), then about N.
 * {@code keyedByInput} evaluates one such comprehension keyed by the input: one scan of N items.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ComprehensionIndexingBenchmark {
    @Param({"1000"})
    public int items;

    PreparedQuery byOuterVariable;
    PreparedQuery byInput;
    Value input;

    @Setup
    public void prepare() {
        StringBuilder data = new StringBuilder("{\"items\": [");
        for (int i = 0; i < items; i++) {
            data.append(i == 0 ? "" : ", ").append("{\"key\": \"k").append(i).append("\", \"value\": ").append(i).append('}');
        }
        Value base = Json.parse(data.append("]}").toString());
        String module = """
                package bench

                unique_keys contains item.key if {
                    some item in data.items
                    same := [other | some other in data.items; other.key == item.key]
                    count(same) == 1
                }

                matches := {x | some x in data.items; x.key == input.key}
                """;
        byOuterVariable = Policy.prepare(module, base, "count(data.bench.unique_keys)");
        Policy.expect(byOuterVariable, null, String.valueOf(items));
        byInput = Policy.prepare(module, base, "data.bench.matches");
        input = Json.parse("{\"key\": \"k" + (items / 2) + "\"}");
        Policy.expect(byInput, input, "[{\"key\": \"k" + (items / 2) + "\", \"value\": " + (items / 2) + "}]");
    }

    @Benchmark
    public List<QueryResult> keyedByOuterVariable() throws RegoException {
        return byOuterVariable.eval(null, EvalOptions.DEFAULT);
    }

    @Benchmark
    public List<QueryResult> keyedByInput() throws RegoException {
        return byInput.eval(input, EvalOptions.DEFAULT);
    }
}
