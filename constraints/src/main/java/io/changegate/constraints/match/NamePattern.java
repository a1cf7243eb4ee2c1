package io.changegate.constraints.match;

/**
 * A namespace or name as Gatekeeper's match criteria write it: exact, or with one {@code *} as a
 * prefix glob ({@code kube-*}) or suffix glob ({@code *-system}).
 */
public record NamePattern(String text) {
    /** Checks the pattern's shape; {@code where} names the field in the error. */
    public static NamePattern parse(String text, String where) {
        int star = text.indexOf('*');
        if (star >= 0 && (text.indexOf('*', star + 1) >= 0 || (star != 0 && star != text.length() - 1))) {
            throw new IllegalArgumentException(where + ": \"" + text
                    + "\" may hold one * only, at the start (suffix glob) or the end (prefix glob)");
        }
        return new NamePattern(text);
    }

    public boolean matches(String name) {
        if (text.equals("*")) {
            return true;
        }
        if (text.endsWith("*")) {
            return name.startsWith(text.substring(0, text.length() - 1));
        }
        if (text.startsWith("*")) {
            return name.endsWith(text.substring(1));
        }
        return name.equals(text);
    }
}
