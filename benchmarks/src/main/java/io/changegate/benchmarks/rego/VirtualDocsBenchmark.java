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
 * A virtual document defined by N rules of which exactly one matches the input (the last one
 * written). Each rule compares input fields with constants, the shape rule indexing serves: with
 * an index, 1000 rules should cost about what one rule costs; without, time grows with N.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VirtualDocsBenchmark {

    /** N bodies of one complete rule {@code allow}. */
    @State(Scope.Benchmark)
    public static class CompleteRules {
        @Param({"1", "1000"})
        public int rules;

        PreparedQuery query;
        Value input;

        @Setup
        public void prepare() {
            StringBuilder src = new StringBuilder("package bench\n\ndefault allow := false\n");
            for (int i = 0; i < rules; i++) {
                src.append("\nallow if {\n    input.method == \"GET\"\n    input.user == \"user")
                        .append(i).append("\"\n}\n");
            }
            query = Policy.prepare(src.toString(), null, "data.bench.allow");
            input = Json.parse("{\"method\": \"GET\", \"user\": \"user" + (rules - 1) + "\"}");
            Policy.expect(query, input, "true");
        }
    }

    /** N rules adding to one partial set {@code deny}. */
    @State(Scope.Benchmark)
    public static class PartialSetRules {
        @Param({"1", "1000"})
        public int rules;

        PreparedQuery query;
        Value input;

        @Setup
        public void prepare() {
            StringBuilder src = new StringBuilder("package bench\n");
            for (int i = 0; i < rules; i++) {
                src.append("\ndeny contains \"rule").append(i).append("\" if {\n    input.kind == \"Kind")
                        .append(i).append("\"\n}\n");
            }
            query = Policy.prepare(src.toString(), null, "data.bench.deny");
            input = Json.parse("{\"kind\": \"Kind" + (rules - 1) + "\"}");
            Policy.expect(query, input, "[\"rule" + (rules - 1) + "\"]");
        }
    }

    @Benchmark
    public List<QueryResult> completeRules(CompleteRules s) throws RegoException {
        return s.query.eval(s.input, EvalOptions.DEFAULT);
    }

    @Benchmark
    public List<QueryResult> partialSetRules(PartialSetRules s) throws RegoException {
        return s.query.eval(s.input, EvalOptions.DEFAULT);
    }
}
