package io.changegate.cli;

import io.changegate.rego.ExpressionValue;
import io.changegate.rego.QueryResult;
import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Location;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints query results and errors exactly as {@code opa eval} does in its output formats. */
final class OpaOutput {
    private OpaOutput() {
    }

    /** The {@code --format json} document: {@code {"result": [...]}}, or {@code {}} when undefined. */
    static String json(List<QueryResult> results) {
        if (results.isEmpty()) {
            return "{}\n";
        }
        StringBuilder sb = new StringBuilder("{\n  \"result\": [\n");
        for (int r = 0; r < results.size(); r++) {
            QueryResult result = results.get(r);
            sb.append("    {\n      \"expressions\": [\n");
            List<ExpressionValue> exprs = result.expressions();
            for (int e = 0; e < exprs.size(); e++) {
                ExpressionValue ev = exprs.get(e);
                Location loc = ev.location() == null ? Location.NONE : ev.location();
                sb.append("        {\n");
                sb.append("          \"value\": ").append(GoJson.pretty(ev.value(), 5)).append(",\n");
                sb.append("          \"text\": ").append(GoJson.quote(ev.text())).append(",\n");
                sb.append("          \"location\": {\n");
                sb.append("            \"row\": ").append(loc.row()).append(",\n");
                sb.append("            \"col\": ").append(loc.col()).append('\n');
                sb.append("          }\n");
                sb.append(e + 1 < exprs.size() ? "        },\n" : "        }\n");
            }
            sb.append("      ]");
            if (!result.bindings().isEmpty()) {
                sb.append(",\n      \"bindings\": ").append(GoJson.pretty(result.bindings(), 3));
            }
            sb.append(r + 1 < results.size() ? "\n    },\n" : "\n    }\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    /** The {@code --format raw} text: per result, each expression's value (strings unquoted). */
    static String raw(List<QueryResult> results) {
        StringBuilder sb = new StringBuilder();
        for (QueryResult result : results) {
            List<ExpressionValue> exprs = result.expressions();
            for (int i = 0; i < exprs.size(); i++) {
                Value v = exprs.get(i).value();
                sb.append(v instanceof StringValue s ? s.value() : GoJson.compact(v));
                sb.append(i + 1 < exprs.size() ? " " : "\n");
            }
        }
        return sb.toString();
    }

    /**
     * The {@code --format pretty} text: one value as indented JSON, "undefined", or a table with a
     * column per variable (sorted) and per non-boolean expression.
     */
    static String pretty(List<QueryResult> results) {
        if (results.isEmpty()) {
            return "undefined\n";
        }
        QueryResult first = results.get(0);
        if (results.size() == 1 && first.bindings().isEmpty()
                && (first.expressions().size() == 1 || allBoolean(first.expressions()))) {
            return GoJson.pretty(first.expressions().get(0).value(), 0) + "\n";
        }
        List<String> header = new ArrayList<>();
        List<Integer> exprColumns = new ArrayList<>();
        for (int i = 0; i < first.bindings().size(); i++) {
            header.add(((StringValue) first.bindings().keyAt(i)).value());
        }
        header.sort(StringValue::compareCodePoints);
        int vars = header.size();
        for (int i = 0; i < first.expressions().size(); i++) {
            ExpressionValue ev = first.expressions().get(i);
            if (!(ev.value() instanceof BooleanValue) || vars == 0) {
                header.add(ev.text());
                exprColumns.add(i);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (QueryResult r : results) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < vars; c++) {
                Value v = r.bindings().get(header.get(c));
                row.add(v == null ? "null" : GoJson.compact(v));
            }
            for (int i : exprColumns) {
                row.add(GoJson.compact(r.expressions().get(i).value()));
            }
            rows.add(row);
        }
        return table(header, rows);
    }

    private static boolean allBoolean(List<ExpressionValue> exprs) {
        return exprs.stream().allMatch(e -> e.value() instanceof BooleanValue);
    }

    /** An ASCII table: header centred, cells left-aligned, one space of padding. */
    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(header.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : widths) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        rule.append('\n');
        StringBuilder sb = new StringBuilder(rule);
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            int pad = widths[c] - width(header.get(c));
            int left = pad / 2;
            sb.append(' ').append(" ".repeat(left)).append(header.get(c)).append(" ".repeat(pad - left)).append(" |");
        }
        sb.append('\n').append(rule);
        for (List<String> row : rows) {
            sb.append('|');
            for (int c = 0; c < widths.length; c++) {
                sb.append(' ').append(row.get(c)).append(" ".repeat(widths[c] - width(row.get(c)))).append(" |");
            }
            sb.append('\n');
        }
        return sb.append(rule).toString();
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Errors as OPA's JSON output shows them: {@code {"errors": [{"message", "code", "location"}]}}. */
    static String errorsJson(List<RegoError> errors) {
        StringBuilder sb = new StringBuilder("{\n  \"errors\": [\n");
        for (int i = 0; i < errors.size(); i++) {
            RegoError e = errors.get(i);
            sb.append("    {\n");
            sb.append("      \"message\": ").append(GoJson.quote(e.message()));
            if (e.code() != null && !e.code().isEmpty()) {
                sb.append(",\n      \"code\": ").append(GoJson.quote(e.code()));
            }
            if (e.location() != null) {
                Location l = e.location();
                sb.append(",\n      \"location\": {\n");
                sb.append("        \"file\": ").append(GoJson.quote(l.file())).append(",\n");
                sb.append("        \"row\": ").append(l.row()).append(",\n");
                sb.append("        \"col\": ").append(l.col()).append("\n      }");
            }
            sb.append(i + 1 < errors.size() ? "\n    },\n" : "\n    }\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    /**
     * Errors for people, one per line: {@code file:row:col: code: message} ({@code row:col: …} when
     * the error is in the query), after an "N errors occurred:" line when there are several.
     */
    static String errorsText(List<RegoError> errors) {
        StringBuilder sb = new StringBuilder();
        if (errors.size() > 1) {
            sb.append(errors.size()).append(" errors occurred:\n");
        }
        for (RegoError e : errors) {
            Location l = e.location();
            if (l != null && l.row() > 0) {
                if (!l.file().isEmpty()) {
                    sb.append(l.file()).append(':');
                }
                sb.append(l.row()).append(':').append(l.col()).append(": ");
            }
            sb.append(e.code()).append(": ").append(e.message()).append('\n');
        }
        return sb.toString();
    }

    /** Prints the errors: JSON on stdout for the json format, and the text form on stderr always. */
    static void printErrors(List<RegoError> errors, String format, PrintWriter out, PrintWriter err) {
        if (format.equals("json")) {
            out.print(errorsJson(errors));
        }
        err.print(errorsText(errors));
    }
}
