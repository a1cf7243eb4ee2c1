package io.changegate.rego.eval;

import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Selects the definitions of a rule that can succeed for the current input or arguments, as
 * OPA's rule index does: definitions whose body compares an input path with a constant (or
 * functions whose first parameter is a constant) are looked up by that value, on the path that
 * most definitions compare;
 * the others are always candidates. Skipping a definition is safe because its body would fail
 * at that very comparison.
 */
final class RuleIndex {
    private final List<Value> inputPath;
    private final Map<Value, List<RuleDef>> byValue;
    private final List<RuleDef> always;
    private final List<RuleDef> all;

    private RuleIndex(List<Value> inputPath, Map<Value, List<RuleDef>> byValue, List<RuleDef> always,
                      List<RuleDef> all) {
        this.inputPath = inputPath;
        this.byValue = byValue;
        this.always = always;
        this.all = all;
    }

    /** An index over the definitions, or null when none is worth having. */
    static RuleIndex build(List<RuleDef> defs, boolean function) {
        if (defs.size() < 2) {
            return null;
        }
        // The most selective path: the one whose compared constants are most varied.
        Map<List<Value>, java.util.Set<Value>> paths = new LinkedHashMap<>();
        for (RuleDef d : defs) {
            if (d.elseDef != null) {
                continue;
            }
            if (function) {
                if (d.firstParamConstant != null) {
                    paths.computeIfAbsent(List.of(), p -> new java.util.HashSet<>()).add(d.firstParamConstant);
                }
            } else {
                d.indexKeys.forEach((p, v) -> paths.computeIfAbsent(p, x -> new java.util.HashSet<>()).add(v));
            }
        }
        List<Value> best = null;
        int count = 0;
        for (Map.Entry<List<Value>, java.util.Set<Value>> e : paths.entrySet()) {
            if (e.getValue().size() > count) {
                best = e.getKey();
                count = e.getValue().size();
            }
        }
        if (count < 2) {
            return null;
        }
        Map<Value, List<RuleDef>> byValue = new HashMap<>();
        List<RuleDef> always = new ArrayList<>();
        for (RuleDef d : defs) {
            Value key = d.elseDef != null ? null : function ? d.firstParamConstant : d.indexKeys.get(best);
            if (key == null) {
                always.add(d);
            } else {
                byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            }
        }
        // A definition with an else branch always runs: the branch may succeed where the body fails.
        return new RuleIndex(function ? null : List.copyOf(best), byValue, always, List.copyOf(defs));
    }

    /** The definitions that may succeed, in their original order. */
    List<RuleDef> candidates(EvalContext c, Value[] args) {
        Value key;
        if (inputPath == null) {
            key = args == null || args.length == 0 ? null : args[0];
        } else {
            key = c.input;
            for (int i = 0; i < inputPath.size() && key != null; i++) {
                key = Collections.lookup(key, inputPath.get(i));
            }
        }
        List<RuleDef> hits = key == null ? List.of() : byValue.getOrDefault(key, List.of());
        if (hits.isEmpty()) {
            return always;
        }
        if (always.isEmpty()) {
            return hits;
        }
        List<RuleDef> out = new ArrayList<>(hits.size() + always.size());
        for (RuleDef d : all) {
            if (hits.contains(d) || always.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
