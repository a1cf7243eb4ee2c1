package io.changegate.rego.eval;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Location;

/**
 * Aborts an evaluation with an error such as {@code eval_conflict_error}. Never used for
 * backtracking or undefined results: those are expressed by not calling a continuation.
 */
final class EvalException extends RuntimeException {
    final RegoError error;

    EvalException(String code, String message, Location location) {
        super(message, null, false, false);
        this.error = new RegoError(code, message, location);
    }

    static EvalException conflict(String message, Location location) {
        return new EvalException("eval_conflict_error", message, location);
    }
}
