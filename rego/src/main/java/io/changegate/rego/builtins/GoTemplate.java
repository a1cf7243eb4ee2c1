package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Go's {@code text/template} that {@code strings.render_template} policies use:
 * field paths ({@code .a.b}, {@code .}), {@code if}/{@code else}/{@code with}/{@code range}
 * blocks and comments, with {@code missingkey=error} as OPA sets it. Error texts are Go's.
 */
final class GoTemplate {
    private GoTemplate() {
    }

    private sealed interface Node permits Text, Field, Block {
    }

    private record Text(String text) implements Node {
    }

    private record Field(String path, int line, int col) implements Node {
    }

    private record Block(String keyword, Field pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    static String render(String template, ObjectValue data) throws BuiltinException {
        List<Node> nodes = parse(template);
        StringBuilder out = new StringBuilder();
        exec(nodes, data, out);
        return out.toString();
    }

    private static BuiltinException error(String message) {
        return BuiltinException.error("strings.render_template: template: template:" + message);
    }

    private static List<Node> parse(String t) throws BuiltinException {
        List<Object> tokens = new ArrayList<>(); // String text, or String[]{action, line, col}
        int i = 0;
        while (i < t.length()) {
            int open = t.indexOf("{{", i);
            if (open < 0) {
                tokens.add(t.substring(i));
                break;
            }
            String text = t.substring(i, open);
            int start = open + 2;
            boolean trimLeft = t.startsWith("- ", start);
            if (trimLeft) {
                text = text.stripTrailing();
                start += 2;
            }
            tokens.add(text);
            int close = t.indexOf("}}", start);
            int line = 1 + (int) t.substring(0, open).chars().filter(c -> c == '\n').count();
            if (close < 0) {
                throw error(line + ": unclosed action");
            }
            String action = t.substring(start, close);
            boolean trimRight = action.endsWith(" -");
            if (trimRight) {
                action = action.substring(0, action.length() - 2);
            }
            int lineStart = t.lastIndexOf('\n', open) + 1;
            tokens.add(new Object[] {action.strip(), line, start - lineStart + (action.length() - action.stripLeading().length())});
            i = close + 2;
            if (trimRight) {
                while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                    i++;
                }
            }
        }
        int[] pos = {0};
        List<Node> nodes = parseList(tokens, pos, null);
        if (pos[0] < tokens.size()) {
            Object[] a = (Object[]) tokens.get(pos[0]);
            throw error(a[1] + ": unexpected {{" + a[0] + "}}");
        }
        return nodes;
    }

    private static List<Node> parseList(List<Object> tokens, int[] pos, List<String> stops) throws BuiltinException {
        List<Node> out = new ArrayList<>();
        while (pos[0] < tokens.size()) {
            Object tok = tokens.get(pos[0]);
            if (tok instanceof String s) {
                if (!s.isEmpty()) {
                    out.add(new Text(s));
                }
                pos[0]++;
                continue;
            }
            Object[] a = (Object[]) tok;
            String action = (String) a[0];
            int line = (Integer) a[1];
            int col = (Integer) a[2];
            String word = action.split("\\s+", 2)[0];
            if (stops != null && stops.contains(word)) {
                return out;
            }
            pos[0]++;
            if (action.startsWith("/*")) {
                continue;
            }
            switch (word) {
                case "if", "with", "range" -> {
                    String rest = action.substring(word.length()).strip();
                    Field pipe = new Field(rest, line, col + word.length() + 1);
                    List<Node> body = parseList(tokens, pos, List.of("else", "end"));
                    List<Node> otherwise = List.of();
                    if (pos[0] >= tokens.size()) {
                        throw error(line + ": unexpected EOF");
                    }
                    String stop = (String) ((Object[]) tokens.get(pos[0]))[0];
                    pos[0]++;
                    if (stop.equals("else")) {
                        otherwise = parseList(tokens, pos, List.of("end"));
                        if (pos[0] >= tokens.size()) {
                            throw error(line + ": unexpected EOF");
                        }
                        pos[0]++;
                    }
                    out.add(new Block(word, pipe, body, otherwise));
                }
                case "end", "else" -> throw error(line + ": unexpected {{" + word + "}}");
                default -> out.add(new Field(action, line, col));
            }
        }
        return out;
    }

    private static void exec(List<Node> nodes, Value dot, StringBuilder out) throws BuiltinException {
        for (Node n : nodes) {
            switch (n) {
                case Text t -> out.append(t.text());
                case Field f -> out.append(print(eval(f, dot)));
                case Block b -> {
                    Value v = eval(b.pipe(), dot);
                    switch (b.keyword()) {
                        case "if" -> exec(truthy(v) ? b.body() : b.otherwise(), dot, out);
                        case "with" -> {
                            if (truthy(v)) {
                                exec(b.body(), v, out);
                            } else {
                                exec(b.otherwise(), dot, out);
                            }
                        }
                        default -> {
                            List<Value> items = switch (v) {
                                case ArrayValue arr -> arr.asList();
                                case SetValue set -> set.asList();
                                case ObjectValue obj -> {
                                    List<Value> vs = new ArrayList<>();
                                    obj.forEach((k, x) -> vs.add(x));
                                    yield vs;
                                }
                                default -> List.of();
                            };
                            if (items.isEmpty()) {
                                exec(b.otherwise(), dot, out);
                            }
                            for (Value item : items) {
                                exec(b.body(), item, out);
                            }
                        }
                    }
                }
            }
        }
    }

    private static Value eval(Field f, Value dot) throws BuiltinException {
        String path = f.path();
        if (path.equals(".")) {
            return dot;
        }
        if (path.startsWith("\"") && path.endsWith("\"") && path.length() >= 2) {
            return StringValue.of(path.substring(1, path.length() - 1));
        }
        if (!path.startsWith(".")) {
            throw error(f.line() + ": function \"" + path.split("[\\s.]", 2)[0] + "\" not defined");
        }
        Value cur = dot;
        for (String key : path.substring(1).split("\\.")) {
            if (!(cur instanceof ObjectValue obj)) {
                throw error(f.line() + ":" + f.col() + ": executing \"template\" at <" + path
                        + ">: can't evaluate field " + key + " in type " + goType(cur));
            }
            Value next = obj.get(key);
            if (next == null) {
                throw error(f.line() + ":" + f.col() + ": executing \"template\" at <" + path
                        + ">: map has no entry for key \"" + key + "\"");
            }
            cur = next;
        }
        return cur;
    }

    private static String goType(Value v) {
        return switch (v) {
            case StringValue s -> "string";
            case NumberValue n -> "json.Number";
            case BooleanValue b -> "bool";
            case ArrayValue a -> "[]interface {}";
            default -> "interface {}";
        };
    }

    private static boolean truthy(Value v) {
        return switch (v) {
            case NullValue n -> false;
            case BooleanValue b -> b.value();
            case NumberValue n -> n.signum() != 0;
            case StringValue s -> !s.value().isEmpty();
            case ArrayValue a -> a.size() > 0;
            case SetValue s -> s.size() > 0;
            case ObjectValue o -> o.size() > 0;
        };
    }

    /** Go's {@code %v} of the decoded JSON value. */
    private static String print(Value v) {
        return switch (v) {
            case NullValue n -> "<no value>";
            case StringValue s -> s.value();
            case ArrayValue a -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < a.size(); i++) {
                    sb.append(i > 0 ? " " : "").append(print(a.get(i)));
                }
                yield sb.append(']').toString();
            }
            case SetValue s -> print(ArrayValue.of(s.asList()));
            case ObjectValue o -> {
                StringBuilder sb = new StringBuilder("map[");
                for (int i = 0; i < o.size(); i++) {
                    Value k = o.keyAt(i);
                    sb.append(i > 0 ? " " : "").append(k instanceof StringValue ks ? ks.value() : k.toJson())
                            .append(':').append(print(o.valueAt(i)));
                }
                yield sb.append(']').toString();
            }
            default -> v.toString();
        };
    }
}
