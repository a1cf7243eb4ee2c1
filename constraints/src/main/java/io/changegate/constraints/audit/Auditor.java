package io.changegate.constraints.audit;

import io.changegate.constraints.Constraint;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.Inventory;
import io.changegate.constraints.PolicySet;
import io.changegate.constraints.Review;
import io.changegate.constraints.ReviewResult;
import io.changegate.constraints.Violation;
import io.changegate.rego.value.ObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates existing objects against every constraint, as Gatekeeper's audit does: each object is
 * reviewed like an admission request without an operation, at the {@code audit.gatekeeper.sh}
 * enforcement point, and the audited objects themselves form {@code data.inventory}.
 */
public final class Auditor {
    private final PolicySet policies;
    private final ExemptNamespaces exempt;

    public Auditor(PolicySet policies, ExemptNamespaces exempt) {
        this.policies = policies;
        this.exempt = exempt;
    }

    /** One violation found, with the object it is about. */
    public record Finding(Violation violation, ObjectValue object) {
    }

    /** Totals for one constraint: objects it applied to and violations per action. */
    public record Totals(String kind, String name, String enforcementAction, int violations) {
    }

    /** What an audit found. */
    public record Report(int objects, int exempted, List<Finding> findings, Map<String, Totals> totals,
                         List<String> errors) {
        public Report {
            findings = List.copyOf(findings);
            totals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(totals));
            errors = List.copyOf(errors);
        }

        /** Findings whose constraint takes {@code action} at the audit point. */
        public long count(String action) {
            return findings.stream().filter(f -> f.violation().actions().contains(action)).count();
        }
    }

    /** Audits the objects; referential templates see all of them as {@code data.inventory}. */
    public Report audit(List<ObjectValue> objects) {
        PolicySet set = policies.withInventory(Inventory.of(objects));
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (Constraint c : set.constraints()) {
            totals.put(key(c.kind(), c.name()), new Totals(c.kind(), c.name(), c.enforcementAction(), 0));
        }
        List<Finding> findings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int exempted = 0;
        for (ObjectValue object : objects) {
            Review review = Review.ofObject(object);
            if (exempt.exempts(review)) {
                exempted++;
                continue;
            }
            ReviewResult result = set.review(review, Constraint.AUDIT);
            for (Violation v : result.violations()) {
                findings.add(new Finding(v, object));
                totals.computeIfPresent(key(v.constraintKind(), v.constraintName()),
                        (k, t) -> new Totals(t.kind(), t.name(), t.enforcementAction(), t.violations() + 1));
            }
            for (String e : result.errors()) {
                errors.add(describe(object) + ": " + e);
            }
        }
        return new Report(objects.size(), exempted, findings, totals, errors);
    }

    /** {@code apiVersion kind namespace/name} of an object, for messages. */
    public static String describe(ObjectValue o) {
        String ns = io.changegate.constraints.Fields.string(o, "metadata", "namespace");
        return io.changegate.constraints.Fields.string(o, "apiVersion") + " " + io.changegate.constraints.Fields.string(o, "kind")
                + " " + (ns.isEmpty() ? "" : ns + "/") + io.changegate.constraints.Fields.string(o, "metadata", "name");
    }

    private static String key(String kind, String name) {
        return kind + "/" + name;
    }
}
