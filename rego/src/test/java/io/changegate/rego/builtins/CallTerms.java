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
 * Reads the one-call expressions of the builtin conformance cases ({@code p := name(args)})
 * so builtins can be checked without the evaluator: argument terms are constants, refs into
 * {@code input}, or nested calls.
 */
final class CallTerms {
    /** A parsed expression. */
    sealed interface Term permits Const, InputRef, Call {
    }

    record Const(Value value) implements Term {
    }

    record InputRef(List<String> path) implements Term {
    }

    record Call(String name, List<Term> args) implements Term {
    }

    /** Thrown when the text is not a form this reader understands. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String m) {
            super(m, null, false, false);
        }
    }

    private final String s;
    private int pos;

    private CallTerms(String s) {
        this.s = s;
    }

    static Term parse(String text) {
        CallTerms p = new CallTerms(text.strip());
        Term t = p.term();
        p.ws();
        if (p.pos != p.s.length()) {
            throw new Unsupported("trailing text at " + p.pos + ": " + text);
        }
        return t;
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        ws();
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Unsupported("expected " + c + " at " + pos + " in " + s);
        }
        pos++;
    }

    private Term term() {
        char c = peek();
        if (c == '"') {
            return new Const(StringValue.of(string()));
        }
        if (c == '`') {
            int end = s.indexOf('`', pos + 1);
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return new Const(StringValue.of(v));
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
                if ((s.charAt(pos) == '+' || s.charAt(pos) == '-') && "eE".indexOf(s.charAt(pos - 1)) < 0) {
                    break;
                }
                pos++;
            }
            return new Const(NumberValue.of(new java.math.BigDecimal(s.substring(start, pos))));
        }
        if (c == '[') {
            pos++;
            List<Term> items = list(']');
            return constOrCall("array", items);
        }
        if (c == '{') {
            pos++;
            if (peek() == '}') {
                pos++;
                return new Const(ObjectValue.EMPTY);
            }
            Term first = term();
            if (peek() == ':') {
                pos++;
                List<Term> keys = new ArrayList<>();
                List<Term> values = new ArrayList<>();
                keys.add(first);
                values.add(term());
                while (peek() == ',') {
                    pos++;
                    if (peek() == '}') {
                        break;
                    }
                    keys.add(term());
                    expect(':');
                    values.add(term());
                }
                expect('}');
                List<Term> all = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    all.add(keys.get(i));
                    all.add(values.get(i));
                }
                return constOrCall("object", all);
            }
            List<Term> items = new ArrayList<>();
            items.add(first);
            while (peek() == ',') {
                pos++;
                if (peek() == '}') {
                    break;
                }
                items.add(term());
            }
            expect('}');
            return constOrCall("set", items);
        }
        String name = name();
        switch (name) {
            case "true" -> {
                return new Const(BooleanValue.TRUE);
            }
            case "false" -> {
                return new Const(BooleanValue.FALSE);
            }
            case "null" -> {
                return new Const(NullValue.INSTANCE);
            }
            default -> {
            }
        }
        if (peek() == '(') {
            pos++;
            List<Term> args = list(')');
            if (name.equals("set") && args.isEmpty()) {
                return new Const(SetValue.EMPTY);
            }
            return new Call(name, args);
        }
        if (name.equals("input") || name.startsWith("input.")) {
            List<String> path = new ArrayList<>(List.of(name.split("\\.")));
            path.removeFirst();
            return new InputRef(path);
        }
        throw new Unsupported("unsupported term " + name + " in " + s);
    }

    /** Composite literals become constants when every part is constant, else an internal constructor call. */
    private static Term constOrCall(String kind, List<Term> items) {
        if (items.stream().allMatch(t -> t instanceof Const)) {
            List<Value> vs = items.stream().map(t -> ((Const) t).value()).toList();
            return new Const(build(kind, vs));
        }
        return new Call("$" + kind, items);
    }

    static Value build(String kind, List<Value> vs) {
        return switch (kind) {
            case "array" -> ArrayValue.of(vs);
            case "set" -> SetValue.of(vs);
            default -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < vs.size(); i += 2) {
                    b.put(vs.get(i), vs.get(i + 1));
                }
                yield b.build();
            }
        };
    }

    private String name() {
        ws();
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
            pos++;
        }
        if (start == pos) {
            throw new Unsupported("unexpected character at " + pos + " in " + s);
        }
        return s.substring(start, pos);
    }

    private List<Term> list(char close) {
        List<Term> items = new ArrayList<>();
        if (peek() == close) {
            pos++;
            return items;
        }
        items.add(term());
        while (peek() == ',') {
            pos++;
            if (peek() == close) {
                break;
            }
            items.add(term());
        }
        expect(close);
        return items;
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '/' -> sb.append('/');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
        throw new Unsupported("unterminated string in " + s);
    }
}
