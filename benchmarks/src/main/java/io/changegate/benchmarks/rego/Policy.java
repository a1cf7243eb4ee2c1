package io.changegate.benchmarks.rego;

import io.changegate.rego.PreparedQuery;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.List;

/**
 * Compiles a benchmark policy once and checks its answer before JMH starts timing, so that a
 * figure can never come from a query that silently went undefined.
 */
final class Policy {
    private Policy() {
    }

    /** Prepares {@code query} over one module (or none when {@code module} is null) and base data. */
    static PreparedQuery prepare(String module, Value data, String query) {
        Rego.Builder b = Rego.builder().data(data == null ? ObjectValue.EMPTY : data);
        if (module != null) {
            b.module("bench.rego", module);
        }
        try {
            return b.prepare(query);
        } catch (RegoException e) {
            throw new IllegalStateException("benchmark policy does not compile: " + e.getMessage(), e);
        }
    }

    /** Evaluates once and fails the setup unless the first expression is {@code expectedJson} (sets written as arrays). */
    static void expect(PreparedQuery q, Value input, String expectedJson) {
        Value want = Json.parse(expectedJson);
        Value got;
        try {
            got = q.evalValue(input);
        } catch (RegoException e) {
            throw new IllegalStateException("benchmark query failed: " + e.getMessage(), e);
        }
        if (got == null || !Json.write(got).equals(Json.write(want))) {
            throw new IllegalStateException("benchmark query answered " + (got == null ? "undefined" : Json.write(got))
                    + ", expected " + expectedJson);
        }
    }

    /** Evaluates once and fails the setup unless the query has exactly {@code n} solutions. */
    static void expectSolutions(PreparedQuery q, Value input, int n) {
        try {
            List<?> rs = q.eval(input);
            if (rs.size() != n) {
                throw new IllegalStateException("benchmark query has " + rs.size() + " solutions, expected " + n);
            }
        } catch (RegoException e) {
            throw new IllegalStateException("benchmark query failed: " + e.getMessage(), e);
        }
    }
}
