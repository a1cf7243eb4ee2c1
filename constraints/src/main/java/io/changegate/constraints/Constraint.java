package io.changegate.constraints;

import io.changegate.constraints.match.Match;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Gatekeeper constraint ({@code constraints.gatekeeper.sh/v1beta1}): an instance of a template's
 * kind with its parameters, the objects it matches and what happens on a violation.
 *
 * @param kind              the template kind, e.g. {@code K8sAllowedRepos}
 * @param name              {@code metadata.name}; violations are reported as {@code [name] message}
 * @param parameters        {@code spec.parameters} ({@code input.parameters}); an empty object when absent
 * @param enforcementAction {@code deny}, {@code dryrun}, {@code warn} or {@code scoped}
 * @param scopedActions     for {@code scoped}: enforcement point name ({@code *} for all) to its actions
 * @param match             {@code spec.match}
 */
public record Constraint(String kind, String name, Value parameters, String enforcementAction,
                         Map<String, Set<String>> scopedActions, Match match) {
    /** The webhook's enforcement point, as Gatekeeper names it. */
    public static final String WEBHOOK = "validation.gatekeeper.sh";
    /** The audit's enforcement point. */
    public static final String AUDIT = "audit.gatekeeper.sh";
    /** The offline CLI's ({@code gator}) enforcement point. */
    public static final String GATOR = "gator.gatekeeper.sh";
    private static final List<String> ACTIONS = List.of("deny", "dryrun", "warn");

    public Constraint {
        scopedActions = Map.copyOf(scopedActions);
    }

    /** Whether a manifest is a constraint (by API group). */
    public static boolean isConstraint(Value manifest) {
        return Fields.string(manifest, "apiVersion").startsWith("constraints.gatekeeper.sh/");
    }

    /**
     * Reads a constraint manifest; its parameters are checked against the template separately.
     *
     * @throws ConstraintException naming the constraint and the field at fault
     */
    public static Constraint parse(Value manifest, String where) {
        String kind = Fields.string(manifest, "kind");
        String name = Fields.string(manifest, "metadata", "name");
        if (!isConstraint(manifest)) {
            throw new ConstraintException(where + ": not a constraint: apiVersion must be constraints.gatekeeper.sh/v1beta1");
        }
        if (kind.isEmpty()) {
            throw new ConstraintException(where + ": kind is required");
        }
        if (name.isEmpty()) {
            throw new ConstraintException(where + ": metadata.name is required");
        }
        String at = where + " (" + kind + " " + name + ")";
        Value params = Fields.at(manifest, "spec", "parameters");
        String action = Fields.string(manifest, "spec", "enforcementAction");
        if (action.isEmpty()) {
            action = "deny";
        }
        Map<String, Set<String>> scoped = Map.of();
        if (action.equals("scoped")) {
            scoped = scopedActions(manifest, at);
        } else if (!ACTIONS.contains(action)) {
            throw new ConstraintException(at + ": spec.enforcementAction \"" + action
                    + "\" is not one of deny, dryrun, warn, scoped");
        }
        Match match;
        try {
            match = Match.parse(Fields.at(manifest, "spec", "match"));
        } catch (IllegalArgumentException e) {
            throw new ConstraintException(at + ": " + e.getMessage());
        }
        return new Constraint(kind, name, params == null ? ObjectValue.EMPTY : params, action, scoped, match);
    }

    /** The actions ({@code deny}, {@code warn}, {@code dryrun}) this constraint takes at an enforcement point. */
    public Set<String> actionsAt(String enforcementPoint) {
        if (!enforcementAction.equals("scoped")) {
            return Set.of(enforcementAction);
        }
        Set<String> out = new LinkedHashSet<>();
        out.addAll(scopedActions.getOrDefault(enforcementPoint, Set.of()));
        out.addAll(scopedActions.getOrDefault("*", Set.of()));
        return out;
    }

    private static Map<String, Set<String>> scopedActions(Value manifest, String at) {
        List<Value> entries = Fields.list(manifest, "spec", "scopedEnforcementActions");
        if (entries.isEmpty()) {
            throw new ConstraintException(at + ": spec.scopedEnforcementActions is required when enforcementAction is scoped");
        }
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String field = "spec.scopedEnforcementActions[" + i + "]";
            String action = Fields.string(entries.get(i), "action");
            if (!ACTIONS.contains(action)) {
                throw new ConstraintException(at + ": " + field + ".action \"" + action + "\" is not one of deny, dryrun, warn");
            }
            List<Value> points = Fields.list(entries.get(i), "enforcementPoints");
            List<String> names = new ArrayList<>();
            for (Value p : points) {
                names.add(Fields.string(p, "name"));
            }
            if (names.isEmpty()) {
                throw new ConstraintException(at + ": " + field + ".enforcementPoints must name at least one point"
                        + " (validation.gatekeeper.sh, audit.gatekeeper.sh, gator.gatekeeper.sh or *)");
            }
            for (String n : names) {
                out.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(action);
            }
        }
        out.replaceAll((k, v) -> Set.copyOf(v));
        return out;
    }
}
