package io.changegate.rego.eval;

/**
 * A planned body expression. Goals of a body are chained: each calls the next for every way it
 * succeeds, and the last calls the body's continuation.
 */
abstract class Goal {
    Goal next;

    abstract boolean eval(EvalContext c, Frame f, Cont k);

    final boolean proceed(EvalContext c, Frame f, Cont k) {
        return next == null ? k.run() : next.eval(c, f, k);
    }

    /** Runs a body (a goal chain, or null for an empty body) with a continuation. */
    static boolean run(Goal body, EvalContext c, Frame f, Cont k) {
        return body == null ? k.run() : body.eval(c, f, k);
    }

    /** Whether a body (a goal chain) has at least one solution. */
    static boolean hasSolution(Goal body, EvalContext c, Frame f) {
        return body == null || !body.eval(c, f, () -> false);
    }
}
