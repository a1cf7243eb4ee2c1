package io.changegate.constraints;

import io.changegate.constraints.match.NamePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespaces no constraint applies to, configured for the whole process as Gatekeeper's Config
 * ({@code spec.match[].excludedNamespaces} with {@code processes: ["*"]}) does; names or
 * prefix/suffix globs such as {@code kube-*}.
 */
public record ExemptNamespaces(List<NamePattern> patterns) {
    public static final ExemptNamespaces NONE = new ExemptNamespaces(List.of());

    public ExemptNamespaces {
        patterns = List.copyOf(patterns);
    }

    /** Parses names and globs; {@code where} names the setting in errors. */
    public static ExemptNamespaces of(List<String> names, String where) {
        List<NamePattern> out = new ArrayList<>();
        for (String n : names) {
            out.add(NamePattern.parse(n.strip(), where));
        }
        return new ExemptNamespaces(out);
    }

    /** Whether the object under review is exempt (by its namespace, or its own name for a Namespace). */
    public boolean exempts(Review review) {
        String ns = review.isNamespace() ? review.name() : review.namespace();
        return !ns.isEmpty() && patterns.stream().anyMatch(p -> p.matches(ns));
    }
}
