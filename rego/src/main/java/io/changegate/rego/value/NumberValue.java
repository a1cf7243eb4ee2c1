package io.changegate.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An arbitrary-precision Rego number.
 *
 * <p>Integers that fit in a {@code long} are kept as one (the overwhelmingly common case);
 * everything else is a normalised {@link BigDecimal}. Equal numbers have equal representations,
 * so {@code 1}, {@code 1.0} and {@code 1e0} are one value with one hash, as in OPA.
 */
public final class NumberValue implements Value {
    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1024;
    private static final NumberValue[] CACHE = new NumberValue[CACHE_HIGH - CACHE_LOW + 1];
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    static {
        for (int i = CACHE_LOW; i <= CACHE_HIGH; i++) {
            CACHE[i - CACHE_LOW] = new NumberValue(i, null);
        }
    }

    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final long small;
    private final BigDecimal big; // null when the value is the integer {@code small}

    private NumberValue(long small, BigDecimal big) {
        this.small = small;
        this.big = big;
    }

    public static NumberValue of(long v) {
        if (v >= CACHE_LOW && v <= CACHE_HIGH) {
            return CACHE[(int) v - CACHE_LOW];
        }
        return new NumberValue(v, null);
    }

    public static NumberValue of(BigInteger v) {
        if (v.bitLength() < 64) {
            return of(v.longValue());
        }
        return of(new BigDecimal(v));
    }

    public static NumberValue of(BigDecimal v) {
        if (v.signum() == 0) {
            return ZERO;
        }
        BigDecimal n = v.stripTrailingZeros();
        if (n.scale() <= 0 && n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return of(n.longValueExact());
        }
        return new NumberValue(0, n);
    }

    public static NumberValue of(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new ArithmeticException("not a finite number: " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 9.0e15) {
            return of((long) v);
        }
        return of(new BigDecimal(Double.toString(v)));
    }

    /**
     * Parses a JSON or Rego number literal.
     *
     * @throws NumberFormatException when the text is not a number
     */
    public static NumberValue parse(String text) {
        int n = text.length();
        if (n > 0 && n <= 18) {
            boolean digits = true;
            int start = text.charAt(0) == '-' ? 1 : 0;
            if (start == n) {
                digits = false;
            }
            for (int i = start; i < n && digits; i++) {
                char c = text.charAt(i);
                digits = c >= '0' && c <= '9';
            }
            if (digits) {
                return of(Long.parseLong(text));
            }
        }
        return of(new BigDecimal(text));
    }

    /** True when this number is an integer (of any size). */
    public boolean isInteger() {
        return big == null || big.scale() <= 0;
    }

    /** True when this is an integer that fits in a {@code long}. */
    public boolean isLong() {
        return big == null;
    }

    /** The value as a long; only meaningful when {@link #isLong()}. */
    public long longValue() {
        return big == null ? small : big.longValue();
    }

    /** The value as an int, or empty when it is not an integer in int range. */
    public java.util.OptionalInt intValue() {
        if (big == null && small >= Integer.MIN_VALUE && small <= Integer.MAX_VALUE) {
            return java.util.OptionalInt.of((int) small);
        }
        return java.util.OptionalInt.empty();
    }

    public BigDecimal bigDecimalValue() {
        return big == null ? BigDecimal.valueOf(small) : big;
    }

    /** The integer value; only meaningful when {@link #isInteger()}. */
    public BigInteger bigIntegerValue() {
        return big == null ? BigInteger.valueOf(small) : big.toBigInteger();
    }

    public double doubleValue() {
        return big == null ? (double) small : big.doubleValue();
    }

    public int signum() {
        return big == null ? Long.signum(small) : big.signum();
    }

    int compareNumber(NumberValue o) {
        if (big == null && o.big == null) {
            return Long.compare(small, o.small);
        }
        return bigDecimalValue().compareTo(o.bigDecimalValue());
    }

    @Override
    public int kindOrder() {
        return 2;
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NumberValue n)) {
            return false;
        }
        if (big == null) {
            return n.big == null && small == n.small;
        }
        return n.big != null && big.equals(n.big);
    }

    @Override
    public int hashCode() {
        return big == null ? Long.hashCode(small) * 31 + 7 : big.hashCode();
    }

    /** The number as OPA prints it: integers in full, other numbers in plain or exponent form. */
    @Override
    public String toString() {
        if (big == null) {
            return Long.toString(small);
        }
        if (big.scale() <= 0) {
            long digits = (long) big.precision() - big.scale(); // long: scale may be as low as -2^31
            return digits <= 400 ? big.toBigInteger().toString() : formatExponent(big);
        }
        long exponent = (long) big.precision() - big.scale() - 1;
        if (exponent < -20 || exponent > 20) {
            return formatExponent(big);
        }
        return big.toPlainString();
    }

    private static String formatExponent(BigDecimal d) {
        String s = d.toString(); // scientific notation like 1E+400 or 1.5E-30
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        String exp = s.substring(e + 1);
        if (!mantissa.contains(".")) {
            mantissa = mantissa + ".0";
        }
        return mantissa + "e" + (exp.startsWith("-") ? exp : exp.startsWith("+") ? exp : "+" + exp);
    }
}
