package io.changegate.rego.eval;

import io.changegate.rego.builtins.BuiltinContext;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state of one query evaluation: the input and data documents, the memoised values of
 * rules, and the replacements {@code with} has put in force. A {@code with} modifier evaluates
 * its expression in a derived context with its own memo, so replaced values never leak.
 */
final class EvalContext implements BuiltinContext {
    /** Marks a memoised rule whose value is undefined. */
    static final Value UNDEFINED_MARK = ObjectValue.of("__undefined__", ObjectValue.EMPTY);

    final Value input;
    final ObjectValue data;
    final DataOverlay overlay;
    final Map<String, FunctionOverride> functionOverrides;
    private final Map<Object, Value> memo = new IdentityHashMap<>();
    private final Map<Object, Map<Value, java.util.List<Value>>> comprehensionIndexes = new IdentityHashMap<>();
    private final Shared shared;

    /** What every context derived from one evaluation shares. */
    private record Shared(boolean strict, long now, Consumer<String> print, Map<Object, Object> cache,
                          Consumer<io.changegate.rego.ast.Location> coverage) {
    }

    EvalContext(Value input, ObjectValue data, boolean strict, long nowNanos, Consumer<String> print,
                Consumer<io.changegate.rego.ast.Location> coverage) {
        this(input, data, null, Map.of(), new Shared(strict, nowNanos, print, new HashMap<>(), coverage));
    }

    private EvalContext(Value input, ObjectValue data, DataOverlay overlay,
                        Map<String, FunctionOverride> functionOverrides, Shared shared) {
        this.input = input;
        this.data = data;
        this.overlay = overlay;
        this.functionOverrides = functionOverrides;
        this.shared = shared;
    }

    /** A context with replaced input, data overlay and function overrides, and a fresh memo. */
    EvalContext derive(Value newInput, DataOverlay newOverlay, Map<String, FunctionOverride> newOverrides) {
        return new EvalContext(newInput, data, newOverlay, newOverrides, shared);
    }

    /** The grouped results of an indexed comprehension, built once per evaluation context. */
    Map<Value, java.util.List<Value>> comprehensionIndex(Object comprehension,
                                                         java.util.function.Supplier<Map<Value, java.util.List<Value>>> build) {
        Map<Value, java.util.List<Value>> index = comprehensionIndexes.get(comprehension);
        if (index == null) {
            index = build.get();
            comprehensionIndexes.put(comprehension, index);
        }
        return index;
    }

    Value memoGet(Object key) {
        return memo.get(key);
    }

    void memoPut(Object key, Value v) {
        memo.put(key, v);
    }

    /** Records that the code at a location was evaluated, when coverage is being collected. */
    void cover(io.changegate.rego.ast.Location location) {
        if (shared.coverage != null) {
            shared.coverage.accept(location);
        }
    }

    @Override
    public boolean strictBuiltinErrors() {
        return shared.strict;
    }

    @Override
    public long nowNanos() {
        return shared.now;
    }

    @Override
    public void print(String line) {
        if (shared.print != null) {
            shared.print.accept(line);
        }
    }

    @Override
    public Map<Object, Object> evalCache() {
        return shared.cache;
    }

    /** A replacement, by {@code with}, of a function or builtin: another function, or a value. */
    record FunctionOverride(Callable function, Value value) {
    }

    /** Something that can be called with argument values: a builtin or a function rule group. */
    interface Callable {
        /** Calls with the given arguments, passing each result to {@code k}. */
        boolean call(EvalContext c, Value[] args, io.changegate.rego.ast.Location location, ValueCont k);

        int arity();
    }

    /** Replacements of parts of {@code data}, by path, innermost {@code with} last. */
    record DataOverlay(List<Map.Entry<List<Value>, Value>> entries) {
    }
}
