package io.changegate.constraints.match;

import io.changegate.constraints.Fields;
import io.changegate.constraints.Review;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A constraint's {@code spec.match}: which objects it applies to. Every criterion given must hold;
 * a criterion left out matches everything.
 *
 * <p>As in Gatekeeper, namespace criteria ({@code namespaces}, {@code excludedNamespaces},
 * {@code namespaceSelector}) match a Namespace by its own name and labels and never exclude
 * cluster-scoped objects; on UPDATE the label selector matches when either the new or the old
 * object matches. A {@code namespaceSelector} cannot match an object whose Namespace is unknown.
 */
public record Match(List<KindSelector> kinds, String scope, List<NamePattern> namespaces,
                    List<NamePattern> excludedNamespaces, LabelSelector labelSelector,
                    LabelSelector namespaceSelector, NamePattern name) {

    /** Matches everything. */
    public static final Match ALL = new Match(List.of(), "*", null, null, null, null, null);

    /** One {@code kinds} entry: the API groups and kinds it covers ({@code *} for any). */
    public record KindSelector(List<String> apiGroups, List<String> kinds) {
        boolean matches(String group, String kind) {
            return (apiGroups.isEmpty() || apiGroups.contains("*") || apiGroups.contains(group))
                    && (kinds.isEmpty() || kinds.contains("*") || kinds.contains(kind));
        }
    }

    /** Reads {@code spec.match}; null or absent matches everything. */
    public static Match parse(Value match) {
        if (match == null) {
            return ALL;
        }
        if (!(match instanceof ObjectValue)) {
            throw new IllegalArgumentException("spec.match: must be an object");
        }
        List<KindSelector> kinds = new ArrayList<>();
        List<Value> kindValues = Fields.list(match, "kinds");
        for (int i = 0; i < kindValues.size(); i++) {
            String at = "spec.match.kinds[" + i + "]";
            kinds.add(new KindSelector(strings(Fields.at(kindValues.get(i), "apiGroups"), at + ".apiGroups"),
                    strings(Fields.at(kindValues.get(i), "kinds"), at + ".kinds")));
        }
        String scope = Fields.string(match, "scope");
        if (scope.isEmpty()) {
            scope = "*";
        }
        if (!List.of("*", "Cluster", "Namespaced").contains(scope)) {
            throw new IllegalArgumentException("spec.match.scope: \"" + scope + "\" is not one of *, Cluster, Namespaced");
        }
        Value nameValue = Fields.at(match, "name");
        return new Match(List.copyOf(kinds), scope,
                patterns(Fields.at(match, "namespaces"), "spec.match.namespaces"),
                patterns(Fields.at(match, "excludedNamespaces"), "spec.match.excludedNamespaces"),
                Fields.at(match, "labelSelector") == null ? null
                        : LabelSelector.parse(Fields.at(match, "labelSelector"), "spec.match.labelSelector"),
                Fields.at(match, "namespaceSelector") == null ? null
                        : LabelSelector.parse(Fields.at(match, "namespaceSelector"), "spec.match.namespaceSelector"),
                nameValue == null ? null : NamePattern.parse(Fields.string(match, "name"), "spec.match.name"));
    }

    /** Whether the constraint applies to the object under review. */
    public boolean matches(Review review) {
        if (!kinds.isEmpty() && kinds.stream().noneMatch(k -> k.matches(review.group(), review.kind()))) {
            return false;
        }
        String namespace = review.isNamespace() ? review.name() : review.namespace();
        boolean namespaced = !review.namespace().isEmpty() && !review.isNamespace();
        if (scope.equals("Cluster") && namespaced || scope.equals("Namespaced") && !namespaced) {
            return false;
        }
        boolean hasNamespace = !namespace.isEmpty();
        if (namespaces != null && hasNamespace && namespaces.stream().noneMatch(p -> p.matches(namespace))) {
            return false;
        }
        if (excludedNamespaces != null && hasNamespace && excludedNamespaces.stream().anyMatch(p -> p.matches(namespace))) {
            return false;
        }
        if (name != null && !name.matches(review.name())) {
            return false;
        }
        if (labelSelector != null && !labelSelector.matches(review.object())
                && (review.oldObject() == null || !labelSelector.matches(review.oldObject()))) {
            return false;
        }
        if (namespaceSelector != null && hasNamespace) {
            ObjectValue ns = review.namespaceObject();
            return ns != null && namespaceSelector.matches(ns);
        }
        return true;
    }

    private static List<String> strings(Value v, String where) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Value x : Fields.list(v)) {
            if (!(x instanceof StringValue s)) {
                throw new IllegalArgumentException(where + ": must be a list of strings");
            }
            out.add(s.value());
        }
        if (out.isEmpty() && !(v instanceof io.changegate.rego.value.ArrayValue)) {
            throw new IllegalArgumentException(where + ": must be a list of strings");
        }
        return List.copyOf(out);
    }

    private static List<NamePattern> patterns(Value v, String where) {
        if (v == null) {
            return null;
        }
        List<NamePattern> out = new ArrayList<>();
        for (String s : strings(v, where)) {
            out.add(NamePattern.parse(s, where));
        }
        return List.copyOf(out);
    }
}
