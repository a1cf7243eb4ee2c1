package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;

import io.changegate.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Quantities with SI and binary suffixes ({@code 1.5M}, {@code 1Gi}, {@code 10KiB}). */
final class UnitsBuiltins {
    private UnitsBuiltins() {
    }

    private static final BigDecimal K = BigDecimal.valueOf(1000);
    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", K), Map.entry("K", K), Map.entry("ki", KI), Map.entry("Ki", KI),
            Map.entry("M", K.pow(2)), Map.entry("mi", KI.pow(2)), Map.entry("Mi", KI.pow(2)),
            Map.entry("g", K.pow(3)), Map.entry("G", K.pow(3)), Map.entry("gi", KI.pow(3)), Map.entry("Gi", KI.pow(3)),
            Map.entry("t", K.pow(4)), Map.entry("T", K.pow(4)), Map.entry("ti", KI.pow(4)), Map.entry("Ti", KI.pow(4)),
            Map.entry("p", K.pow(5)), Map.entry("P", K.pow(5)), Map.entry("pi", KI.pow(5)), Map.entry("Pi", KI.pow(5)),
            Map.entry("e", K.pow(6)), Map.entry("E", K.pow(6)), Map.entry("ei", KI.pow(6)), Map.entry("Ei", KI.pow(6)));

    private static final Map<String, BigDecimal> BYTE_UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("k", K), Map.entry("kb", K), Map.entry("ki", KI), Map.entry("kib", KI),
            Map.entry("m", K.pow(2)), Map.entry("mb", K.pow(2)), Map.entry("mi", KI.pow(2)), Map.entry("mib", KI.pow(2)),
            Map.entry("g", K.pow(3)), Map.entry("gb", K.pow(3)), Map.entry("gi", KI.pow(3)), Map.entry("gib", KI.pow(3)),
            Map.entry("t", K.pow(4)), Map.entry("tb", K.pow(4)), Map.entry("ti", KI.pow(4)), Map.entry("tib", KI.pow(4)),
            Map.entry("p", K.pow(5)), Map.entry("pb", K.pow(5)), Map.entry("pi", KI.pow(5)), Map.entry("pib", KI.pow(5)),
            Map.entry("e", K.pow(6)), Map.entry("eb", K.pow(6)), Map.entry("ei", KI.pow(6)), Map.entry("eib", KI.pow(6)));

    static final List<Builtin> ALL = List.of(
            fn("units.parse", List.of(STRING), NUMBER, (ctx, a) -> {
                String fn = "units.parse";
                String[] parts = split(fn, Operands.string(fn, a, 1).replace("\"", ""), "no amount provided");
                String unit = parts[1];
                if (unit.length() > 1) {
                    unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
                }
                BigDecimal m = UNITS.get(unit);
                if (m == null) {
                    throw BuiltinException.error(fn + ": " + fn + ": unit " + unit + " not recognized");
                }
                return NumberValue.of(new BigDecimal(parts[0]).multiply(m));
            }),
            fn("units.parse_bytes", List.of(STRING), NUMBER, (ctx, a) -> {
                String fn = "units.parse_bytes";
                String[] parts = split(fn, Operands.string(fn, a, 1).replace("\"", ""), "no byte amount provided");
                String unit = parts[1].toLowerCase(Locale.ROOT);
                BigDecimal m = BYTE_UNITS.get(unit);
                if (m == null) {
                    throw BuiltinException.error(fn + ": " + fn + ": byte unit " + unit + " not recognized");
                }
                return NumberValue.of(new BigDecimal(parts[0]).multiply(m).setScale(0, RoundingMode.DOWN));
            }));

    /** The amount (with an optional exponent) and the unit suffix. */
    private static String[] split(String fn, String s, String noAmount) throws BuiltinException {
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw BuiltinException.error(fn + ": " + fn + ": spaces not allowed in resource strings");
        }
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String num = s.substring(0, i);
        if (i == digitsStart || num.chars().filter(c -> c == '.').count() > 1 || num.endsWith(".") && num.length() == 1) {
            throw BuiltinException.error(fn + ": " + fn + ": " + noAmount);
        }
        String rest = s.substring(i);
        // Scientific notation (1e3) is an amount, not the unit "e3".
        if (rest.length() > 1 && (rest.charAt(0) == 'e' || rest.charAt(0) == 'E')) {
            int j = 1;
            if (j < rest.length() && (rest.charAt(j) == '+' || rest.charAt(j) == '-')) {
                j++;
            }
            int expStart = j;
            while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
                j++;
            }
            if (j > expStart) {
                num = num + rest.substring(0, j);
                rest = rest.substring(j);
            }
        }
        if (num.startsWith("+")) {
            num = num.substring(1);
        }
        if (num.startsWith(".") || num.startsWith("-.")) {
            num = num.replace(".", "0.");
        }
        return new String[] {num, rest};
    }
}
