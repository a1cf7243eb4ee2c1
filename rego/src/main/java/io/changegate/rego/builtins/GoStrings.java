package io.changegate.rego.builtins;

/** Go's string semantics where they differ from Java's: Unicode case mapping, white space, code points. */
final class GoStrings {
    private GoStrings() {
    }

    /** Lower case per code point, as Go's {@code strings.ToLower} (no final sigma, no locale). */
    static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    /** Upper case per code point, as Go's {@code strings.ToUpper} ({@code ß} stays). */
    static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> cp > 0xFF && Character.isSpaceChar(cp);
        };
    }

    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    static String trimLeft(String s, String cutset) {
        int start = 0;
        while (start < s.length()) {
            int cp = s.codePointAt(start);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            start += Character.charCount(cp);
        }
        return s.substring(start);
    }

    static String trimRight(String s, String cutset) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    static int codePointCount(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Splits around every occurrence of {@code sep}; an empty separator splits into code points. */
    static java.util.List<String> split(String s, String sep, int limit) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (limit == 0) {
            return out;
        }
        if (sep.isEmpty()) {
            int i = 0;
            while (i < s.length()) {
                if (limit > 0 && out.size() == limit - 1) {
                    out.add(s.substring(i));
                    return out;
                }
                int n = Character.charCount(s.codePointAt(i));
                out.add(s.substring(i, i + n));
                i += n;
            }
            return out;
        }
        int from = 0;
        while (true) {
            if (limit > 0 && out.size() == limit - 1) {
                break;
            }
            int i = s.indexOf(sep, from);
            if (i < 0) {
                break;
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /** Go's {@code strings.Replace(s, old, new, -1)}: an empty {@code old} matches at every code point boundary. */
    static String replaceAll(String s, String old, String replacement) {
        if (!old.isEmpty()) {
            return s.replace(old, replacement);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(replacement);
        int i = 0;
        while (i < s.length()) {
            int n = Character.charCount(s.codePointAt(i));
            sb.append(s, i, i + n).append(replacement);
            i += n;
        }
        return sb.toString();
    }
}
