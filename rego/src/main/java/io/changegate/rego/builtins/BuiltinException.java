package io.changegate.rego.builtins;

/**
 * A builtin could not compute its result. The evaluator reports it as OPA does:
 * {@code eval_type_error} for wrong operand types, {@code eval_builtin_error} otherwise; in
 * non-strict mode both merely make the call undefined, unless {@link #halts()} is set.
 */
public final class BuiltinException extends Exception {
    /** Which OPA error code the failure maps to. */
    public enum Kind {
        TYPE("eval_type_error"), BUILTIN("eval_builtin_error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final boolean halts;

    private BuiltinException(Kind kind, String message, boolean halts) {
        super(message, null, false, false);
        this.kind = kind;
        this.halts = halts;
    }

    /** An operand of the wrong type; the message is OPA's, e.g. {@code count: operand 1 must be …}. */
    public static BuiltinException typeError(String message) {
        return new BuiltinException(Kind.TYPE, message, false);
    }

    /** Any other failure, e.g. {@code div: divide by zero}. */
    public static BuiltinException error(String message) {
        return new BuiltinException(Kind.BUILTIN, message, false);
    }

    /** A failure that stops evaluation even when builtin errors are not strict. */
    public static BuiltinException halt(Kind kind, String message) {
        return new BuiltinException(kind, message, true);
    }

    public Kind kind() {
        return kind;
    }

    public boolean halts() {
        return halts;
    }
}
