package io.changegate.rego.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether two simple regular expressions — literals, {@code .}, character classes, and the
 * quantifiers {@code * + ?} — can match a common string, as {@code regex.globs_match} asks.
 * Each expression becomes a list of tokens; a search over pairs of positions finds whether
 * both can reach their ends together. Expressions outside this subset intersect nothing.
 */
final class GlobIntersection {
    private GlobIntersection() {
    }

    /** A set of characters: ranges, possibly negated; {@code any} for {@code .}. */
    private record CharSet(boolean any, boolean negated, List<int[]> ranges) {
        boolean contains(int c) {
            if (any) {
                return true;
            }
            boolean in = false;
            for (int[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }

        boolean intersects(CharSet o) {
            if (any || o.any) {
                return true;
            }
            if (negated && o.negated) {
                return true;
            }
            if (negated) {
                return o.intersects(this);
            }
            for (int[] r : ranges) {
                for (int c = r[0]; c <= r[1] && c - r[0] < 4096; c++) {
                    if (o.contains(c)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** One token: a character set with how often it may repeat. */
    private record Token(CharSet set, boolean optional, boolean repeat) {
    }

    static boolean intersects(String x, String y) {
        List<Token> a = tokens(x);
        List<Token> b = tokens(y);
        if (a == null || b == null) {
            return false;
        }
        Set<Long> seen = new HashSet<>();
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            int i = s[0];
            int j = s[1];
            if (!seen.add(((long) i << 32) | j)) {
                continue;
            }
            if (i == a.size() && j == b.size()) {
                return true;
            }
            if (i < a.size() && a.get(i).optional()) {
                queue.add(new int[] {i + 1, j});
            }
            if (j < b.size() && b.get(j).optional()) {
                queue.add(new int[] {i, j + 1});
            }
            if (i < a.size() && j < b.size() && a.get(i).set().intersects(b.get(j).set())) {
                Token ta = a.get(i);
                Token tb = b.get(j);
                queue.add(new int[] {i + 1, j + 1});
                if (ta.repeat()) {
                    queue.add(new int[] {i, j + 1});
                }
                if (tb.repeat()) {
                    queue.add(new int[] {i + 1, j});
                }
            }
        }
        return false;
    }

    /** The syntax error in an expression as the glob-intersection library words it ({@code pos:N, …}), or null. */
    static String syntaxError(String s) {
        int open = -1;
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (c == '\\') {
                if (i + n >= s.length()) {
                    return "pos:" + i + ", input ends with a \\\\ (escape) character";
                }
                i += n + Character.charCount(s.codePointAt(i + n));
                continue;
            }
            if (c == '[' && open < 0) {
                open = i;
            } else if (c == ']') {
                if (open < 0) {
                    return "pos:" + (i + n) + ", set-close ']' with no preceding '['";
                }
                open = -1;
            } else if (c == '-' && open >= 0 && i > open + 1 && i + 1 < s.length() && s.charAt(i + 1) != ']') {
                int lo = s.codePointBefore(i);
                int hi = s.codePointAt(i + 1);
                if (hi < lo) {
                    return "pos:" + (i + 1 + Character.charCount(hi)) + ", range is out of order: '" + new String(Character.toChars(hi))
                            + "' comes before '" + new String(Character.toChars(lo)) + "' in Unicode";
                }
            }
            i += n;
        }
        if (open >= 0) {
            return "pos:" + s.length() + ", found [ without matching ]";
        }
        return null;
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            CharSet set;
            switch (c) {
                case '.' -> set = new CharSet(true, false, List.of());
                case '[' -> {
                    boolean negated = i < s.length() && s.charAt(i) == '^';
                    if (negated) {
                        i++;
                    }
                    List<int[]> ranges = new ArrayList<>();
                    boolean closed = false;
                    while (i < s.length()) {
                        int d = s.codePointAt(i);
                        i += Character.charCount(d);
                        if (d == ']') {
                            closed = true;
                            break;
                        }
                        if (d == '\\' && i < s.length()) {
                            d = s.codePointAt(i);
                            i += Character.charCount(d);
                        }
                        if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
                            int e = s.codePointAt(i + 1);
                            i += 1 + Character.charCount(e);
                            ranges.add(new int[] {d, e});
                        } else {
                            ranges.add(new int[] {d, d});
                        }
                    }
                    if (!closed) {
                        return null;
                    }
                    set = new CharSet(false, negated, ranges);
                }
                case '\\' -> {
                    if (i >= s.length()) {
                        return null;
                    }
                    int d = s.codePointAt(i);
                    i += Character.charCount(d);
                    set = new CharSet(false, false, List.<int[]>of(new int[] {d, d}));
                }
                case '(', ')', '|', '{', '}', '*', '+', '?', '^', '$' -> {
                    return null;
                }
                default -> set = new CharSet(false, false, List.<int[]>of(new int[] {c, c}));
            }
            boolean optional = false;
            boolean repeat = false;
            if (i < s.length()) {
                char q = s.charAt(i);
                if (q == '*') {
                    optional = true;
                    repeat = true;
                    i++;
                } else if (q == '+') {
                    repeat = true;
                    i++;
                } else if (q == '?') {
                    optional = true;
                    i++;
                }
            }
            out.add(new Token(set, optional, repeat));
        }
        return out;
    }
}
