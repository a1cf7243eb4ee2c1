package io.changegate.rego.value;

/** Renders values as Rego source terms ({@code set()} for the empty set, braces for sets). */
final class RegoText {
    private RegoText() {
    }

    static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(Value v, StringBuilder sb) {
        switch (v) {
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(a.get(i), sb);
                }
                sb.append(']');
            }
            case SetValue s -> {
                if (s.isEmpty()) {
                    sb.append("set()");
                    return;
                }
                sb.append('{');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(s.get(i), sb);
                }
                sb.append('}');
            }
            case ObjectValue o -> {
                sb.append('{');
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(o.keyAt(i), sb);
                    sb.append(": ");
                    write(o.valueAt(i), sb);
                }
                sb.append('}');
            }
            default -> Json.write(v, sb, false);
        }
    }
}
