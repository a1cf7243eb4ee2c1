package io.changegate.constraints;

import io.changegate.rego.RegoException;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of compiled templates and their constraints: the unit the webhook, audit and
 * {@code verify} evaluate. Changes return a new set, so a reload swaps one reference and requests
 * in flight finish on the set they started with.
 */
public final class PolicySet {
    /** No templates, no constraints: every review is allowed. */
    public static final PolicySet EMPTY = new PolicySet(Map.of(), Map.of(), Inventory.EMPTY);

    private final Map<String, CompiledTemplate> templates;
    private final Map<String, Map<String, Constraint>> constraints;
    private final Inventory inventory;
    private final List<Constraint> ordered;

    private PolicySet(Map<String, CompiledTemplate> templates, Map<String, Map<String, Constraint>> constraints,
                      Inventory inventory) {
        this.templates = templates;
        this.constraints = constraints;
        this.inventory = inventory;
        List<Constraint> all = new ArrayList<>();
        new TreeMap<>(constraints).values().forEach(byName -> all.addAll(new TreeMap<>(byName).values()));
        this.ordered = List.copyOf(all);
    }

    /**
     * This set with a template added or replaced. Constraints of its kind are kept and re-checked
     * against the new schema.
     *
     * @throws ConstraintException when the template does not compile, or an existing constraint no
     *                             longer fits its schema; this set is unchanged
     */
    public PolicySet withTemplate(ConstraintTemplate template) {
        CompiledTemplate compiled = CompiledTemplate.compile(template, inventory);
        for (Constraint c : constraints.getOrDefault(template.kind(), Map.of()).values()) {
            List<String> errors = compiled.validateParameters(c.parameters());
            if (!errors.isEmpty()) {
                throw new ConstraintException(template.source() + " (ConstraintTemplate " + template.name()
                        + "): the existing constraint " + c.name() + " does not fit the new schema: " + String.join("; ", errors));
            }
        }
        Map<String, CompiledTemplate> t = new TreeMap<>(templates);
        t.put(template.kind(), compiled);
        return new PolicySet(Map.copyOf(t), constraints, inventory);
    }

    /** This set with an already compiled template (kept from an earlier set), constraints unchecked. */
    PolicySet withCompiled(CompiledTemplate compiled) {
        Map<String, CompiledTemplate> t = new TreeMap<>(templates);
        t.put(compiled.template().kind(), compiled.withInventory(inventory));
        return new PolicySet(Map.copyOf(t), constraints, inventory);
    }

    /** The constraint of this kind and name, or null. */
    public Constraint constraint(String kind, String name) {
        return constraints.getOrDefault(kind, Map.of()).get(name);
    }

    /** This set without the template of {@code kind} and its constraints. */
    public PolicySet withoutTemplate(String kind) {
        Map<String, CompiledTemplate> t = new TreeMap<>(templates);
        Map<String, Map<String, Constraint>> c = new TreeMap<>(constraints);
        t.remove(kind);
        c.remove(kind);
        return new PolicySet(Map.copyOf(t), Map.copyOf(c), inventory);
    }

    /**
     * This set with a constraint added or replaced.
     *
     * @throws ConstraintException when no template defines its kind or its parameters do not fit the schema
     */
    public PolicySet withConstraint(Constraint constraint, String where) {
        CompiledTemplate template = templates.get(constraint.kind());
        if (template == null) {
            throw new ConstraintException(where + " (" + constraint.kind() + " " + constraint.name()
                    + "): no ConstraintTemplate defines the kind " + constraint.kind());
        }
        List<String> errors = template.validateParameters(constraint.parameters());
        if (!errors.isEmpty()) {
            throw new ConstraintException(where + " (" + constraint.kind() + " " + constraint.name() + "): "
                    + constraint.kind() + ".constraints.gatekeeper.sh \"" + constraint.name() + "\" is invalid: "
                    + String.join(", ", errors));
        }
        Map<String, Map<String, Constraint>> c = new TreeMap<>(constraints);
        Map<String, Constraint> ofKind = new TreeMap<>(c.getOrDefault(constraint.kind(), Map.of()));
        ofKind.put(constraint.name(), constraint);
        c.put(constraint.kind(), Map.copyOf(ofKind));
        return new PolicySet(Map.copyOf(templates), Map.copyOf(c), inventory);
    }

    /** This set without one constraint. */
    public PolicySet withoutConstraint(String kind, String name) {
        Map<String, Map<String, Constraint>> c = new TreeMap<>(constraints);
        Map<String, Constraint> ofKind = new TreeMap<>(c.getOrDefault(kind, Map.of()));
        ofKind.remove(name);
        c.put(kind, Map.copyOf(ofKind));
        return new PolicySet(templates, Map.copyOf(c), inventory);
    }

    /** This set with referential templates recompiled against another {@code data.inventory}. */
    public PolicySet withInventory(Inventory inventory) {
        Map<String, CompiledTemplate> t = new LinkedHashMap<>();
        templates.forEach((kind, compiled) -> t.put(kind, compiled.withInventory(inventory)));
        return new PolicySet(Map.copyOf(t), constraints, inventory);
    }

    public Collection<CompiledTemplate> templates() {
        return new TreeMap<>(templates).values();
    }

    public CompiledTemplate template(String kind) {
        return templates.get(kind);
    }

    /** Every constraint, ordered by kind then name. */
    public List<Constraint> constraints() {
        return ordered;
    }

    public Inventory inventory() {
        return inventory;
    }

    /**
     * Reviews one object against every constraint that matches it, as seen from an enforcement
     * point ({@link Constraint#WEBHOOK}, {@link Constraint#AUDIT}, {@link Constraint#GATOR}).
     */
    public ReviewResult review(Review review, String enforcementPoint) {
        Review withNamespace = inventory.attachNamespace(review);
        List<Violation> violations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Constraint c : ordered) {
            if (!c.match().matches(withNamespace)) {
                continue;
            }
            CompiledTemplate template = templates.get(c.kind());
            Value input = ObjectValue.of("review", withNamespace.request(), "parameters", c.parameters());
            Value result;
            try {
                result = template.violations(input);
            } catch (RegoException e) {
                errors.add("[" + c.name() + "] " + e.getMessage());
                continue;
            }
            if (result instanceof io.changegate.rego.value.SetValue set) {
                for (Value v : set.asList()) {
                    Value msg = Fields.at(v, "msg");
                    violations.add(new Violation(c.kind(), c.name(),
                            msg instanceof StringValue s ? s.value() : msg == null ? "" : msg.toJson(),
                            Fields.at(v, "details"), c.actionsAt(enforcementPoint)));
                }
            }
        }
        return new ReviewResult(violations, errors);
    }
}
