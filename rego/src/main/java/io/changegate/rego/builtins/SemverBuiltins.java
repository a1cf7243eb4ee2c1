package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;

import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.StringValue;
import java.math.BigInteger;
import java.util.List;

/** Semantic versions (semver.org 2.0.0): validity and precedence. */
final class SemverBuiltins {
    private SemverBuiltins() {
    }

    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** A parsed version; build metadata does not take part in precedence. */
    record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre) {
        int compareTo(Version o) {
            int c = major.compareTo(o.major);
            if (c == 0) {
                c = minor.compareTo(o.minor);
            }
            if (c == 0) {
                c = patch.compareTo(o.patch);
            }
            if (c != 0) {
                return c;
            }
            if (pre.isEmpty() || o.pre.isEmpty()) {
                return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
            }
            for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
                String a = pre.get(i);
                String b = o.pre.get(i);
                boolean an = a.chars().allMatch(Character::isDigit);
                boolean bn = b.chars().allMatch(Character::isDigit);
                int d;
                if (an && bn) {
                    d = new BigInteger(a).compareTo(new BigInteger(b));
                } else if (an || bn) {
                    d = an ? -1 : 1;
                } else {
                    d = a.compareTo(b);
                }
                if (d != 0) {
                    return d;
                }
            }
            return Integer.compare(pre.size(), o.pre.size());
        }
    }

    static final List<Builtin> ALL = List.of(
            fn("semver.is_valid", List.of(ANY), BOOLEAN, (ctx, a) ->
                    BooleanValue.of(a[0] instanceof StringValue s && parse(s.value()) != null)),
            fn("semver.compare", List.of(STRING, STRING), NUMBER, (ctx, a) -> {
                Version x = version(Operands.string("semver.compare", a, 1), 1);
                Version y = version(Operands.string("semver.compare", a, 2), 2);
                return NumberValue.of(Integer.signum(x.compareTo(y)));
            }));

    private static Version version(String s, int pos) throws BuiltinException {
        Version v = parse(s);
        if (v == null) {
            throw BuiltinException.error("semver.compare: operand " + pos + ": string " + GoFormat.quote(s, false) + " is not a valid SemVer");
        }
        return v;
    }

    static Version parse(String s) {
        String core = s;
        int plus = core.indexOf('+');
        if (plus >= 0) {
            if (!identifiers(core.substring(plus + 1), false)) {
                return null;
            }
            core = core.substring(0, plus);
        }
        List<String> pre = List.of();
        int dash = core.indexOf('-');
        if (dash >= 0) {
            String p = core.substring(dash + 1);
            if (!identifiers(p, true)) {
                return null;
            }
            pre = List.of(p.split("\\.", -1));
            core = core.substring(0, dash);
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        BigInteger[] n = new BigInteger[3];
        for (int i = 0; i < 3; i++) {
            String p = parts[i];
            if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9') || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            n[i] = new BigInteger(p);
            if (n[i].compareTo(INT64_MAX) > 0) {
                return null;
            }
        }
        return new Version(n[0], n[1], n[2], pre);
    }

    private static boolean identifiers(String s, boolean numericNoLeadingZero) {
        if (s.isEmpty()) {
            return false;
        }
        for (String id : s.split("\\.", -1)) {
            if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
                return false;
            }
            if (numericNoLeadingZero && id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}
