package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** IP addresses and CIDR blocks, parsed and printed as Go's {@code net} package does; no DNS. */
final class NetBuiltins {
    private NetBuiltins() {
    }

    private static final long MAX_EXPAND = 1L << 24;
    private static final Type CIDRS = oneOf(STRING, arrayOf(oneOf(STRING, arrayOf(ANY))), setOf(STRING), objectOf(STRING, oneOf(STRING, arrayOf(ANY))));

    /** A network: the masked address bytes (4 or 16) and the prefix length. */
    record Cidr(byte[] ip, int prefix) {
        boolean contains(byte[] addr) {
            byte[] a = addr.length == ip.length ? addr : addr.length == 16 && ip.length == 4 ? v4(addr) : null;
            if (a == null) {
                return false;
            }
            return Arrays.equals(mask(a, prefix), ip);
        }

        BigInteger first() {
            return new BigInteger(1, ip);
        }

        BigInteger last() {
            return first().add(BigInteger.ONE.shiftLeft(ip.length * 8 - prefix)).subtract(BigInteger.ONE);
        }

        @Override
        public String toString() {
            return format(ip) + "/" + prefix;
        }
    }

    static final List<Builtin> ALL = List.of(
            fn("net.cidr_contains", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> {
                Cidr net = cidr("net.cidr_contains", Operands.string("net.cidr_contains", a, 1));
                // OPA reports a wrong second operand as operand 1.
                if (!(a[1] instanceof StringValue bs)) {
                    throw Operands.mustBe("net.cidr_contains", 1, "string", a[1]);
                }
                String b = bs.value();
                byte[] ip = parseIp(b);
                if (ip != null) {
                    return BooleanValue.of(net.contains(ip));
                }
                Cidr other = parseCidr(b);
                if (other == null) {
                    throw BuiltinException.error("net.cidr_contains: not a valid textual representation of an IP address or CIDR: " + b);
                }
                return BooleanValue.of(containsCidr(net, other));
            }),
            fn("net.cidr_intersects", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> {
                Cidr x = cidr("net.cidr_intersects", Operands.string("net.cidr_intersects", a, 1));
                if (!(a[1] instanceof StringValue ys)) {
                    throw Operands.mustBe("net.cidr_intersects", 1, "string", a[1]);
                }
                Cidr y = cidr("net.cidr_intersects", ys.value());
                if (x.ip().length != y.ip().length) {
                    return BooleanValue.FALSE;
                }
                return BooleanValue.of(x.first().compareTo(y.last()) <= 0 && y.first().compareTo(x.last()) <= 0);
            }),
            fn("net.cidr_overlap", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> {
                Cidr net = cidr("net.cidr_overlap", Operands.string("net.cidr_overlap", a, 1));
                byte[] ip = parseIp(Operands.string("net.cidr_overlap", a, 2));
                if (ip == null) {
                    throw BuiltinException.error("net.cidr_overlap: invalid IP address: " + ((StringValue) a[1]).value());
                }
                return BooleanValue.of(net.contains(ip));
            }),
            fn("net.cidr_is_valid", List.of(STRING), BOOLEAN, (ctx, a) ->
                    BooleanValue.of(a[0] instanceof StringValue s && parseCidr(s.value()) != null)),
            fn("net.cidr_expand", List.of(STRING), setOf(STRING), (ctx, a) -> {
                Cidr net = cidr("net.cidr_expand", Operands.string("net.cidr_expand", a, 1));
                int hostBits = net.ip().length * 8 - net.prefix();
                if (hostBits > 24) {
                    throw BuiltinException.error("net.cidr_expand: network too large to expand: " + net);
                }
                long n = 1L << hostBits;
                List<Value> out = new ArrayList<>((int) Math.min(n, MAX_EXPAND));
                BigInteger first = net.first();
                for (long i = 0; i < n; i++) {
                    out.add(StringValue.of(format(bytes(first.add(BigInteger.valueOf(i)), net.ip().length))));
                }
                return SetValue.of(out);
            }),
            fn("net.cidr_contains_matches", List.of(CIDRS, CIDRS), setOf(arrayOf(ANY)), (ctx, a) -> {
                String fn = "net.cidr_contains_matches";
                List<Value[]> nets = keyed(fn, a[0], 1);
                List<Value[]> addrs = keyed(fn, a[1], 2);
                List<Value> out = new ArrayList<>();
                for (Value[] n : nets) {
                    Cidr net = cidr(fn, ((StringValue) n[1]).value());
                    for (Value[] x : addrs) {
                        String s = ((StringValue) x[1]).value();
                        byte[] ip = parseIp(s);
                        boolean hit;
                        if (ip != null) {
                            hit = net.contains(ip);
                        } else {
                            hit = containsCidr(net, cidr(fn, s));
                        }
                        if (hit) {
                            out.add(ArrayValue.of(n[0], x[0]));
                        }
                    }
                }
                return SetValue.of(out);
            }),
            fn("net.cidr_merge", List.of(oneOf(arrayOf(STRING), setOf(STRING))), setOf(STRING), (ctx, a) -> {
                List<Value> items = switch (a[0]) {
                    case ArrayValue v -> v.asList();
                    case SetValue v -> v.asList();
                    default -> throw BuiltinException.error("net.cidr_merge: operand must be an array");
                };
                List<Cidr> v4 = new ArrayList<>();
                List<Cidr> v6 = new ArrayList<>();
                for (Value v : items) {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinException.error("net.cidr_merge: element must be string");
                    }
                    Cidr c;
                    if (s.value().contains("/")) {
                        c = cidr("net.cidr_merge", s.value());
                    } else {
                        byte[] ip = parseIp(s.value());
                        if (ip == null) {
                            throw BuiltinException.error("net.cidr_merge: invalid CIDR address: " + s.value());
                        }
                        if (ip.length == 16) {
                            throw BuiltinException.error("net.cidr_merge: IPv6 invalid: needs prefix length");
                        }
                        c = new Cidr(ip, 32);
                    }
                    (c.ip().length == 4 ? v4 : v6).add(c);
                }
                List<Value> out = new ArrayList<>();
                for (Cidr c : merge(v4)) {
                    out.add(StringValue.of(c.toString()));
                }
                for (Cidr c : merge(v6)) {
                    out.add(StringValue.of(c.toString()));
                }
                return SetValue.of(out);
            }),
            nondeterministic("net.lookup_ip_addr", List.of(STRING), setOf(STRING), (ctx, a) -> {
                String name = Operands.string("net.lookup_ip_addr", a, 1);
                byte[] ip = parseIp(name);
                if (ip != null) {
                    return SetValue.of(StringValue.of(format(ip)));
                }
                // The engine makes no network requests of its own; policies mock this with `with`.
                throw BuiltinException.error("net.lookup_ip_addr: lookup " + name + ": name resolution is disabled");
            }));

    private static Cidr cidr(String fn, String s) throws BuiltinException {
        Cidr c = parseCidr(s);
        if (c == null) {
            throw BuiltinException.error(fn + ": invalid CIDR address: " + s);
        }
        return c;
    }

    private static boolean containsCidr(Cidr outer, Cidr inner) {
        if (outer.ip().length != inner.ip().length || inner.prefix() < outer.prefix()) {
            return false;
        }
        return outer.contains(inner.ip());
    }

    /** Entries of a collection operand as [key, cidr-string]. */
    private static List<Value[]> keyed(String fn, Value v, int pos) throws BuiltinException {
        List<Value[]> out = new ArrayList<>();
        switch (v) {
            case StringValue s -> out.add(new Value[] {s, s});
            case ArrayValue arr -> {
                for (int i = 0; i < arr.size(); i++) {
                    out.add(new Value[] {NumberValue.of(i), first(fn, arr.get(i), pos)});
                }
            }
            case SetValue set -> {
                for (Value m : set.asList()) {
                    out.add(new Value[] {m, first(fn, m, pos)});
                }
            }
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) {
                    out.add(new Value[] {o.keyAt(i), first(fn, o.valueAt(i), pos)});
                }
            }
            default -> {
                // OPA matches nothing, without an error, for operands of other types.
            }
        }
        return out;
    }

    private static Value first(String fn, Value v, int pos) throws BuiltinException {
        if (v instanceof StringValue) {
            return v;
        }
        if (v instanceof ArrayValue arr && arr.size() > 0 && arr.get(0) instanceof StringValue) {
            return arr.get(0);
        }
        throw BuiltinException.typeError(fn + ": operand " + pos + ": element must be string or non-empty array");
    }

    /** Drops networks inside others, then joins sibling halves until nothing changes. */
    private static List<Cidr> merge(List<Cidr> in) {
        List<Cidr> list = new ArrayList<>(in);
        list.sort(Comparator.comparing(Cidr::first).thenComparingInt(Cidr::prefix));
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Cidr> out = new ArrayList<>();
            for (Cidr c : list) {
                if (!out.isEmpty()) {
                    Cidr prev = out.getLast();
                    if (containsCidr(prev, c)) {
                        changed |= true;
                        continue;
                    }
                    if (prev.prefix() == c.prefix() && prev.prefix() > 0) {
                        Cidr parent = new Cidr(mask(prev.ip(), prev.prefix() - 1), prev.prefix() - 1);
                        if (Arrays.equals(parent.ip(), prev.ip()) && parent.contains(c.ip())) {
                            out.set(out.size() - 1, parent);
                            changed = true;
                            continue;
                        }
                    }
                }
                out.add(c);
            }
            list = out;
            list.sort(Comparator.comparing(Cidr::first).thenComparingInt(Cidr::prefix));
        }
        return list;
    }

    static Cidr parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] ip = parseIp(s.substring(0, slash));
        String p = s.substring(slash + 1);
        if (ip == null || p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(p);
        if (prefix > ip.length * 8) {
            return null;
        }
        return new Cidr(mask(ip, prefix), prefix);
    }

    static byte[] mask(byte[] ip, int prefix) {
        byte[] out = ip.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
        }
        return out;
    }

    private static byte[] v4(byte[] ip16) {
        for (int i = 0; i < 10; i++) {
            if (ip16[i] != 0) {
                return null;
            }
        }
        if (ip16[10] != (byte) 0xFF || ip16[11] != (byte) 0xFF) {
            return null;
        }
        return Arrays.copyOfRange(ip16, 12, 16);
    }

    private static byte[] bytes(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        return out;
    }

    /** Go's {@code net.ParseIP}: dotted IPv4 without leading zeros, or IPv6 (with optional trailing IPv4). */
    static byte[] parseIp(String s) {
        if (s.indexOf(':') < 0) {
            return parseV4(s);
        }
        return parseV6(s);
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        byte[] out = new byte[16];
        int ellipsis = -1;
        int i = 0;
        int pos = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            pos = 2;
            if (pos == s.length()) {
                return out;
            }
        }
        while (i < 16) {
            int start = pos;
            int n = 0;
            while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0 && pos - start < 5) {
                n = n * 16 + Character.digit(s.charAt(pos), 16);
                pos++;
            }
            if (pos == start || pos - start > 4) {
                return null;
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                if (ellipsis < 0 && i != 12) {
                    return null;
                }
                if (i + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseV4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, i, 4);
                i += 4;
                pos = s.length();
                break;
            }
            out[i] = (byte) (n >> 8);
            out[i + 1] = (byte) n;
            i += 2;
            if (pos == s.length()) {
                break;
            }
            if (s.charAt(pos) != ':' || pos + 1 == s.length()) {
                return null;
            }
            pos++;
            if (s.charAt(pos) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                pos++;
                if (pos == s.length()) {
                    break;
                }
            }
        }
        if (pos != s.length()) {
            return null;
        }
        if (i < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                out[j + n] = out[j];
            }
            for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
                out[j] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return out;
    }

    /** Go's {@code IP.String}: dotted IPv4 (also for IPv4-mapped addresses), else RFC 5952 IPv6. */
    static String format(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF);
        }
        byte[] v4 = v4(ip);
        if (v4 != null) {
            return format(v4);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 16; i += 2) {
            int j = i;
            while (j < 16 && ip[j] == 0 && ip[j + 1] == 0) {
                j += 2;
            }
            if (j - i > bestLen && j - i >= 4) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 2;
                continue;
            }
            if (i > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF)));
        }
        return sb.toString();
    }
}
