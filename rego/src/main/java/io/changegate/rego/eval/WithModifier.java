package io.changegate.rego.eval;

import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One planned {@code with target as value}: replaces part of input or data, a function or a builtin. */
final class WithModifier {
    /** What a {@code with} replaces. */
    enum Target { INPUT, DATA, FUNCTION }

    final Target target;
    final List<Value> path;
    final String functionName;
    final Producer value;
    final EvalContext.Callable replacement;

    private WithModifier(Target target, List<Value> path, String functionName, Producer value,
                         EvalContext.Callable replacement) {
        this.target = target;
        this.path = path;
        this.functionName = functionName;
        this.value = value;
        this.replacement = replacement;
    }

    static WithModifier input(List<Value> path, Producer value) {
        return new WithModifier(Target.INPUT, List.copyOf(path), null, value, null);
    }

    static WithModifier data(List<Value> path, Producer value) {
        return new WithModifier(Target.DATA, List.copyOf(path), null, value, null);
    }

    static WithModifier functionValue(String name, Producer value) {
        return new WithModifier(Target.FUNCTION, List.of(), name, value, null);
    }

    static WithModifier functionReplacement(String name, EvalContext.Callable replacement) {
        return new WithModifier(Target.FUNCTION, List.of(), name, null, replacement);
    }

    /** Applies modifiers i.. to {@code acc} and runs {@code k} in the resulting context. */
    static boolean apply(List<WithModifier> mods, EvalContext original, Frame f, int i, EvalContext acc,
                         Function<EvalContext, Boolean> k) {
        if (i == mods.size()) {
            return k.apply(acc);
        }
        WithModifier m = mods.get(i);
        if (m.replacement != null) {
            return apply(mods, original, f, i + 1, m.derive(acc, null), k);
        }
        return m.value.eval(original, f, v -> apply(mods, original, f, i + 1, m.derive(acc, v), k));
    }

    private EvalContext derive(EvalContext c, Value v) {
        return switch (target) {
            case INPUT -> c.derive(upsert(c.input, path, v), c.overlay, c.functionOverrides);
            case DATA -> {
                List<Map.Entry<List<Value>, Value>> entries = new ArrayList<>();
                if (c.overlay != null) {
                    entries.addAll(c.overlay.entries());
                }
                entries.add(new AbstractMap.SimpleImmutableEntry<>(path, v));
                yield c.derive(c.input, new EvalContext.DataOverlay(List.copyOf(entries)), c.functionOverrides);
            }
            case FUNCTION -> {
                Map<String, EvalContext.FunctionOverride> overrides = new HashMap<>(c.functionOverrides);
                overrides.put(functionName, new EvalContext.FunctionOverride(replacement, v));
                yield c.derive(c.input, c.overlay, Map.copyOf(overrides));
            }
        };
    }

    /** {@code doc} with the value at {@code path} replaced, creating objects on the way. */
    static Value upsert(Value doc, List<Value> path, Value v) {
        if (path.isEmpty()) {
            return v;
        }
        ObjectValue o = doc instanceof ObjectValue ov ? ov : ObjectValue.EMPTY;
        Value key = path.get(0);
        return o.with(key, upsert(o.get(key), path.subList(1, path.size()), v));
    }
}
