package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON reader that fails with the texts of Go's {@code encoding/json} decoder, which OPA's
 * JSON builtins report ({@code invalid character 'x' looking for beginning of value},
 * {@code unexpected EOF}, {@code EOF}). Numbers stay exact; nesting is bounded.
 */
final class GoJson {
    /** A syntax error, with Go's message. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /** Below where the recursive reader would overflow a 1 MB thread stack (about 2,270 levels). */
    private static final int MAX_DEPTH = 1_000;

    private final String s;
    private int pos;
    private int depth;

    private GoJson(String s) {
        this.s = s;
    }

    /** Decodes the first JSON value; anything but white space after it is an error, as OPA checks. */
    static Value parse(String text) throws SyntaxError {
        GoJson p = new GoJson(text);
        p.ws();
        if (p.pos >= text.length()) {
            throw new SyntaxError("EOF");
        }
        Value v = p.value();
        p.ws();
        if (p.pos < text.length()) {
            throw new SyntaxError("invalid character " + quoteChar(text.codePointAt(p.pos)) + " looking for beginning of value");
        }
        return v;
    }

    static boolean isValid(String text) {
        try {
            GoJson p = new GoJson(text);
            p.ws();
            if (p.pos >= text.length()) {
                return false;
            }
            p.value();
            p.ws();
            return p.pos == text.length();
        } catch (SyntaxError e) {
            return false;
        }
    }

    /** Go's quoting of a character in scanner errors: {@code 'x'}, {@code '\''}, {@code '"'}. */
    static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String q = GoFormat.quote(new String(Character.toChars(c)), false);
        return "'" + q.substring(1, q.length() - 1) + "'";
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private SyntaxError unexpected(String context) {
        if (pos >= s.length()) {
            return new SyntaxError("unexpected EOF");
        }
        return new SyntaxError("invalid character " + quoteChar(s.codePointAt(pos)) + " " + context);
    }

    private Value value() throws SyntaxError {
        if (pos >= s.length()) {
            throw new SyntaxError("unexpected EOF");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case '"' -> {
                return StringValue.of(string());
            }
            case 't' -> {
                return literal("true", BooleanValue.TRUE);
            }
            case 'f' -> {
                return literal("false", BooleanValue.FALSE);
            }
            case 'n' -> {
                return literal("null", NullValue.INSTANCE);
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw unexpected("looking for beginning of value");
            }
        }
    }

    private Value literal(String word, Value v) throws SyntaxError {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected EOF");
            }
            if (s.charAt(pos) != word.charAt(i)) {
                throw unexpected("in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
            pos++;
        }
        return v;
    }

    private Value number() throws SyntaxError {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected EOF");
            }
            if (!digit()) {
                throw unexpected("in numeric literal");
            }
        }
        if (s.charAt(pos) == '0') {
            pos++;
        } else {
            while (digit()) {
                pos++;
            }
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (!digit()) {
                throw pos >= s.length() ? new SyntaxError("unexpected EOF") : unexpected("after decimal point in numeric literal");
            }
            while (digit()) {
                pos++;
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (!digit()) {
                throw pos >= s.length() ? new SyntaxError("unexpected EOF") : unexpected("in exponent of numeric literal");
            }
            while (digit()) {
                pos++;
            }
        }
        try {
            return NumberValue.parse(s.substring(start, pos));
        } catch (NumberFormatException e) {
            // Go reports a number it cannot hold as out of range.
            throw new SyntaxError("number " + s.substring(start, pos) + " out of range");
        }
    }

    private boolean digit() {
        return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
    }

    private void enter() throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError("exceeded max depth");
        }
    }

    private Value object() throws SyntaxError {
        enter();
        pos++;
        ObjectValue.Builder b = ObjectValue.builder();
        ws();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            depth--;
            return ObjectValue.EMPTY;
        }
        while (true) {
            ws();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw unexpected("looking for beginning of object key string");
            }
            String key = string();
            ws();
            if (pos >= s.length() || s.charAt(pos) != ':') {
                throw unexpected("after object key");
            }
            pos++;
            ws();
            b.put(StringValue.of(key), value());
            ws();
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected EOF");
            }
            char c = s.charAt(pos);
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == '}') {
                pos++;
                break;
            }
            throw unexpected("after object key:value pair");
        }
        depth--;
        return b.build();
    }

    private Value array() throws SyntaxError {
        enter();
        pos++;
        List<Value> items = new ArrayList<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            depth--;
            return ArrayValue.EMPTY;
        }
        while (true) {
            ws();
            items.add(value());
            ws();
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected EOF");
            }
            char c = s.charAt(pos);
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == ']') {
                pos++;
                break;
            }
            throw unexpected("after array element");
        }
        depth--;
        return ArrayValue.of(items);
    }

    private String string() throws SyntaxError {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected EOF");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw unexpected("in string literal");
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            pos++;
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected EOF");
            }
            char e = s.charAt(pos);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    for (int i = 1; i <= 4; i++) {
                        if (pos + i >= s.length()) {
                            throw new SyntaxError("unexpected EOF");
                        }
                        if (Character.digit(s.charAt(pos + i), 16) < 0) {
                            pos += i;
                            throw unexpected("in \\u hexadecimal character escape");
                        }
                    }
                    sb.append((char) Integer.parseInt(s.substring(pos + 1, pos + 5), 16));
                    pos += 4;
                }
                default -> throw unexpected("in string escape code");
            }
            pos++;
        }
    }
}
