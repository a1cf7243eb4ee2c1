package io.changegate.rego;

import java.util.function.Consumer;

/**
 * Per-evaluation options.
 *
 * @param strictBuiltinErrors builtin errors abort evaluation instead of making the call undefined
 * @param nowNanos            the evaluation's "now" (time.now_ns); null means the wall clock
 * @param print               where {@code print} output goes; null discards it
 */
public record EvalOptions(boolean strictBuiltinErrors, Long nowNanos, Consumer<String> print) {
    public static final EvalOptions DEFAULT = new EvalOptions(false, null, null);

    public EvalOptions withStrictBuiltinErrors(boolean strict) {
        return new EvalOptions(strict, nowNanos, print);
    }

    public EvalOptions withPrint(Consumer<String> p) {
        return new EvalOptions(strictBuiltinErrors, nowNanos, p);
    }

    public EvalOptions withNow(long nanos) {
        return new EvalOptions(strictBuiltinErrors, nanos, print);
    }
}
