package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** UUIDs: random RFC 4122 version 4 identifiers stable within one evaluation, and parsing. */
final class UuidBuiltins {
    private UuidBuiltins() {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long GREGORIAN_TO_UNIX_100NS = 122_192_928_000_000_000L;

    static final List<Builtin> ALL = List.of(
            nondeterministic("uuid.rfc4122", List.of(STRING), STRING, (ctx, a) -> {
                String key = Operands.string("uuid.rfc4122", a, 1);
                return (Value) ctx.evalCache().computeIfAbsent(List.of("uuid.rfc4122", key), k -> StringValue.of(randomUuid()));
            }),
            fn("uuid.parse", List.of(STRING), objectOf(STRING, ANY), (ctx, a) -> {
                byte[] u = parse(Operands.string("uuid.parse", a, 1));
                if (u == null) {
                    return null;
                }
                ObjectValue.Builder b = ObjectValue.builder();
                int version = (u[6] & 0xFF) >> 4;
                b.put("version", NumberValue.of(version));
                b.put("variant", StringValue.of(variant(u[8] & 0xFF)));
                if (version == 1 || version == 2) {
                    long t = ((long) (((u[6] & 0x0F) << 8) | (u[7] & 0xFF)) << 48)
                            | ((long) (((u[4] & 0xFF) << 8) | (u[5] & 0xFF)) << 32)
                            | (((u[0] & 0xFFL) << 24) | ((u[1] & 0xFF) << 16) | ((u[2] & 0xFF) << 8) | (u[3] & 0xFF));
                    long since = t - GREGORIAN_TO_UNIX_100NS;
                    b.put("time", NumberValue.of(Math.multiplyExact(since / 10_000_000L, 1_000_000_000L) + (since % 10_000_000L) * 100));
                    b.put("clocksequence", NumberValue.of(((u[8] & 0x3F) << 8) | (u[9] & 0xFF)));
                    StringBuilder node = new StringBuilder();
                    for (int i = 10; i < 16; i++) {
                        node.append(i > 10 ? "-" : "").append(String.format("%02x", u[i] & 0xFF));
                    }
                    b.put("nodeid", StringValue.of(node.toString()));
                    b.put("macvariables", StringValue.of(((u[10] & 0x02) != 0 ? "local" : "global") + ":"
                            + ((u[10] & 0x01) != 0 ? "multicast" : "unicast")));
                    if (version == 2) {
                        b.put("id", NumberValue.of(((u[0] & 0xFFL) << 24) | ((u[1] & 0xFF) << 16) | ((u[2] & 0xFF) << 8) | (u[3] & 0xFF)));
                        b.put("domain", StringValue.of(switch (u[9] & 0xFF) {
                            case 0 -> "Person";
                            case 1 -> "Group";
                            case 2 -> "Org";
                            default -> "Domain" + (u[9] & 0xFF);
                        }));
                    }
                }
                return b.build();
            }));

    private static String variant(int b) {
        if ((b & 0xC0) == 0x80) {
            return "RFC4122";
        }
        if ((b & 0xE0) == 0xC0) {
            return "Microsoft";
        }
        if ((b & 0xE0) == 0xE0) {
            return "Future";
        }
        return "Reserved";
    }

    private static String randomUuid() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0F) | 0x40);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        String h = HexFormat.of().formatHex(b);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
    }

    /** The forms Go's uuid.Parse accepts: plain, {@code urn:uuid:} prefixed, braced, or 32 hex digits. */
    static byte[] parse(String s) {
        String t;
        switch (s.length()) {
            case 36 -> t = s;
            case 45 -> {
                if (!s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
                    return null;
                }
                t = s.substring(9);
            }
            case 38 -> {
                if (s.charAt(0) != '{' || s.charAt(37) != '}') {
                    return null;
                }
                t = s.substring(1, 37);
            }
            case 32 -> {
                return hex(s);
            }
            default -> {
                return null;
            }
        }
        if (t.charAt(8) != '-' || t.charAt(13) != '-' || t.charAt(18) != '-' || t.charAt(23) != '-') {
            return null;
        }
        return hex(t.substring(0, 8) + t.substring(9, 13) + t.substring(14, 18) + t.substring(19, 23) + t.substring(24));
    }

    private static byte[] hex(String s) {
        if (s.length() != 32 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            return null;
        }
        return HexFormat.of().parseHex(s.toLowerCase(java.util.Locale.ROOT));
    }
}
