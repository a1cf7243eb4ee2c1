package io.changegate.cli;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes values as OPA's command line does through Go's {@code encoding/json}: {@code <}, {@code >}
 * and {@code &} escaped, sets as arrays, every object key as a string (non-string keys as their
 * JSON text) and keys sorted as Go sorts strings.
 */
final class GoJson {
    private GoJson() {
    }

    /** Compact, as Go's {@code json.Marshal}. */
    static String compact(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, -1);
        return sb.toString();
    }

    /** Indented by two spaces per level starting at {@code depth}, as Go's {@code Encoder.SetIndent("", "  ")}. */
    static String pretty(Value v, int depth) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, depth);
        return sb.toString();
    }

    /** A JSON string literal with Go's escaping. */
    static String quote(String s) {
        return Json.writeGo(StringValue.of(s));
    }

    private static void write(Value v, StringBuilder sb, int depth) {
        switch (v) {
            case ArrayValue a -> writeArray(a.asList(), sb, depth);
            case SetValue s -> writeArray(s.asList(), sb, depth);
            case ObjectValue o -> writeObject(o, sb, depth);
            default -> sb.append(Json.writeGo(v));
        }
    }

    private static void writeArray(List<Value> items, StringBuilder sb, int depth) {
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            newline(sb, depth, 1);
            write(items.get(i), sb, depth < 0 ? -1 : depth + 1);
        }
        newline(sb, depth, 0);
        sb.append(']');
    }

    private static void writeObject(ObjectValue o, StringBuilder sb, int depth) {
        if (o.isEmpty()) {
            sb.append("{}");
            return;
        }
        record Entry(String key, Value value) {
        }
        List<Entry> entries = new ArrayList<>(o.size());
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i);
            entries.add(new Entry(k instanceof StringValue s ? s.value() : Json.write(k), o.valueAt(i)));
        }
        entries.sort((a, b) -> StringValue.compareCodePoints(a.key(), b.key()));
        sb.append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            newline(sb, depth, 1);
            sb.append(quote(entries.get(i).key())).append(depth < 0 ? ":" : ": ");
            write(entries.get(i).value(), sb, depth < 0 ? -1 : depth + 1);
        }
        newline(sb, depth, 0);
        sb.append('}');
    }

    private static void newline(StringBuilder sb, int depth, int extra) {
        if (depth >= 0) {
            sb.append('\n').append("  ".repeat(depth + extra));
        }
    }
}
