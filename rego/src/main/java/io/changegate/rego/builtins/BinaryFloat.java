package io.changegate.rego.builtins;

import io.changegate.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * OPA's arithmetic on non-integers: Go's {@code big.Float} with its default 64-bit mantissa,
 * rounding to nearest even after every operation, and printed as the shortest decimal that reads
 * back to the same value. That is why OPA computes {@code 0.3 - 0.1} as
 * {@code 0.20000000000000000002} and {@code 1 / 3} as {@code 0.33333333333333333334}.
 */
record BinaryFloat(BigInteger mantissa, int exponent) {
    private static final int PRECISION = 64;
    static final BinaryFloat ZERO = new BinaryFloat(BigInteger.ZERO, 0);

    boolean isZero() {
        return mantissa.signum() == 0;
    }

    /** The nearest value of the rational {@code num / den}, rounding half to even. */
    static BinaryFloat ofRational(BigInteger num, BigInteger den) {
        if (num.signum() == 0) {
            return ZERO;
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        boolean negative = num.signum() < 0;
        BigInteger n = num.abs();
        // Choose k so that n * 2^k / den has exactly PRECISION bits before rounding.
        int k = PRECISION - (n.bitLength() - den.bitLength());
        BigInteger scaledNum = k >= 0 ? n.shiftLeft(k) : n;
        BigInteger scaledDen = k >= 0 ? den : den.shiftLeft(-k);
        BigInteger[] qr = scaledNum.divideAndRemainder(scaledDen);
        while (qr[0].bitLength() > PRECISION) {
            k--;
            scaledNum = k >= 0 ? n.shiftLeft(k) : n;
            scaledDen = k >= 0 ? den : den.shiftLeft(-k);
            qr = scaledNum.divideAndRemainder(scaledDen);
        }
        while (qr[0].bitLength() < PRECISION) {
            k++;
            scaledNum = k >= 0 ? n.shiftLeft(k) : n;
            scaledDen = k >= 0 ? den : den.shiftLeft(-k);
            qr = scaledNum.divideAndRemainder(scaledDen);
        }
        BigInteger q = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(scaledDen);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > PRECISION) {
                q = q.shiftRight(1);
                k--;
            }
        }
        return new BinaryFloat(negative ? q.negate() : q, -k);
    }

    static BinaryFloat of(NumberValue n) {
        BigDecimal d = n.bigDecimalValue();
        BigInteger unscaled = d.unscaledValue();
        int scale = d.scale();
        return scale >= 0 ? ofRational(unscaled, BigInteger.TEN.pow(scale))
                : ofRational(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    /** The exact value as a fraction numerator/denominator. */
    private BigInteger[] rational() {
        return exponent >= 0 ? new BigInteger[] {mantissa.shiftLeft(exponent), BigInteger.ONE}
                : new BigInteger[] {mantissa, BigInteger.ONE.shiftLeft(-exponent)};
    }

    BinaryFloat add(BinaryFloat o) {
        int e = Math.min(exponent, o.exponent);
        BigInteger sum = mantissa.shiftLeft(exponent - e).add(o.mantissa.shiftLeft(o.exponent - e));
        return e >= 0 ? ofRational(sum.shiftLeft(e), BigInteger.ONE) : ofRational(sum, BigInteger.ONE.shiftLeft(-e));
    }

    BinaryFloat negate() {
        return new BinaryFloat(mantissa.negate(), exponent);
    }

    BinaryFloat multiply(BinaryFloat o) {
        BigInteger m = mantissa.multiply(o.mantissa);
        int e = exponent + o.exponent;
        return e >= 0 ? ofRational(m.shiftLeft(e), BigInteger.ONE) : ofRational(m, BigInteger.ONE.shiftLeft(-e));
    }

    BinaryFloat divide(BinaryFloat o) {
        BigInteger[] a = rational();
        BigInteger[] b = o.rational();
        return ofRational(a[0].multiply(b[1]), a[1].multiply(b[0]));
    }

    private BigDecimal exact() {
        return exponent >= 0 ? new BigDecimal(mantissa.shiftLeft(exponent))
                : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
    }

    /** The shortest decimal that rounds back to this value, as Go's {@code Text('g', -1)} finds it. */
    NumberValue toNumber() {
        if (isZero()) {
            return NumberValue.ZERO;
        }
        BigDecimal exact = exact();
        for (int digits = 1; digits < 40; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (of(NumberValue.of(candidate)).equals(this)) {
                return NumberValue.of(candidate);
            }
        }
        return NumberValue.of(exact);
    }
}
