package io.changegate.rego.builtins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A builtin context for tests: a fixed clock, captured print output. */
final class TestContext implements BuiltinContext {
    private final boolean strict;
    private final long now;
    private final Map<Object, Object> cache = new HashMap<>();
    final List<String> printed = new ArrayList<>();

    TestContext(boolean strict) {
        this(strict, 1_700_000_000_123_456_789L);
    }

    TestContext(boolean strict, long now) {
        this.strict = strict;
        this.now = now;
    }

    @Override
    public boolean strictBuiltinErrors() {
        return strict;
    }

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public void print(String line) {
        printed.add(line);
    }

    @Override
    public Map<Object, Object> evalCache() {
        return cache;
    }
}
