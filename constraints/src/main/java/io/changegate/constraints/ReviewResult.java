package io.changegate.constraints;

import java.util.List;

/**
 * What reviewing one object against every constraint found: violations, and evaluation errors
 * (a template that failed on this input), each error naming its constraint.
 */
public record ReviewResult(List<Violation> violations, List<String> errors) {
    public static final ReviewResult NONE = new ReviewResult(List.of(), List.of());

    public ReviewResult {
        violations = List.copyOf(violations);
        errors = List.copyOf(errors);
    }

    /** The violations whose constraint takes {@code action} at the enforcement point. */
    public List<Violation> withAction(String action) {
        return violations.stream().filter(v -> v.actions().contains(action)).toList();
    }
}
