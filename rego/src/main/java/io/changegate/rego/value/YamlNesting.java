package io.changegate.rego.value;

/**
 * A conservative bound on how deeply a YAML text nests, computed without parsing it.
 *
 * <p>YAML parsers recurse once per nesting level, so a hostile document can overflow the stack
 * before any depth check of theirs runs. This scan costs one pass over the text and never
 * underestimates: flow collections count their brackets, block collections at most one level
 * per column of indentation plus one per compact {@code "- "}.
 */
public final class YamlNesting {
    /** The deepest nesting accepted before parsing; well within a 1 MB thread stack. */
    public static final int MAX_DEPTH = 400;

    private YamlNesting() {
    }

    /** An upper bound of the nesting depth of a YAML text. */
    public static int bound(String text) {
        // Brackets count wherever they stand, even in quoted scalars and comments: deciding what
        // is quoted would take a YAML parser, and an overestimate only refuses an odd document.
        int flow = 0;
        int maxFlow = 0;
        int maxBlock = 0;
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
            if (c == '[' || c == '{') {
                maxFlow = Math.max(maxFlow, ++flow);
            } else if (c == ']' || c == '}') {
                flow = Math.max(0, flow - 1);
            }
        }
        maxBlock = Math.max(maxBlock, indent + dashes);
        return maxFlow + maxBlock + 1;
    }
}
