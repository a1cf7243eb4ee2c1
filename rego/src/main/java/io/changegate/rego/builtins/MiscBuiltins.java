package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_ARRAY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.ANY_SET;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.NULL;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Runtime information, randomness and the deprecated {@code cast_*}/{@code set_diff} functions. */
final class MiscBuiltins {
    private MiscBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            nondeterministic("opa.runtime", List.of(), ANY_OBJECT, (ctx, a) -> ObjectValue.EMPTY),
            nondeterministic("rand.intn", List.of(STRING, NUMBER), NUMBER, (ctx, a) -> {
                String key = Operands.string("rand.intn", a, 1);
                NumberValue n = Operands.integer("rand.intn", a, 2);
                BigInteger bound = n.bigIntegerValue().abs();
                if (bound.signum() == 0) {
                    return NumberValue.ZERO;
                }
                return (Value) ctx.evalCache().computeIfAbsent(List.of("rand.intn", key, bound), k -> {
                    long b = bound.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
                    return NumberValue.of(ThreadLocalRandom.current().nextLong(b));
                });
            }),
            fn("cast_array", List.of(ANY), ANY_ARRAY, (ctx, a) -> switch (a[0]) {
                case ArrayValue v -> v;
                case SetValue s -> ArrayValue.of(s.asList());
                default -> throw Operands.mustBeOneOf("cast_array", 1, "{array, set}", a[0]);
            }),
            fn("cast_set", List.of(ANY), ANY_SET, (ctx, a) -> switch (a[0]) {
                case ArrayValue v -> SetValue.of(v.asList());
                case SetValue s -> s;
                default -> throw Operands.mustBeOneOf("cast_set", 1, "{array, set}", a[0]);
            }),
            fn("cast_string", List.of(ANY), STRING, (ctx, a) -> {
                if (a[0] instanceof StringValue s) {
                    return s;
                }
                throw Operands.mustBe("cast_string", 1, "string", a[0]);
            }),
            fn("cast_boolean", List.of(ANY), BOOLEAN, (ctx, a) -> {
                if (a[0] instanceof BooleanValue b) {
                    return b;
                }
                throw Operands.mustBe("cast_boolean", 1, "boolean", a[0]);
            }),
            fn("cast_null", List.of(ANY), NULL, (ctx, a) -> {
                if (a[0] instanceof NullValue n) {
                    return n;
                }
                throw Operands.mustBe("cast_null", 1, "null", a[0]);
            }),
            fn("cast_object", List.of(ANY), objectOf(ANY, ANY), (ctx, a) -> {
                if (a[0] instanceof ObjectValue o) {
                    return o;
                }
                throw Operands.mustBe("cast_object", 1, "object", a[0]);
            }),
            fn("set_diff", List.of(ANY_SET, ANY_SET), ANY_SET, (ctx, a) ->
                    Operands.set("set_diff", a, 1).difference(Operands.set("set_diff", a, 2))));

    /** Builtins that OPA 1.x (Rego v1) rejects as deprecated at compile time; v0 modules may still call them. */
    static final java.util.Set<String> DEPRECATED = java.util.Set.of(
            "all", "any", "re_match", "set_diff", "net.cidr_overlap",
            "cast_array", "cast_set", "cast_string", "cast_boolean", "cast_null", "cast_object");
}
