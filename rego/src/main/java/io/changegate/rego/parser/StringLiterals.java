package io.changegate.rego.parser;

/** Decodes and encodes the JSON-style escapes of Rego string literals. */
final class StringLiterals {
    private StringLiterals() {
    }

    /**
     * Decodes the inside of a double-quoted literal as Go's JSON decoder does: the JSON escapes,
     * {@code \\uXXXX} with surrogate pairs (a lone surrogate becomes U+FFFD), and no raw control
     * characters. Returns null when the text is not a valid JSON string body.
     */
    static String decodeJson(String inner) {
        StringBuilder sb = new StringBuilder(inner.length());
        int n = inner.length();
        for (int i = 0; i < n; i++) {
            char c = inner.charAt(i);
            if (c < 0x20 || c == '"') {
                return null;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= n) {
                return null;
            }
            char e = inner.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int cp = hex4(inner, i + 1);
                    if (cp < 0) {
                        return null;
                    }
                    i += 4;
                    if (Character.isHighSurrogate((char) cp)) {
                        int lo = i + 2 < n && inner.charAt(i + 1) == '\\' && inner.charAt(i + 2) == 'u' ? hex4(inner, i + 3) : -1;
                        if (lo >= 0 && Character.isLowSurrogate((char) lo)) {
                            sb.append((char) cp).append((char) lo);
                            i += 6;
                        } else {
                            sb.append('\uFFFD');
                        }
                    } else if (Character.isLowSurrogate((char) cp)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append((char) cp);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return sb.toString();
    }

    private static int hex4(String s, int from) {
        if (from + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Quotes a string as a Rego (and JSON) literal. */
    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (Character.isSurrogate(c) && !validPair(s, i))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
