package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.NULL;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.oneOf;

import com.google.re2j.Pattern;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Regular expressions (RE2 syntax, linear time) and globs. */
final class RegexBuiltins {
    private RegexBuiltins() {
    }

    private static final ConcurrentHashMap<String, Pattern> GLOBS = new ConcurrentHashMap<>();

    static final List<Builtin> ALL = List.of(
            fn("regex.match", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> match("regex.match", a)),
            fn("re_match", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> match("re_match", a)),
            fn("regex.is_valid", List.of(STRING), BOOLEAN, (ctx, a) ->
                    BooleanValue.of(a[0] instanceof StringValue s && GoRegex.isValid(s.value()))),
            fn("regex.split", List.of(STRING, STRING), arrayOf(STRING), (ctx, a) -> {
                Pattern p = GoRegex.compile("regex.split", Operands.string("regex.split", a, 1));
                return StringBuiltins.strings(GoRegex.split(p, Operands.string("regex.split", a, 2)));
            }),
            fn("regex.find_n", List.of(STRING, STRING, NUMBER), arrayOf(STRING), (ctx, a) -> {
                String pattern = Operands.string("regex.find_n", a, 1);
                String s = Operands.string("regex.find_n", a, 2);
                int n = Operands.intNumber("regex.find_n", a, 3);
                Pattern p = GoRegex.compile("regex.find_n", pattern);
                List<String> out = new ArrayList<>();
                for (int[] m : GoRegex.findAll(p, s, n)) {
                    out.add(s.substring(m[0], m[1]));
                }
                return StringBuiltins.strings(out);
            }),
            fn("regex.find_all_string_submatch_n", List.of(STRING, STRING, NUMBER), arrayOf(arrayOf(STRING)), (ctx, a) -> {
                String fn = "regex.find_all_string_submatch_n";
                String pattern = Operands.string(fn, a, 1);
                String s = Operands.string(fn, a, 2);
                int n = Operands.intNumber(fn, a, 3);
                Pattern p = GoRegex.compile(fn, pattern);
                List<Value> out = new ArrayList<>();
                for (int[] m : GoRegex.findAll(p, s, n)) {
                    List<String> groups = new ArrayList<>();
                    for (int g = 0; g < m.length; g += 2) {
                        groups.add(m[g] < 0 ? "" : s.substring(m[g], m[g + 1]));
                    }
                    out.add(StringBuiltins.strings(groups));
                }
                return ArrayValue.of(out);
            }),
            fn("regex.replace", List.of(STRING, STRING, STRING), STRING, (ctx, a) -> {
                String s = Operands.string("regex.replace", a, 1);
                String pattern = Operands.string("regex.replace", a, 2);
                String value = Operands.string("regex.replace", a, 3);
                return StringValue.of(GoRegex.replaceAll(GoRegex.compile("regex.replace", pattern), s, value));
            }),
            fn("regex.template_match", List.of(STRING, STRING, STRING, STRING), BOOLEAN, (ctx, a) -> {
                String fn = "regex.template_match";
                String template = Operands.string(fn, a, 1);
                String value = Operands.string(fn, a, 2);
                String open = Operands.string(fn, a, 3);
                String close = Operands.string(fn, a, 4);
                Pattern p = GoRegex.compile(fn, templateRegex(template, open.isEmpty() ? '\0' : open.charAt(0),
                        close.isEmpty() ? '\0' : close.charAt(0)));
                return BooleanValue.of(p.matcher(value).find());
            }),
            fn("regex.globs_match", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> {
                String x = Operands.string("regex.globs_match", a, 1);
                String y = Operands.string("regex.globs_match", a, 2);
                for (String g : List.of(x, y)) {
                    String problem = GlobIntersection.syntaxError(g);
                    if (problem != null) {
                        throw BuiltinException.error("regex.globs_match: input:" + g + ", " + problem + ": the input provided is invalid");
                    }
                }
                return BooleanValue.of(GlobIntersection.intersects(x, y));
            }),
            fn("glob.match", List.of(STRING, oneOf(arrayOf(STRING), NULL), STRING), BOOLEAN, (ctx, a) -> {
                String pattern = Operands.string("glob.match", a, 1);
                List<Integer> delimiters = new ArrayList<>();
                switch (a[1]) {
                    case NullValue n -> {
                    }
                    case ArrayValue arr -> {
                        for (Value d : arr.asList()) {
                            if (!(d instanceof StringValue ds)) {
                                throw BuiltinException.typeError("glob.match: operand 2 must be array of strings but got array containing " + d.typeName());
                            }
                            if (!ds.value().isEmpty()) {
                                delimiters.add(ds.value().codePointAt(0));
                            }
                        }
                        if (arr.size() == 0) {
                            delimiters.add((int) '.');
                        }
                    }
                    default -> throw Operands.mustBeOneOf("glob.match", 2, "{array, null}", a[1]);
                }
                String match = Operands.string("glob.match", a, 3);
                String key = delimiters + "\u0000" + pattern;
                Pattern p = GLOBS.get(key);
                if (p == null) {
                    try {
                        p = Pattern.compile(Glob.toRegex(pattern, delimiters), Pattern.DOTALL);
                    } catch (com.google.re2j.PatternSyntaxException e) {
                        throw BuiltinException.error("glob.match: syntax error in pattern");
                    }
                    if (GLOBS.size() > 1024) {
                        GLOBS.clear();
                    }
                    GLOBS.put(key, p);
                }
                return BooleanValue.of(p.matches(match));
            }),
            fn("glob.quote_meta", List.of(STRING), STRING, (ctx, a) -> {
                String s = Operands.string("glob.quote_meta", a, 1);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if ("*?\\[]{}".indexOf(c) >= 0) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                return StringValue.of(sb.toString());
            }));

    private static Value match(String fn, Value[] a) throws BuiltinException {
        String pattern = Operands.string(fn, a, 1);
        String s = Operands.string(fn, a, 2);
        return BooleanValue.of(GoRegex.compile(fn, pattern).matcher(s).find());
    }

    /** Literal text quoted, delimited parts as groups, anchored at both ends. */
    private static String templateRegex(String t, char open, char close) throws BuiltinException {
        List<Integer> idxs = new ArrayList<>();
        int level = 0;
        int start = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == open) {
                if (level++ == 0) {
                    start = i;
                }
            } else if (c == close) {
                if (--level == 0) {
                    idxs.add(start);
                    idxs.add(i + 1);
                } else if (level < 0) {
                    throw BuiltinException.error("regex.template_match: unbalanced braces in " + GoFormat.quote(t, false));
                }
            }
        }
        if (level != 0) {
            throw BuiltinException.error("regex.template_match: unbalanced braces in " + GoFormat.quote(t, false));
        }
        StringBuilder sb = new StringBuilder("^");
        int end = 0;
        for (int i = 0; i < idxs.size(); i += 2) {
            sb.append(quoteMeta(t.substring(end, idxs.get(i))));
            end = idxs.get(i + 1);
            sb.append('(').append(t, idxs.get(i) + 1, end - 1).append(')');
        }
        sb.append(quoteMeta(t.substring(end))).append('$');
        return sb.toString();
    }

    /** Go's {@code regexp.QuoteMeta}. */
    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Translates gobwas/glob syntax into an RE2 regex. */
    static final class Glob {
        private final String p;
        private final String notSep;
        private int pos;

        private Glob(String p, List<Integer> delimiters) {
            this.p = p;
            StringBuilder sb = new StringBuilder();
            for (int d : delimiters) {
                sb.append(quoteClass(d));
            }
            this.notSep = delimiters.isEmpty() ? "." : "[^" + sb + "]";
        }

        static String toRegex(String pattern, List<Integer> delimiters) throws BuiltinException {
            Glob g = new Glob(pattern, delimiters);
            String body = g.sequence(false);
            if (g.pos < pattern.length()) {
                throw BuiltinException.error("glob.match: unexpected " + pattern.charAt(g.pos));
            }
            return "^" + body + "$";
        }

        private String sequence(boolean inTerms) throws BuiltinException {
            StringBuilder sb = new StringBuilder();
            while (pos < p.length()) {
                int c = p.codePointAt(pos);
                if (inTerms && (c == ',' || c == '}')) {
                    return sb.toString();
                }
                pos += Character.charCount(c);
                switch (c) {
                    case '*' -> {
                        if (pos < p.length() && p.charAt(pos) == '*') {
                            pos++;
                            sb.append(".*");
                        } else {
                            sb.append(notSep).append('*');
                        }
                    }
                    case '?' -> sb.append(notSep);
                    case '\\' -> {
                        if (pos >= p.length()) {
                            throw BuiltinException.error("glob.match: unexpected end of input");
                        }
                        int e = p.codePointAt(pos);
                        pos += Character.charCount(e);
                        sb.append(quoteMeta(new String(Character.toChars(e))));
                    }
                    case '[' -> sb.append(range());
                    case '{' -> {
                        List<String> alts = new ArrayList<>();
                        while (true) {
                            alts.add(sequence(true));
                            if (pos >= p.length()) {
                                throw BuiltinException.error("glob.match: unexpected end of input");
                            }
                            char t = p.charAt(pos++);
                            if (t == '}') {
                                break;
                            }
                        }
                        sb.append("(?:").append(String.join("|", alts)).append(')');
                    }
                    default -> sb.append(quoteMeta(new String(Character.toChars(c))));
                }
            }
            return sb.toString();
        }

        private String range() throws BuiltinException {
            StringBuilder sb = new StringBuilder("[");
            if (pos < p.length() && p.charAt(pos) == '!') {
                sb.append('^');
                pos++;
            }
            boolean any = false;
            while (true) {
                if (pos >= p.length()) {
                    throw BuiltinException.error("glob.match: unexpected end of input");
                }
                int c = p.codePointAt(pos);
                pos += Character.charCount(c);
                if (c == ']' && any) {
                    break;
                }
                if (c == ']') {
                    throw BuiltinException.error("glob.match: unexpected end of input");
                }
                any = true;
                if (c == '\\' && pos < p.length()) {
                    int e = p.codePointAt(pos);
                    pos += Character.charCount(e);
                    sb.append(quoteClass(e));
                    continue;
                }
                if (c == '-' && sb.length() > 1) {
                    sb.append('-');
                    continue;
                }
                sb.append(quoteClass(c));
            }
            return sb.append(']').toString();
        }

        private static String quoteClass(int c) {
            String s = new String(Character.toChars(c));
            return "\\[]^-".indexOf(c) >= 0 ? "\\" + s : s;
        }
    }
}
