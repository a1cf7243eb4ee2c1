package io.changegate.constraints;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** Reads fields of Kubernetes-shaped values without a chain of casts and null checks. */
public final class Fields {
    private Fields() {
    }

    /** The value at a path of object keys, or null when any step is missing or not an object. */
    public static Value at(Value v, String... path) {
        Value cur = v;
        for (String key : path) {
            if (!(cur instanceof ObjectValue o)) {
                return null;
            }
            cur = o.get(key);
        }
        return cur;
    }

    /** The object at a path, or null. */
    public static ObjectValue object(Value v, String... path) {
        return at(v, path) instanceof ObjectValue o ? o : null;
    }

    /** The string at a path, or {@code ""} when missing or not a string. */
    public static String string(Value v, String... path) {
        return at(v, path) instanceof StringValue s ? s.value() : "";
    }

    /** The elements of the array at a path; empty when missing. */
    public static List<Value> list(Value v, String... path) {
        return at(v, path) instanceof ArrayValue a ? a.asList() : List.of();
    }

    /** The API group of an {@code apiVersion} ({@code ""} for the core group). */
    public static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version of an {@code apiVersion}. */
    public static String version(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }
}
