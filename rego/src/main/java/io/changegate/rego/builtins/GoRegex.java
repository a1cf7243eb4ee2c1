package io.changegate.rego.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Go's {@code regexp} package on top of RE2/J: compilation with Go's error texts, a bounded
 * cache of compiled patterns, and Go's rules for successive matches (no empty match right
 * after a previous match) and for {@code $name} expansion in replacements.
 */
final class GoRegex {
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private GoRegex() {
    }

    /** Compiles a policy-supplied pattern; fails with {@code fn: error parsing regexp: …}. */
    static Pattern compile(String fn, String regex) throws BuiltinException {
        Pattern p = CACHE.get(regex);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw BuiltinException.error(fn + ": " + e.getMessage());
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(regex, p);
        return p;
    }

    static boolean isValid(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Up to {@code n} (all when negative) successive matches, each as group start/end offsets. */
    static List<int[]> findAll(Pattern p, String s, int n) {
        List<int[]> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Matcher m = p.matcher(s);
        int groups = m.groupCount();
        int pos = 0;
        int prevEnd = -1;
        while ((n < 0 || out.size() < n) && pos <= s.length()) {
            if (!m.find(pos)) {
                break;
            }
            int start = m.start();
            int end = m.end();
            boolean accept = true;
            if (end == start) {
                if (start == prevEnd) {
                    accept = false;
                }
                pos = start < s.length() ? start + Character.charCount(s.codePointAt(start)) : s.length() + 1;
            } else {
                pos = end;
            }
            prevEnd = end;
            if (accept) {
                int[] g = new int[2 * (groups + 1)];
                for (int i = 0; i <= groups; i++) {
                    g[2 * i] = m.start(i);
                    g[2 * i + 1] = m.end(i);
                }
                out.add(g);
            }
        }
        return out;
    }

    /** Go's {@code Regexp.Split(s, -1)}. */
    static List<String> split(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0;
        int end = 0;
        for (int[] m : findAll(p, s, -1)) {
            end = m[0];
            if (m[1] != 0) {
                out.add(s.substring(beg, end));
            }
            beg = m[1];
        }
        if (end != s.length()) {
            out.add(s.substring(beg));
        }
        return out;
    }

    /** Go's {@code Regexp.ReplaceAllString}: {@code $1}, {@code ${1}}, {@code $name}, {@code $$}. */
    static String replaceAll(Pattern p, String s, String template) {
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (int[] m : findAll(p, s, -1)) {
            out.append(s, last, m[0]);
            expand(p, s, template, m, out);
            last = m[1];
        }
        out.append(s.substring(last));
        return out.toString();
    }

    private static void expand(Pattern p, String s, String template, int[] m, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int after;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                if (close < 0 || name.isEmpty() || !isName(name)) {
                    out.append('$');
                    i++;
                    continue;
                }
                after = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isNameChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    out.append('$');
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                after = j;
            }
            int group = groupIndex(p, name);
            if (group >= 0 && 2 * group + 1 < m.length && m[2 * group] >= 0) {
                out.append(s, m[2 * group], m[2 * group + 1]);
            }
            i = after;
        }
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isName(String s) {
        return s.chars().allMatch(c -> isNameChar((char) c));
    }

    private static int groupIndex(Pattern p, String name) {
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                return Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        Integer g = p.namedGroups().get(name);
        return g == null ? -1 : g;
    }
}
