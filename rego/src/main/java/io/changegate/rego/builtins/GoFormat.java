package io.changegate.rego.builtins;

import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} as OPA's {@code sprintf} uses it. OPA hands Go three kinds of
 * operand: integers as {@code *big.Int}, other numbers as {@code float64}, and everything else
 * as a string (strings as they are, other values in their Rego text form). The verbs, flags,
 * widths, precisions and error notations ({@code %!d(string=x)}, {@code %!v(MISSING)},
 * {@code %!(EXTRA …)}) follow Go.
 */
final class GoFormat {
    private GoFormat() {
    }

    private sealed interface Arg permits Str, Int, Flt {
    }

    private record Str(String s) implements Arg {
    }

    private record Int(BigInteger i) implements Arg {
    }

    private record Flt(double d) implements Arg {
    }

    static String sprintf(String format, List<Value> values) {
        List<Arg> args = new ArrayList<>(values.size());
        for (Value v : values) {
            args.add(convert(v));
        }
        StringBuilder out = new StringBuilder(format.length() + 16 * values.size());
        int argi = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            Spec spec = new Spec();
            // flags
            while (i < n) {
                char f = format.charAt(i);
                if (f == '-') {
                    spec.minus = true;
                    spec.zero = false;
                } else if (f == '+') {
                    spec.plus = true;
                } else if (f == '#') {
                    spec.sharp = true;
                } else if (f == ' ') {
                    spec.space = true;
                } else if (f == '0') {
                    spec.zero = !spec.minus;
                } else {
                    break;
                }
                i++;
            }
            // width
            if (i < n && argi < args.size() && (format.charAt(i) == 's' || format.charAt(i) == 'v')
                    && args.get(argi) instanceof Str plain) {
                // The common case, a bare %s or %v of a string: no flags, width or precision.
                out.append(plain.s());
                argi++;
                i++;
                continue;
            }
            if (i < n && format.charAt(i) == '*') {
                i++;
                if (argi < args.size() && args.get(argi) instanceof Int w) {
                    spec.width = w.i().intValue();
                    if (spec.width < 0) {
                        spec.minus = true;
                        spec.width = -spec.width;
                    }
                } else {
                    out.append("%!(BADWIDTH)");
                }
                argi++;
            } else {
                int start = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    spec.width = Integer.parseInt(format.substring(start, Math.min(i, start + 6)));
                }
            }
            // precision
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    i++;
                    if (argi < args.size() && args.get(argi) instanceof Int p) {
                        spec.prec = Math.max(p.i().intValue(), -1);
                    } else {
                        out.append("%!(BADPREC)");
                    }
                    argi++;
                } else {
                    int start = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.prec = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 6))) : 0;
                }
            }
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            Arg arg = args.get(argi++);
            format(out, spec, verb, arg);
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                if (k > argi) {
                    out.append(", ");
                }
                Arg a = args.get(k);
                out.append(typeName(a)).append('=');
                format(out, new Spec(), 'v', a);
            }
            out.append(')');
        }
        return out.toString();
    }

    private static Arg convert(Value v) {
        if (v instanceof StringValue s) {
            return new Str(s.value());
        }
        if (v instanceof NumberValue num) {
            if (num.isInteger()) {
                return new Int(num.bigIntegerValue());
            }
            return new Flt(num.doubleValue());
        }
        return new Str(v.toRego());
    }

    private static String typeName(Arg a) {
        return switch (a) {
            case Str s -> "string";
            case Int i -> "*big.Int";
            case Flt f -> "float64";
        };
    }

    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int prec = -1;
    }

    private static void format(StringBuilder out, Spec spec, int verb, Arg arg) {
        switch (arg) {
            case Str s -> formatString(out, spec, verb, s.s());
            case Int i -> formatInt(out, spec, verb, i.i());
            case Flt f -> formatFloat(out, spec, verb, f.d());
        }
    }

    private static void badVerb(StringBuilder out, int verb, Arg arg) {
        out.append("%!").appendCodePoint(verb).append('(').append(typeName(arg)).append('=');
        format(out, new Spec(), 'v', arg);
        out.append(')');
    }

    private static void formatString(StringBuilder out, Spec spec, int verb, String s) {
        switch (verb) {
            case 'v', 's' -> {
                String t = s;
                if (spec.prec >= 0 && GoStrings.codePointCount(s) > spec.prec) {
                    t = s.substring(0, s.offsetByCodePoints(0, spec.prec));
                }
                pad(out, spec, t, spec.zero);
            }
            case 'q' -> pad(out, spec, spec.sharp && canBackquote(s) ? "`" + s + "`" : quote(s, spec.plus), spec.zero);
            case 'x', 'X' -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int len = spec.prec >= 0 ? Math.min(spec.prec, bytes.length) : bytes.length;
                StringBuilder sb = new StringBuilder();
                String digits = verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
                for (int k = 0; k < len; k++) {
                    if (spec.space && k > 0) {
                        sb.append(' ');
                    }
                    if (spec.sharp && (spec.space || k == 0)) {
                        sb.append(verb == 'x' ? "0x" : "0X");
                    }
                    sb.append(digits.charAt((bytes[k] >> 4) & 0xF)).append(digits.charAt(bytes[k] & 0xF));
                }
                pad(out, spec, sb.toString(), false);
            }
            case 'T' -> pad(out, spec, "string", false);
            default -> badVerb(out, verb, new Str(s));
        }
    }

    private static void formatInt(StringBuilder out, Spec spec, int verb, BigInteger i) {
        int base;
        switch (verb) {
            case 'b' -> base = 2;
            case 'o', 'O' -> base = 8;
            case 'd', 's', 'v' -> base = 10;
            case 'x', 'X' -> base = 16;
            case 'T' -> {
                pad(out, spec, "*big.Int", false);
                return;
            }
            default -> {
                out.append("%!").appendCodePoint(verb).append("(big.Int=").append(i).append(')');
                return;
            }
        }
        String digits = i.abs().toString(base);
        if (verb == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        if (spec.prec >= 0) {
            if (spec.prec == 0 && i.signum() == 0) {
                digits = "";
            }
            if (digits.length() < spec.prec) {
                digits = "0".repeat(spec.prec - digits.length()) + digits;
            }
        }
        String prefix = "";
        if (spec.sharp) {
            prefix = switch (verb) {
                case 'b' -> "0b";
                case 'o' -> "0";
                case 'x' -> "0x";
                case 'X' -> "0X";
                default -> "";
            };
        }
        if (verb == 'O') {
            prefix = "0o";
        }
        String sign = i.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        padNumber(out, spec, sign + prefix, digits, spec.zero && spec.prec < 0);
    }

    private static void formatFloat(StringBuilder out, Spec spec, int verb, double d) {
        String body;
        switch (verb) {
            case 'v', 'g' -> body = formatG(Math.abs(d), spec.prec, false, spec.sharp);
            case 'G' -> body = formatG(Math.abs(d), spec.prec, true, spec.sharp);
            case 'e', 'E' -> {
                body = formatE(new BigDecimal(Math.abs(d)), spec.prec < 0 ? 6 : spec.prec, verb == 'E');
            }
            case 'f', 'F' -> body = new BigDecimal(Math.abs(d)).setScale(spec.prec < 0 ? 6 : spec.prec, RoundingMode.HALF_EVEN).toPlainString();
            case 'T' -> {
                pad(out, spec, "float64", false);
                return;
            }
            default -> {
                badVerb(out, verb, new Flt(d));
                return;
            }
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        padNumber(out, spec, sign, body, spec.zero);
    }

    /** Go's {@code %g}: shortest digits when no precision, exponent form for large or small exponents. */
    private static String formatG(double d, int prec, boolean upper, boolean sharp) {
        BigDecimal digits;
        int eprec;
        if (prec < 0) {
            digits = d == 0 ? BigDecimal.ZERO : new BigDecimal(Double.toString(d)).stripTrailingZeros();
            eprec = 6;
        } else {
            int p = prec == 0 ? 1 : prec;
            digits = d == 0 ? BigDecimal.ZERO : new BigDecimal(d).round(new java.math.MathContext(p, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            eprec = p;
            int nd = digits.signum() == 0 ? 1 : digits.precision();
            int dp = digits.signum() == 0 ? 1 : digits.precision() - digits.scale();
            if (eprec > nd && nd >= dp) {
                eprec = nd;
            }
        }
        int nd = digits.signum() == 0 ? 1 : digits.precision();
        int exp = digits.signum() == 0 ? 0 : digits.precision() - digits.scale() - 1;
        if (exp < -4 || exp >= eprec) {
            return formatE(digits, nd - 1, upper);
        }
        return digits.scale() <= 0 ? digits.setScale(0).toPlainString() : digits.toPlainString();
    }

    /** d.ddde±XX with {@code decimals} digits after the point. */
    private static String formatE(BigDecimal v, int decimals, boolean upper) {
        String mantissa;
        int exp;
        if (v.signum() == 0) {
            mantissa = decimals > 0 ? "0." + "0".repeat(decimals) : "0";
            exp = 0;
        } else {
            BigDecimal r = v.round(new java.math.MathContext(decimals + 1, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
            BigDecimal m = r.movePointLeft(exp).setScale(decimals, RoundingMode.HALF_EVEN);
            mantissa = m.toPlainString();
        }
        String es = Integer.toString(Math.abs(exp));
        if (es.length() < 2) {
            es = "0" + es;
        }
        return mantissa + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + es;
    }

    private static void padNumber(StringBuilder out, Spec spec, String sign, String digits, boolean zeroPad) {
        int len = sign.length() + digits.length();
        if (spec.width > len && zeroPad && !spec.minus) {
            out.append(sign).append("0".repeat(spec.width - len)).append(digits);
            return;
        }
        pad(out, spec, sign + digits, false);
    }

    private static void pad(StringBuilder out, Spec spec, String s, boolean zero) {
        if (spec.width < 0) {
            out.append(s);
            return;
        }
        int len = GoStrings.codePointCount(s);
        if (spec.width <= len) {
            out.append(s);
        } else if (spec.minus) {
            out.append(s).append(" ".repeat(spec.width - len));
        } else {
            out.append((zero ? "0" : " ").repeat(spec.width - len)).append(s);
        }
    }

    private static boolean canBackquote(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strconv.Quote} ({@code asciiOnly} for the {@code +} flag). */
    static String quote(String s, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0B -> sb.append("\\v");
                default -> {
                    if (cp < 0x80 ? cp >= 0x20 && cp != 0x7F : !asciiOnly && isPrintable(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x80 || (cp < 0x100 && false)) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private static boolean isPrintable(int cp) {
        if (Character.isSurrogate((char) cp) && cp < 0x10000) {
            return false;
        }
        int t = Character.getType(cp);
        return switch (t) {
            case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE,
                 Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> cp == ' ';
            default -> true;
        };
    }
}
