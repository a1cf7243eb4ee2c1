package io.changegate.rego.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast JSON reader and writer for Rego values.
 *
 * <p>The reader keeps numbers exact, rejects trailing content and limits nesting depth so that
 * hostile documents cannot exhaust the stack. The writer prints objects with sorted keys (their
 * natural order), sets as arrays, and non-string object keys as their JSON text, as OPA does.
 */
public final class Json {
    /** Deepest nesting the reader accepts. */
    public static final int MAX_DEPTH = 1000;

    private Json() {
    }

    /** Parses one JSON document. */
    public static Value parse(String text) {
        return new Reader(text).document();
    }

    public static Value parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Writes compact JSON. */
    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, false);
        return sb.toString();
    }

    /** Writes JSON indented by two spaces per level, each object key on its own line. */
    public static String writePretty(Value v) {
        StringBuilder sb = new StringBuilder();
        writePretty(v, sb, 0);
        return sb.toString();
    }

    /** Writes compact JSON escaping {@code <}, {@code >} and {@code &} as Go's encoder does. */
    public static String writeGo(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, true);
        return sb.toString();
    }

    public static void write(Value v, StringBuilder sb, boolean escapeHtml) {
        switch (v) {
            case NullValue n -> sb.append("null");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> quote(s.value(), sb, escapeHtml);
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(a.get(i), sb, escapeHtml);
                }
                sb.append(']');
            }
            case SetValue s -> {
                sb.append('[');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(s.get(i), sb, escapeHtml);
                }
                sb.append(']');
            }
            case ObjectValue o -> {
                sb.append('{');
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    Value k = o.keyAt(i);
                    quote(k instanceof StringValue ks ? ks.value() : write(k), sb, escapeHtml);
                    sb.append(':');
                    write(o.valueAt(i), sb, escapeHtml);
                }
                sb.append('}');
            }
        }
    }

    private static void writePretty(Value v, StringBuilder sb, int depth) {
        switch (v) {
            case ArrayValue a when a.size() > 0 -> {
                sb.append("[\n");
                for (int i = 0; i < a.size(); i++) {
                    indent(sb, depth + 1);
                    writePretty(a.get(i), sb, depth + 1);
                    sb.append(i + 1 < a.size() ? ",\n" : "\n");
                }
                indent(sb, depth);
                sb.append(']');
            }
            case SetValue s when s.size() > 0 -> writePretty(ArrayValue.of(s.asList()), sb, depth);
            case ObjectValue o when o.size() > 0 -> {
                sb.append("{\n");
                for (int i = 0; i < o.size(); i++) {
                    indent(sb, depth + 1);
                    Value k = o.keyAt(i);
                    quote(k instanceof StringValue ks ? ks.value() : write(k), sb, false);
                    sb.append(": ");
                    writePretty(o.valueAt(i), sb, depth + 1);
                    sb.append(i + 1 < o.size() ? ",\n" : "\n");
                }
                indent(sb, depth);
                sb.append('}');
            }
            default -> write(v, sb, false);
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    /** Quotes a string as JSON. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb, false);
        return sb.toString();
    }

    static void quote(String s, StringBuilder sb, boolean escapeHtml) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029'
                            || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static final class Reader {
        private final String s;
        private int pos;
        private int depth;

        Reader(String s) {
            this.s = s;
        }

        Value document() {
            if (s.startsWith("\uFEFF")) {
                pos = 1;
            }
            skipWhitespace();
            Value v = value();
            skipWhitespace();
            if (pos < s.length()) {
                throw error("unexpected content after the JSON value");
            }
            return v;
        }

        private Value value() {
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> StringValue.of(string());
                case 't' -> literal("true", BooleanValue.TRUE);
                case 'f' -> literal("false", BooleanValue.FALSE);
                case 'n' -> literal("null", NullValue.INSTANCE);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Value literal(String word, Value v) {
            if (!s.startsWith(word, pos)) {
                throw error("invalid literal, expected " + word);
            }
            pos += word.length();
            return v;
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("document nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        private Value object() {
            enter();
            pos++;
            ObjectValue.Builder b = ObjectValue.builder();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return ObjectValue.EMPTY;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipWhitespace();
                if (peek() != ':') {
                    throw error("expected ':' after object key");
                }
                pos++;
                skipWhitespace();
                b.put(StringValue.of(key), value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ',') {
                    continue;
                }
                if (c == '}') {
                    break;
                }
                pos--;
                throw error("expected ',' or '}' in object");
            }
            depth--;
            return b.build();
        }

        private Value array() {
            enter();
            pos++;
            List<Value> items = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return ArrayValue.EMPTY;
            }
            while (true) {
                skipWhitespace();
                items.add(value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ',') {
                    continue;
                }
                if (c == ']') {
                    break;
                }
                pos--;
                throw error("expected ',' or ']' in array");
            }
            depth--;
            return ArrayValue.wrap(items.toArray(new Value[0]));
        }

        private Value number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                while (isDigit(peek())) {
                    pos++;
                }
            } else {
                throw error("invalid number");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("invalid number: digits expected after '.'");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("invalid number: digits expected in exponent");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            try {
                return NumberValue.parse(s.substring(start, pos));
            } catch (NumberFormatException | ArithmeticException e) {
                // Exact numbers carry an int exponent: 1e4234567890 is valid JSON we cannot hold.
                pos = start;
                throw error("number out of range: exponent too large");
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private String string() {
            pos++; // opening quote
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    return s.substring(start, pos++);
                }
                if (c == '\\') {
                    break;
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                pos++;
            }
            StringBuilder sb = new StringBuilder(s.substring(start, pos));
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("invalid unicode escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("invalid unicode escape");
                        }
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("invalid escape '\\" + e + "'");
                    }
                }
            }
            throw error("unterminated string");
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        private JsonException error(String message) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new JsonException(message, line, col);
        }
    }
}
