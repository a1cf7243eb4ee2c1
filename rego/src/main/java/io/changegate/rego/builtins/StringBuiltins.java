package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_ARRAY;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/** String functions, with Go's semantics: positions count code points, case mapping is Go's. */
final class StringBuiltins {
    private StringBuiltins() {
    }

    private static final Type STRINGS = oneOf(arrayOf(STRING), setOf(STRING));
    private static final Type STRING_OR_STRINGS = oneOf(STRING, arrayOf(STRING), setOf(STRING));

    static final List<Builtin> ALL = List.of(
            fn("concat", List.of(STRING, STRINGS), STRING, (ctx, a) -> {
                String sep = Operands.string("concat", a, 1);
                return StringValue.of(String.join(sep, Operands.strings("concat", a, 2, "{set, array}")));
            }),
            fn("sprintf", List.of(STRING, ANY_ARRAY), STRING, (ctx, a) ->
                    StringValue.of(GoFormat.sprintf(Operands.string("sprintf", a, 1), Operands.array("sprintf", a, 2).asList()))),
            test("startswith", String::startsWith),
            test("endswith", String::endsWith),
            test("contains", String::contains),
            unary("lower", GoStrings::lower),
            unary("upper", GoStrings::upper),
            unary("trim_space", GoStrings::trimSpace),
            unary("strings.reverse", s -> new StringBuilder(s).reverse().toString()),
            binary("trim", (s, c) -> GoStrings.trimRight(GoStrings.trimLeft(s, c), c)),
            binary("trim_left", GoStrings::trimLeft),
            binary("trim_right", GoStrings::trimRight),
            binary("trim_prefix", (s, p) -> s.startsWith(p) ? s.substring(p.length()) : s),
            binary("trim_suffix", (s, p) -> s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s),
            fn("split", List.of(STRING, STRING), arrayOf(STRING), (ctx, a) ->
                    strings(GoStrings.split(Operands.string("split", a, 1), Operands.string("split", a, 2), -1))),
            fn("strings.split_n", List.of(STRING, STRING, NUMBER), arrayOf(STRING), (ctx, a) -> {
                String s = Operands.string("strings.split_n", a, 1);
                String sep = Operands.string("strings.split_n", a, 2);
                int n = Operands.intNumber("strings.split_n", a, 3);
                // The first n parts, or the last -n parts when n is negative.
                List<String> parts = GoStrings.split(s, sep, -1);
                int k = Math.min(Math.abs(n), parts.size());
                return strings(n >= 0 ? parts.subList(0, k) : parts.subList(parts.size() - k, parts.size()));
            }),
            fn("replace", List.of(STRING, STRING, STRING), STRING, (ctx, a) -> StringValue.of(GoStrings.replaceAll(
                    Operands.string("replace", a, 1), Operands.string("replace", a, 2), Operands.string("replace", a, 3)))),
            fn("strings.replace_n", List.of(objectOf(STRING, STRING), STRING), STRING, StringBuiltins::replaceN),
            fn("substring", List.of(STRING, NUMBER, NUMBER), STRING, (ctx, a) -> {
                String s = Operands.string("substring", a, 1);
                int start = Operands.intNumber("substring", a, 2);
                if (start < 0) {
                    throw BuiltinException.error("substring: negative offset");
                }
                int length = Operands.intNumber("substring", a, 3);
                int runes = GoStrings.codePointCount(s);
                if (start >= runes) {
                    return StringValue.EMPTY;
                }
                int end = length < 0 ? runes : (int) Math.min((long) start + length, runes);
                return StringValue.of(s.substring(s.offsetByCodePoints(0, start), s.offsetByCodePoints(0, end)));
            }),
            fn("indexof", List.of(STRING, STRING), NUMBER, (ctx, a) -> {
                String s = Operands.string("indexof", a, 1);
                String search = Operands.string("indexof", a, 2);
                if (search.isEmpty()) {
                    throw BuiltinException.error("indexof: empty search character");
                }
                int i = s.indexOf(search);
                return NumberValue.of(i < 0 ? -1 : s.codePointCount(0, i));
            }),
            fn("indexof_n", List.of(STRING, STRING), arrayOf(NUMBER), (ctx, a) -> {
                String s = Operands.string("indexof_n", a, 1);
                String search = Operands.string("indexof_n", a, 2);
                if (search.isEmpty()) {
                    throw BuiltinException.error("indexof_n: empty search character");
                }
                List<Value> out = new ArrayList<>();
                int i = s.indexOf(search);
                while (i >= 0) {
                    out.add(NumberValue.of(s.codePointCount(0, i)));
                    i = s.indexOf(search, i + Character.charCount(s.codePointAt(i)));
                }
                return ArrayValue.of(out);
            }),
            fn("format_int", List.of(NUMBER, NUMBER), STRING, (ctx, a) -> {
                NumberValue n = Operands.number("format_int", a, 1);
                NumberValue base = Operands.number("format_int", a, 2);
                int b = base.isLong() ? (int) Math.max(-1, Math.min(99, base.longValue())) : -1;
                if (!base.isInteger() || (b != 2 && b != 8 && b != 10 && b != 16)) {
                    throw BuiltinException.typeError("format_int: operand 2 must be one of {2, 8, 10, 16}");
                }
                BigInteger i = n.isInteger() ? n.bigIntegerValue() : n.bigDecimalValue().toBigInteger();
                return StringValue.of(i.toString(b));
            }),
            fn("strings.any_prefix_match", List.of(STRING_OR_STRINGS, STRING_OR_STRINGS), BOOLEAN, (ctx, a) ->
                    anyMatch("strings.any_prefix_match", a, String::startsWith)),
            fn("strings.any_suffix_match", List.of(STRING_OR_STRINGS, STRING_OR_STRINGS), BOOLEAN, (ctx, a) ->
                    anyMatch("strings.any_suffix_match", a, String::endsWith)),
            fn("strings.count", List.of(STRING, STRING), NUMBER, (ctx, a) -> {
                String s = Operands.string("strings.count", a, 1);
                String sub = Operands.string("strings.count", a, 2);
                if (sub.isEmpty()) {
                    return NumberValue.of(GoStrings.codePointCount(s) + 1);
                }
                int count = 0;
                for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                    count++;
                }
                return NumberValue.of(count);
            }),
            fn("strings.render_template", List.of(STRING, objectOf(STRING, ANY)), STRING, (ctx, a) ->
                    StringValue.of(GoTemplate.render(Operands.string("strings.render_template", a, 1),
                            Operands.object("strings.render_template", a, 2)))));

    private static Builtin test(String name, BiPredicate<String, String> p) {
        return fn(name, List.of(STRING, STRING), BOOLEAN, (ctx, a) ->
                BooleanValue.of(p.test(Operands.string(name, a, 1), Operands.string(name, a, 2))));
    }

    private static Builtin unary(String name, java.util.function.UnaryOperator<String> f) {
        return fn(name, List.of(STRING), STRING, (ctx, a) -> StringValue.of(f.apply(Operands.string(name, a, 1))));
    }

    private static Builtin binary(String name, java.util.function.BinaryOperator<String> f) {
        return fn(name, List.of(STRING, STRING), STRING, (ctx, a) ->
                StringValue.of(f.apply(Operands.string(name, a, 1), Operands.string(name, a, 2))));
    }

    static ArrayValue strings(List<String> items) {
        Value[] out = new Value[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = StringValue.of(items.get(i));
        }
        return ArrayValue.wrap(out);
    }

    private static Value anyMatch(String fn, Value[] a, BiPredicate<String, String> p) throws BuiltinException {
        List<String> xs = stringOrStrings(fn, a, 1);
        List<String> ys = stringOrStrings(fn, a, 2);
        for (String x : xs) {
            for (String y : ys) {
                if (p.test(x, y)) {
                    return BooleanValue.TRUE;
                }
            }
        }
        return BooleanValue.FALSE;
    }

    private static List<String> stringOrStrings(String fn, Value[] a, int pos) throws BuiltinException {
        if (a[pos - 1] instanceof StringValue s) {
            return List.of(s.value());
        }
        return Operands.strings(fn, a, pos, "{string, set, array}");
    }

    /** Go's {@code strings.NewReplacer} with the pairs in key order: leftmost match, earlier pairs first. */
    private static Value replaceN(BuiltinContext ctx, Value[] a) throws BuiltinException {
        ObjectValue pairs = Operands.object("strings.replace_n", a, 1);
        String s = Operands.string("strings.replace_n", a, 2);
        int n = pairs.size();
        String[] olds = new String[n];
        String[] news = new String[n];
        for (int i = 0; i < n; i++) {
            if (!(pairs.keyAt(i) instanceof StringValue k)) {
                throw BuiltinException.typeError("strings.replace_n: operand 1 must be object[string: string] but got object containing " + pairs.keyAt(i).typeName() + " key");
            }
            if (!(pairs.valueAt(i) instanceof StringValue v)) {
                throw BuiltinException.typeError("strings.replace_n: operand 1 must be object[string: string] but got object containing " + pairs.valueAt(i).typeName() + " value");
            }
            olds[i] = k.value();
            news[i] = v.value();
        }
        if (n == 0) {
            return StringValue.of(s);
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        boolean lastEmptyMatch = false;
        while (i <= s.length()) {
            int match = -1;
            for (int k = 0; k < n; k++) {
                if (s.startsWith(olds[k], i) && !(olds[k].isEmpty() && lastEmptyMatch)) {
                    match = k;
                    break;
                }
            }
            if (match >= 0) {
                sb.append(news[match]);
                if (!olds[match].isEmpty()) {
                    i += olds[match].length();
                    lastEmptyMatch = false;
                    continue;
                }
                lastEmptyMatch = true;
            }
            if (i == s.length()) {
                break;
            }
            int cp = s.codePointAt(i);
            sb.appendCodePoint(cp);
            i += Character.charCount(cp);
            lastEmptyMatch = false;
        }
        return StringValue.of(sb.toString());
    }
}
