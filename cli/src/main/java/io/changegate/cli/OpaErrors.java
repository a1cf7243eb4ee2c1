package io.changegate.cli;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Location;
import java.util.List;
import java.util.Map;

/**
 * Renders errors as OPA's commands print them on stderr: {@code 1 error occurred: file:row: code: message},
 * or {@code N errors occurred:} followed by one error per line; a parse error is followed by its
 * source line and a caret under the column, each on a tab-indented line.
 */
final class OpaErrors {
    private OpaErrors() {
    }

    /** The errors as text; {@code sources} maps file names to their text, for parse error details. */
    static String text(List<RegoError> errors, Map<String, String> sources) {
        StringBuilder sb = new StringBuilder();
        if (errors.size() == 1) {
            sb.append("1 error occurred: ");
        } else {
            sb.append(errors.size()).append(" errors occurred:\n");
        }
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            RegoError e = errors.get(i);
            sb.append(one(e));
            if ("rego_parse_error".equals(e.code()) && e.location() != null && sources.containsKey(e.location().file())) {
                sb.append(details(sources.get(e.location().file()), e.location()));
            }
        }
        return sb.append('\n').toString();
    }

    /** One error: {@code file:row: code: message}, or {@code row:col: …} when it has no file. */
    static String one(RegoError e) {
        Location l = e.location();
        String prefix = "";
        if (l != null && (l.row() > 0 || !l.file().isEmpty())) {
            prefix = l.file().isEmpty() ? l.row() + ":" + l.col() + ": " : l.file() + ":" + l.row() + ": ";
        }
        return prefix + e.code() + ": " + e.message();
    }

    /** The offending source line (leading tabs dropped) and a caret under the error's column. */
    private static String details(String source, Location l) {
        String[] lines = source.split("\n", -1);
        if (l.row() < 1 || l.row() > lines.length) {
            return "";
        }
        String line = lines[l.row() - 1];
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        String trimmed = line.replaceFirst("^\t+", "");
        int tabs = line.length() - trimmed.length();
        int idx = Math.max(0, Math.min(line.length(), offset(line, l.col() - 1)) - tabs);
        return "\n\t" + trimmed + "\n\t" + " ".repeat(idx) + "^";
    }

    /** The char offset of the code point at {@code cp}, clamped to the line. */
    private static int offset(String line, int cp) {
        int n = Math.min(cp, line.codePointCount(0, line.length()));
        return line.offsetByCodePoints(0, Math.max(0, n));
    }
}
