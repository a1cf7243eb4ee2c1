package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_ARRAY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.ANY_SET;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.oneOf;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.builtins.ArithmeticBuiltins.Numbers;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import io.changegate.rego.value.Values;
import java.util.List;

/** Aggregates over collections: count, sum, product, max, min, sort, and the deprecated all/any. */
final class AggregateBuiltins {
    private AggregateBuiltins() {
    }

    private static final Type NUMBERS = oneOf(setOf(NUMBER), arrayOf(NUMBER));
    private static final Type COLLECTION = oneOf(ANY_SET, ANY_ARRAY);

    static final List<Builtin> ALL = List.of(
            fn("count", List.of(oneOf(STRING, ANY_ARRAY, ANY_OBJECT, ANY_SET)), NUMBER, (ctx, a) ->
                    NumberValue.of(switch (a[0]) {
                        case ArrayValue v -> v.size();
                        case ObjectValue v -> v.size();
                        case SetValue v -> v.size();
                        case StringValue s -> s.value().codePointCount(0, s.value().length());
                        default -> throw Operands.mustBeOneOf("count", 1, "{array, object, set, string}", a[0]);
                    })),
            fn("sum", List.of(NUMBERS), NUMBER, (ctx, a) -> {
                NumberValue total = NumberValue.ZERO;
                for (Value v : Operands.collection("sum", a, 1)) {
                    total = Numbers.add(total, element("sum", v));
                }
                return total;
            }),
            fn("product", List.of(NUMBERS), NUMBER, (ctx, a) -> {
                NumberValue total = NumberValue.ONE;
                for (Value v : Operands.collection("product", a, 1)) {
                    total = Numbers.multiply(total, element("product", v));
                }
                return total;
            }),
            fn("max", List.of(COLLECTION), ANY, (ctx, a) -> {
                Value best = null;
                for (Value v : Operands.collection("max", a, 1)) {
                    if (best == null || Values.compare(v, best) > 0) {
                        best = v;
                    }
                }
                return best;
            }),
            fn("min", List.of(COLLECTION), ANY, (ctx, a) -> {
                Value best = null;
                for (Value v : Operands.collection("min", a, 1)) {
                    if (best == null || Values.compare(v, best) < 0) {
                        best = v;
                    }
                }
                return best;
            }),
            fn("sort", List.of(COLLECTION), ANY_ARRAY, (ctx, a) -> {
                if (a[0] instanceof SetValue s) {
                    return ArrayValue.of(s.asList());
                }
                Value[] items = Operands.collection("sort", a, 1).toArray(new Value[0]);
                java.util.Arrays.sort(items, Values::compare);
                return ArrayValue.wrap(items);
            }),
            fn("all", List.of(COLLECTION), BOOLEAN, (ctx, a) -> {
                for (Value v : Operands.collection("all", a, 1)) {
                    if (v != BooleanValue.TRUE) {
                        return BooleanValue.FALSE;
                    }
                }
                return BooleanValue.TRUE;
            }),
            fn("any", List.of(COLLECTION), BOOLEAN, (ctx, a) -> {
                for (Value v : Operands.collection("any", a, 1)) {
                    if (v == BooleanValue.TRUE) {
                        return BooleanValue.TRUE;
                    }
                }
                return BooleanValue.FALSE;
            }));

    private static NumberValue element(String fn, Value v) throws BuiltinException {
        if (v instanceof NumberValue n) {
            return n;
        }
        throw BuiltinException.typeError(fn + ": operand 1 must be array of numbers but got array containing " + v.typeName());
    }
}
