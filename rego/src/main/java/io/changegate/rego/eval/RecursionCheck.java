package io.changegate.rego.eval;

import io.changegate.rego.RegoError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compiler stage that rejects recursive rules, naming the cycle as OPA does. */
final class RecursionCheck {
    private final Compiler compiler;

    RecursionCheck(Compiler compiler) {
        this.compiler = compiler;
    }

    void run(Map<DocNode, List<Compiler.PendingRule>> rules) {
        Set<RuleGroup> reported = new HashSet<>();
        for (Map.Entry<DocNode, List<Compiler.PendingRule>> e : rules.entrySet()) {
            RuleGroup g = e.getKey().group;
            if (g == null || reported.contains(g)) {
                continue;
            }
            List<RuleGroup> cycle = cycleFrom(g);
            if (cycle != null) {
                reported.addAll(cycle);
                StringBuilder path = new StringBuilder();
                for (RuleGroup r : cycle) {
                    path.append(path.isEmpty() ? "" : " -> ").append(r.name);
                }
                path.append(" -> ").append(g.name);
                compiler.error(new RegoError("rego_recursion_error", "rule " + g.name + " is recursive: " + path,
                        e.getValue().get(0).rule().location()));
            }
        }
    }

    /** A path of rules from {@code start} back to itself, or null. */
    private List<RuleGroup> cycleFrom(RuleGroup start) {
        List<RuleGroup> path = new ArrayList<>();
        path.add(start);
        return search(start, start, path, new HashSet<>()) ? path : null;
    }

    private boolean search(RuleGroup start, RuleGroup at, List<RuleGroup> path, Set<RuleGroup> visited) {
        for (RuleGroup next : compiler.dependencies.getOrDefault(at, Set.of())) {
            if (next == start) {
                return true;
            }
            if (visited.add(next)) {
                path.add(next);
                if (search(start, next, path, visited)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        }
        return false;
    }
}
