package io.changegate.rego.builtins;

/**
 * What a builtin may learn from the evaluation calling it. One context serves one query
 * evaluation, so values that must be stable within a query (the current time) are fixed here.
 */
public interface BuiltinContext {
    /** Whether builtin errors abort evaluation ({@code --strict-builtin-errors}). */
    boolean strictBuiltinErrors();

    /** The evaluation's fixed "now", in nanoseconds since the Unix epoch. */
    long nowNanos();

    /** Writes a line of {@code print} output. */
    void print(String line);

    /** A per-evaluation cache for builtins that must return the same value for the same arguments (rand.intn, uuid). */
    java.util.Map<Object, Object> evalCache();

    /**
     * Whether {@code http.send} may contact this URL. The engine makes no network requests unless
     * the embedder allows them; by default nothing is allowed.
     */
    default boolean httpAllowed(java.net.URI url) {
        return false;
    }
}
