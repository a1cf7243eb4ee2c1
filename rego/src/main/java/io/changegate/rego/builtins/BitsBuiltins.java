package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.NUMBER;

import io.changegate.rego.value.NumberValue;
import java.math.BigInteger;
import java.util.List;
import java.util.function.BinaryOperator;

/** Bitwise operations on arbitrary-size two's-complement integers. */
final class BitsBuiltins {
    private BitsBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            binary("bits.and", BigInteger::and),
            binary("bits.or", BigInteger::or),
            binary("bits.xor", BigInteger::xor),
            fn("bits.negate", List.of(NUMBER), NUMBER, (ctx, a) ->
                    ArithmeticBuiltins.Numbers.integer(Operands.integer("bits.negate", a, 1).bigIntegerValue().not())),
            shift("bits.lsh", true),
            shift("bits.rsh", false));

    private static Builtin binary(String name, BinaryOperator<BigInteger> op) {
        return fn(name, List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> {
            BigInteger x = Operands.integer(name, a, 1).bigIntegerValue();
            BigInteger y = Operands.integer(name, a, 2).bigIntegerValue();
            return ArithmeticBuiltins.Numbers.integer(op.apply(x, y));
        });
    }

    private static Builtin shift(String name, boolean left) {
        return fn(name, List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> {
            BigInteger x = Operands.integer(name, a, 1).bigIntegerValue();
            NumberValue n = Operands.integer(name, a, 2);
            if (n.signum() < 0) {
                throw BuiltinException.typeError(name + ": operand 2 must be an unsigned integer number but got a negative integer");
            }
            if (!n.isLong() || n.longValue() > 1_000_000) {
                if (!left) {
                    return NumberValue.of(x.signum() < 0 ? -1 : 0);
                }
                throw BuiltinException.error(name + ": shift too large");
            }
            int k = (int) n.longValue();
            return ArithmeticBuiltins.Numbers.integer(left ? x.shiftLeft(k) : x.shiftRight(k));
        });
    }
}
