package io.changegate.rego;

import io.changegate.rego.ast.Location;
import java.util.function.Consumer;

/**
 * Per-evaluation options.
 *
 * @param strictBuiltinErrors builtin errors abort evaluation instead of making the call undefined
 * @param nowNanos            the evaluation's "now" (time.now_ns); null means the wall clock
 * @param print               where {@code print} output goes; null discards it
 * @param coverage            receives the location of each expression evaluated and each rule
 *                            head that produced a value, when the query was prepared with
 *                            {@link Rego.Builder#coverage(boolean)}; null discards them
 */
public record EvalOptions(boolean strictBuiltinErrors, Long nowNanos, Consumer<String> print,
                          Consumer<Location> coverage) {
    public static final EvalOptions DEFAULT = new EvalOptions(false, null, null, null);

    public EvalOptions(boolean strictBuiltinErrors, Long nowNanos, Consumer<String> print) {
        this(strictBuiltinErrors, nowNanos, print, null);
    }

    public EvalOptions withStrictBuiltinErrors(boolean strict) {
        return new EvalOptions(strict, nowNanos, print, coverage);
    }

    public EvalOptions withPrint(Consumer<String> p) {
        return new EvalOptions(strictBuiltinErrors, nowNanos, p, coverage);
    }

    public EvalOptions withNow(long nanos) {
        return new EvalOptions(strictBuiltinErrors, nanos, print, coverage);
    }

    public EvalOptions withCoverage(Consumer<Location> c) {
        return new EvalOptions(strictBuiltinErrors, nowNanos, print, c);
    }
}
