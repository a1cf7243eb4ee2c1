package io.changegate.rego.tooling;

/** Formats nanoseconds as Go's {@code time.Duration.String()} does: {@code 1.417µs}, {@code 12ms}, {@code 1m2.5s}. */
public final class GoDuration {
    private GoDuration() {
    }

    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long d = Math.abs(nanos);
        String s;
        if (d < 1_000L) {
            s = d + "ns";
        } else if (d < 1_000_000L) {
            s = fraction(d, 1_000L, 3) + "µs";
        } else if (d < 1_000_000_000L) {
            s = fraction(d, 1_000_000L, 6) + "ms";
        } else {
            long hours = d / 3_600_000_000_000L;
            long minutes = d / 60_000_000_000L % 60;
            String seconds = fraction(d % 60_000_000_000L, 1_000_000_000L, 9) + "s";
            s = hours > 0 ? hours + "h" + minutes + "m" + seconds : minutes > 0 ? minutes + "m" + seconds : seconds;
        }
        return negative ? "-" + s : s;
    }

    /** {@code d / unit} with up to {@code digits} decimals, trailing zeros (and a bare point) dropped. */
    private static String fraction(long d, long unit, int digits) {
        long whole = d / unit;
        long frac = d % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
