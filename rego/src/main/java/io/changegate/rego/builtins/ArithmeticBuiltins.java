package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY_SET;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.oneOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/** Arithmetic on arbitrary-precision numbers, and the set operators {@code - & |}. */
final class ArithmeticBuiltins {
    private ArithmeticBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            fn("plus", List.of(NUMBER, NUMBER), NUMBER, (ctx, a) ->
                    Numbers.add(Operands.number("plus", a, 1), Operands.number("plus", a, 2))),
            fn("minus", List.of(oneOf(NUMBER, ANY_SET), oneOf(NUMBER, ANY_SET)), oneOf(NUMBER, ANY_SET),
                    ArithmeticBuiltins::minus),
            fn("mul", List.of(NUMBER, NUMBER), NUMBER, (ctx, a) ->
                    Numbers.multiply(Operands.number("mul", a, 1), Operands.number("mul", a, 2))),
            fn("div", List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> {
                NumberValue x = Operands.number("div", a, 1);
                NumberValue y = Operands.number("div", a, 2);
                if (y.signum() == 0) {
                    throw BuiltinException.error("div: divide by zero");
                }
                return Numbers.divide(x, y);
            }),
            fn("rem", List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> {
                NumberValue x = Operands.number("rem", a, 1);
                NumberValue y = Operands.number("rem", a, 2);
                if (!x.isInteger() || !y.isInteger()) {
                    throw BuiltinException.error("rem: modulo on floating-point number");
                }
                if (y.signum() == 0) {
                    throw BuiltinException.error("rem: modulo by zero");
                }
                if (x.isLong() && y.isLong() && y.longValue() != -1) {
                    return NumberValue.of(x.longValue() % y.longValue());
                }
                return Numbers.integer(x.bigIntegerValue().remainder(y.bigIntegerValue()));
            }),
            fn("abs", List.of(NUMBER), NUMBER, (ctx, a) -> {
                NumberValue n = Operands.number("abs", a, 1);
                return n.signum() >= 0 ? n : Numbers.negate(n);
            }),
            fn("round", List.of(NUMBER), NUMBER, (ctx, a) ->
                    Numbers.toInteger(Operands.number("round", a, 1), RoundingMode.HALF_UP)),
            fn("ceil", List.of(NUMBER), NUMBER, (ctx, a) ->
                    Numbers.toInteger(Operands.number("ceil", a, 1), RoundingMode.CEILING)),
            fn("floor", List.of(NUMBER), NUMBER, (ctx, a) ->
                    Numbers.toInteger(Operands.number("floor", a, 1), RoundingMode.FLOOR)),
            fn("and", List.of(ANY_SET, ANY_SET), ANY_SET, (ctx, a) ->
                    Operands.set("and", a, 1).intersection(Operands.set("and", a, 2))),
            fn("or", List.of(ANY_SET, ANY_SET), ANY_SET, (ctx, a) ->
                    Operands.set("or", a, 1).union(Operands.set("or", a, 2))),
            fn("numbers.range", List.of(NUMBER, NUMBER), Type.arrayOf(NUMBER), (ctx, a) -> {
                NumberValue from = Operands.integer("numbers.range", a, 1);
                NumberValue to = Operands.integer("numbers.range", a, 2);
                return range(from.bigIntegerValue(), to.bigIntegerValue(), BigInteger.ONE);
            }),
            fn("numbers.range_step", List.of(NUMBER, NUMBER, NUMBER), Type.arrayOf(NUMBER), (ctx, a) -> {
                NumberValue from = Operands.integer("numbers.range_step", a, 1);
                NumberValue to = Operands.integer("numbers.range_step", a, 2);
                if (!(a[2] instanceof NumberValue step) || !step.isInteger() || step.signum() <= 0) {
                    throw BuiltinException.error("numbers.range_step: numbers.range_step: step must be a positive integer");
                }
                return range(from.bigIntegerValue(), to.bigIntegerValue(), step.bigIntegerValue());
            }));

    private static Value minus(BuiltinContext ctx, Value[] a) throws BuiltinException {
        if (a[0] instanceof NumberValue x) {
            if (a[1] instanceof NumberValue y) {
                return Numbers.subtract(x, y);
            }
            throw Operands.mustBe("minus", 2, "number", a[1]);
        }
        if (a[0] instanceof SetValue x) {
            if (a[1] instanceof SetValue y) {
                return x.difference(y);
            }
            throw Operands.mustBe("minus", 2, "set", a[1]);
        }
        throw Operands.mustBeOneOf("minus", 1, "{number, set}", a[0]);
    }

    /** Integers from {@code from} to {@code to} inclusive, counting down when {@code to < from}. */
    private static ArrayValue range(BigInteger from, BigInteger to, BigInteger step) throws BuiltinException {
        BigInteger span = to.subtract(from).abs().divide(step);
        if (span.compareTo(BigInteger.valueOf(50_000_000)) > 0) {
            throw BuiltinException.error("numbers.range: range too large");
        }
        int n = span.intValue() + 1;
        Value[] out = new Value[n];
        BigInteger d = to.compareTo(from) >= 0 ? step : step.negate();
        BigInteger cur = from;
        for (int i = 0; i < n; i++) {
            out[i] = Numbers.integer(cur);
            cur = cur.add(d);
        }
        return ArrayValue.wrap(out);
    }

    /** Exact arithmetic with a long fast path. */
    static final class Numbers {
        private Numbers() {
        }

        static NumberValue add(NumberValue x, NumberValue y) {
            if (x.isLong() && y.isLong()) {
                long a = x.longValue();
                long b = y.longValue();
                long r = a + b;
                if (((a ^ r) & (b ^ r)) >= 0) {
                    return NumberValue.of(r);
                }
            }
            if (x.isInteger() && y.isInteger()) {
                return integer(x.bigIntegerValue().add(y.bigIntegerValue()));
            }
            return BinaryFloat.of(x).add(BinaryFloat.of(y)).toNumber();
        }

        static NumberValue subtract(NumberValue x, NumberValue y) {
            if (x.isLong() && y.isLong()) {
                long a = x.longValue();
                long b = y.longValue();
                long r = a - b;
                if (((a ^ b) & (a ^ r)) >= 0) {
                    return NumberValue.of(r);
                }
            }
            if (x.isInteger() && y.isInteger()) {
                return integer(x.bigIntegerValue().subtract(y.bigIntegerValue()));
            }
            return BinaryFloat.of(x).add(BinaryFloat.of(y).negate()).toNumber();
        }

        static NumberValue multiply(NumberValue x, NumberValue y) {
            if (x.isLong() && y.isLong()) {
                long a = x.longValue();
                long b = y.longValue();
                long hi = Math.multiplyHigh(a, b);
                long lo = a * b;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                    return NumberValue.of(lo);
                }
            }
            if (x.isInteger() && y.isInteger()) {
                return integer(x.bigIntegerValue().multiply(y.bigIntegerValue()));
            }
            return BinaryFloat.of(x).multiply(BinaryFloat.of(y)).toNumber();
        }

        /** An integer result, normalised so that it equals the same number parsed from text (2e300). */
        static NumberValue integer(BigInteger v) {
            return v.bitLength() < 64 ? NumberValue.of(v.longValue()) : NumberValue.of(new java.math.BigDecimal(v));
        }

        static NumberValue negate(NumberValue x) {
            if (x.isLong() && x.longValue() != Long.MIN_VALUE) {
                return NumberValue.of(-x.longValue());
            }
            return NumberValue.of(x.bigDecimalValue().negate());
        }

        /** Exact when integers divide evenly, else OPA's 64-bit binary floating-point quotient. */
        static NumberValue divide(NumberValue x, NumberValue y) {
            if (x.isLong() && y.isLong() && y.longValue() != -1 && x.longValue() % y.longValue() == 0) {
                return NumberValue.of(x.longValue() / y.longValue());
            }
            if (x.isInteger() && y.isInteger()) {
                BigInteger[] qr = x.bigIntegerValue().divideAndRemainder(y.bigIntegerValue());
                if (qr[1].signum() == 0) {
                    return integer(qr[0]);
                }
            }
            return BinaryFloat.of(x).divide(BinaryFloat.of(y)).toNumber();
        }

        static NumberValue toInteger(NumberValue x, RoundingMode mode) {
            if (x.isInteger()) {
                return x;
            }
            return NumberValue.of(x.bigDecimalValue().setScale(0, mode));
        }
    }
}
