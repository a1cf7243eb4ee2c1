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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The fixed cost of one evaluation: a query over base data, a one-rule policy, a deep read of base data. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrivialBenchmarks {

    /** {@code data.x = 1} with no modules. */
    @State(Scope.Benchmark)
    public static class TrivialQuery {
        PreparedQuery query;

        @Setup
        public void prepare() {
            query = Policy.prepare(null, Json.parse("{\"x\": 1}"), "data.x = 1");
            Policy.expect(query, null, "true");
        }
    }

    /** {@code allow if input.user == "alice"}, asked with alice. */
    @State(Scope.Benchmark)
    public static class TrivialPolicy {
        PreparedQuery query;
        Value input;

        @Setup
        public void prepare() {
            query = Policy.prepare("""
                    package authz

                    default allow := false

                    allow if input.user == "alice"
                    """, null, "data.authz.allow");
            input = Json.parse("{\"user\": \"alice\"}");
            Policy.expect(query, input, "true");
        }
    }

    /** A read eight levels down base data that has ten keys at every level of the path. */
    @State(Scope.Benchmark)
    public static class StoreRead {
        static final int DEPTH = 8;
        static final int WIDTH = 10;
        PreparedQuery query;

        @Setup
        public void prepare() {
            StringBuilder path = new StringBuilder("data.store");
            for (int level = 0; level < DEPTH; level++) {
                path.append(".k7");
            }
            query = Policy.prepare(null, Json.parse("{\"store\": " + level(0) + "}"), path + ".leaf");
            Policy.expect(query, null, "\"found\"");
        }

        /** An object whose key k7 leads one level deeper and whose other keys are leaves. */
        private static String level(int depth) {
            if (depth == DEPTH) {
                return "{\"leaf\": \"found\"}";
            }
            StringBuilder sb = new StringBuilder("{");
            for (int k = 0; k < WIDTH; k++) {
                sb.append(k == 0 ? "" : ", ").append("\"k").append(k).append("\": ");
                sb.append(k == 7 ? level(depth + 1) : "{\"leaf\": " + k + "}");
            }
            return sb.append('}').toString();
        }
    }

    @Benchmark
    public List<QueryResult> trivialQuery(TrivialQuery s) throws RegoException {
        return s.query.eval(null, EvalOptions.DEFAULT);
    }

    @Benchmark
    public List<QueryResult> trivialPolicy(TrivialPolicy s) throws RegoException {
        return s.query.eval(s.input, EvalOptions.DEFAULT);
    }

    @Benchmark
    public List<QueryResult> storeRead(StoreRead s) throws RegoException {
        return s.query.eval(null, EvalOptions.DEFAULT);
    }
}
