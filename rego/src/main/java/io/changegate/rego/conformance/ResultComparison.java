package io.changegate.rego.conformance;

import io.changegate.rego.QueryResult;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import io.changegate.rego.value.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares query results with a case's {@code want_result} as OPA's runner does: as JSON values.
 *
 * <p>Actual bindings go through JSON first, so sets become arrays and non-string object keys
 * become their JSON text, exactly as the expected values were written. Numbers compare as
 * numbers ({@code 5.0} equals {@code 5}). Rows compare as a multiset: the corpora's expected rows
 * follow no order beyond OPA's, and rego-cpp's harness compares them unordered.
 */
public final class ResultComparison {
    private ResultComparison() {
    }

    /** The binding rows of {@code results} as JSON values. */
    public static List<ObjectValue> actualRows(List<QueryResult> results) {
        List<ObjectValue> rows = new ArrayList<>(results.size());
        for (QueryResult r : results) {
            rows.add((ObjectValue) asJson(r.bindings()));
        }
        return rows;
    }

    /** {@code v} as it reads back from its JSON text. */
    public static Value asJson(Value v) {
        return Json.parse(Json.write(v));
    }

    /** True when the rows are equal as multisets, after sorting array bindings when asked. */
    public static boolean matches(List<ObjectValue> expected, List<ObjectValue> actual, boolean sortBindings) {
        if (expected.size() != actual.size()) {
            return false;
        }
        return normalise(expected, sortBindings).equals(normalise(actual, sortBindings));
    }

    /**
     * Rows in a canonical form: JSON-normalised, array bindings sorted (when {@code sortBindings}),
     * and the rows themselves sorted.
     */
    static List<ObjectValue> normalise(List<ObjectValue> rows, boolean sortBindings) {
        List<ObjectValue> out = new ArrayList<>(rows.size());
        for (ObjectValue row : rows) {
            ObjectValue r = (ObjectValue) asJson(row);
            if (sortBindings) {
                r = sortArrayBindings(r);
            }
            out.add(r);
        }
        out.sort(Values::compare);
        return out;
    }

    /** Sorts each top-level binding value that is an array, in OPA's value order. */
    static ObjectValue sortArrayBindings(ObjectValue row) {
        ObjectValue.Builder b = ObjectValue.builder(row.size());
        for (int i = 0; i < row.size(); i++) {
            Value v = row.valueAt(i);
            if (v instanceof ArrayValue a) {
                Value[] items = a.toArray();
                Arrays.sort(items, Values::compare);
                v = ArrayValue.wrap(items);
            }
            b.put(row.keyAt(i), v);
        }
        return b.build();
    }

    /** Rows rendered as compact JSON for failure reports. */
    public static String render(List<ObjectValue> rows) {
        return Json.write(ArrayValue.of(rows));
    }
}
