package io.changegate.rego.value;

/**
 * A conservative bound on how deeply a YAML text nests, computed without parsing it.
 *
 * <p>YAML parsers recurse once per nesting level, so a hostile document can overflow the stack
 * before any depth check of theirs runs. This scan costs one pass over the text and never
 * underestimates: flow collections count their brackets (outside quoted scalars), block
 * collections at most one level per column of indentation plus one per compact {@code "- "}.
 */
public final class YamlNesting {
    /** The deepest nesting accepted before parsing; well within a 1 MB thread stack. */
    public static final int MAX_DEPTH = 400;

    private YamlNesting() {
    }

    /** An upper bound of the nesting depth of a YAML text. */
    public static int bound(String text) {
        int flow = 0;
        int maxFlow = 0;
        int maxBlock = 0;
        char quote = 0;
        boolean lineStart = true;
        int indent = 0;
        int dashes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                maxBlock = Math.max(maxBlock, indent + dashes);
                lineStart = true;
                indent = 0;
                dashes = 0;
                continue;
            }
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (lineStart) {
                if (c == ' ') {
                    indent++;
                    continue;
                }
                if ((c == '-' || c == '?' || c == ':') && i + 1 < text.length() && text.charAt(i + 1) == ' ') {
                    dashes++;
                    i++;
                    indent++;
                    continue;
                }
                lineStart = false;
                maxBlock = Math.max(maxBlock, indent + dashes);
            }
            switch (c) {
                case '#' -> {
                    while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                        i++;
                    }
                }
                case '"', '\'' -> {
                    // Only a quote where a scalar can start opens one: "it's" is a plain scalar.
                    char before = i == 0 ? ' ' : text.charAt(i - 1);
                    if (" \t[{,:-?".indexOf(before) >= 0) {
                        quote = c;
                    }
                }
                case '[', '{' -> maxFlow = Math.max(maxFlow, ++flow);
                case ']', '}' -> flow = Math.max(0, flow - 1);
                default -> {
                }
            }
        }
        maxBlock = Math.max(maxBlock, indent + dashes);
        return maxFlow + maxBlock + 1;
    }
}
