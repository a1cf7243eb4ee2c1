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
 * A function defined N times, {@code f("k<i>") := i}, called with the key of the last definition:
 * indexing the definitions by their constant argument makes the call independent of N.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class FunctionArgumentIndexBenchmark {
    @Param({"1000"})
    public int definitions;

    PreparedQuery query;
    Value input;

    @Setup
    public void prepare() {
        StringBuilder src = new StringBuilder("package bench\n\nr := f(input.key)\n\n");
        for (int i = 0; i < definitions; i++) {
            src.append("f(\"k").append(i).append("\") := ").append(i).append('\n');
        }
        query = Policy.prepare(src.toString(), null, "data.bench.r");
        input = Json.parse("{\"key\": \"k" + (definitions - 1) + "\"}");
        Policy.expect(query, input, String.valueOf(definitions - 1));
    }

    @Benchmark
    public List<QueryResult> functionArgumentIndex() throws RegoException {
        return query.eval(input, EvalOptions.DEFAULT);
    }
}
