package io.changegate.benchmarks.rego;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.RegoException;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
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
 * Iteration over an input array looking for one element, which is the last: every element is
 * visited, so the time per element is the cost of one step of iteration plus one comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ArrayIterationBenchmark {
    @Param({"512", "10000"})
    public int size;

    PreparedQuery query;
    Value input;

    @Setup
    public void prepare() {
        query = Policy.prepare("""
                package bench

                default found := false

                found if {
                    some x in input.xs
                    x == input.target
                }
                """, null, "data.bench.found");
        List<Value> xs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            xs.add(NumberValue.of(i));
        }
        input = ObjectValue.builder()
                .put("xs", ArrayValue.of(xs))
                .put("target", NumberValue.of(size - 1))
                .build();
        Policy.expect(query, input, "true");
    }

    @Benchmark
    public List<QueryResult> arrayIteration() throws RegoException {
        return query.eval(input, EvalOptions.DEFAULT);
    }
}
