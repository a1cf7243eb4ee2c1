package io.changegate.rego.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Derives broken and odd variants of a valid input, deterministically from a seed: deleting,
 * duplicating, truncating and splicing ranges, inserting syntax tokens, unusual characters and
 * bursts of nesting. Mutating valid documents reaches deep into a reader, where random text only
 * exercises its first few checks.
 */
final class Mutator {
    /** Fragments that matter to at least one of the readers. */
    static final List<String> TOKENS = List.of(
            "package ", "import ", "default ", "if ", "else ", "contains ", "some ", "every ", "in ", "not ",
            "with ", "as ", "future.keywords", "rego.v1", "data.", "input.", "_", ":=", "=", "==", "!=",
            "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&", "|", ";", ",", ".", ":", "(", ")", "[", "]",
            "{", "}", "\"", "`", "'", "\\", "\\u", "\\ud800", "#", "# METADATA\n# title: x\n", "\n", "\t", "\r\n",
            " ", "0", "-0", "1e999999", "0x", "1.", ".5", "9999999999999999999999", "true", "false", "null",
            "- ", "? ", "&a ", "*a", "!!str ", "!!map ", "---\n", "...\n", "|\n", ">-\n", "<<: ", "%YAML 1.2\n",
            "\u0000", "\u00e9", "\u2028", "\ud83d\ude00", "\ud800", "\ufeff");

    private Mutator() {
    }

    /**
     * Applies one to eight mutations chosen by {@code seed}; the same arguments give the same result.
     *
     * @param maxBurst the deepest burst of nesting inserted at once
     */
    static String mutate(String input, long seed, List<String> others, int maxBurst) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(input);
        int rounds = 1 + r.nextInt(8);
        for (int i = 0; i < rounds; i++) {
            int at = sb.isEmpty() ? 0 : r.nextInt(sb.length() + 1);
            int len = sb.isEmpty() ? 0 : r.nextInt(Math.min(sb.length() - Math.min(at, sb.length()), 64) + 1);
            switch (r.nextInt(10)) {
                case 0 -> sb.delete(at, at + len);
                case 1 -> sb.insert(at, sb.substring(at, at + len));
                case 2, 3 -> sb.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
                case 4 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, (char) r.nextInt(r.nextBoolean() ? 128 : 0x10000));
                    }
                }
                case 5 -> sb.setLength(at);
                case 6 -> {
                    String other = others.get(r.nextInt(others.size()));
                    int from = other.isEmpty() ? 0 : r.nextInt(other.length());
                    sb.insert(at, other, from, Math.min(other.length(), from + 1 + r.nextInt(256)));
                }
                case 7 -> {
                    int depth = 1 + r.nextInt(r.nextInt(10) == 0 ? maxBurst : Math.min(40, maxBurst));
                    String open = List.of("[", "{", "(", "{\"a\": ", "[1, ", "- ", "{a: ").get(r.nextInt(7));
                    sb.insert(at, open.repeat(depth));
                }
                case 8 -> {
                    if (at < sb.length()) {
                        char c = sb.charAt(at);
                        sb.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                    }
                }
                default -> {
                    int b = sb.isEmpty() ? 0 : r.nextInt(sb.length());
                    if (len > 0 && b + len <= sb.length() && at + len <= sb.length()) {
                        String x = sb.substring(at, at + len);
                        String y = sb.substring(b, b + len);
                        sb.replace(at, at + len, y);
                        sb.replace(b, b + len, x);
                    }
                }
            }
        }
        return sb.toString();
    }
}
