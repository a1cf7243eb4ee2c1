package io.changegate.rego;

import io.changegate.rego.ast.Location;

/**
 * One error reported by the parser, compiler or evaluator, with OPA's code (for example
 * {@code rego_parse_error}, {@code eval_conflict_error}) and message.
 */
public record RegoError(String code, String message, Location location) {

    /** The error as OPA renders it: {@code file:row: code: message} (no location when unknown). */
    @Override
    public String toString() {
        if (location == null || location.file().isEmpty() && location.row() == 0) {
            return code + ": " + message;
        }
        return location.fileRow() + ": " + code + ": " + message;
    }

    /** The error with its column too: {@code file:row:col: code: message}, as the CLI prints parse errors. */
    public String toStringWithColumn() {
        if (location == null || location.row() == 0) {
            return toString();
        }
        return location + ": " + code + ": " + message;
    }
}
