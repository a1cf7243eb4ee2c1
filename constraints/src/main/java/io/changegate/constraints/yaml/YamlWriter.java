package io.changegate.constraints.yaml;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;

/**
 * Writes values as block-style YAML. Scalars are written as JSON (a YAML subset), so strings are
 * always quoted and numbers keep their exact text.
 */
public final class YamlWriter {
    private YamlWriter() {
    }

    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        if (v instanceof ObjectValue o && !o.isEmpty() || v instanceof ArrayValue a && a.size() > 0) {
            block(v, 0, sb);
        } else {
            sb.append(v.toJson()).append('\n');
        }
        return sb.toString();
    }

    private static void block(Value v, int indent, StringBuilder sb) {
        String pad = " ".repeat(indent);
        if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                sb.append(pad).append(key(o.keyAt(i))).append(':');
                value(o.valueAt(i), indent + 2, sb, false);
            }
        } else {
            List<Value> items = v instanceof SetValue s ? s.asList() : ((ArrayValue) v).asList();
            for (Value item : items) {
                sb.append(pad).append('-');
                value(item, indent + 2, sb, true);
            }
        }
    }

    private static void value(Value v, int indent, StringBuilder sb, boolean inList) {
        boolean nonEmptyObject = v instanceof ObjectValue o && !o.isEmpty();
        boolean nonEmptyList = v instanceof ArrayValue a && a.size() > 0 || v instanceof SetValue s && !s.isEmpty();
        if (nonEmptyObject && inList) {
            // "- key: value" with the remaining keys aligned under the first.
            StringBuilder inner = new StringBuilder();
            block(v, indent, inner);
            sb.append(' ').append(inner.substring(indent));
        } else if (nonEmptyObject || nonEmptyList) {
            sb.append('\n');
            block(v, indent, sb);
        } else {
            sb.append(' ').append(v instanceof SetValue ? "[]" : v.toJson()).append('\n');
        }
    }

    private static String key(Value k) {
        String s = k instanceof StringValue sv ? sv.value() : k.toJson();
        return s.matches("[A-Za-z_][A-Za-z0-9_./-]*") && !List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n")
                .contains(s.toLowerCase(java.util.Locale.ROOT)) ? s : StringValue.of(s).toJson();
    }
}
