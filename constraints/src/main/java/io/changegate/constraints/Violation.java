package io.changegate.constraints;

import io.changegate.rego.value.Value;
import java.util.Set;

/**
 * One violation a constraint found: its message, optional details and the actions the constraint
 * takes at the enforcement point that asked ({@code deny}, {@code warn}, {@code dryrun}).
 */
public record Violation(String constraintKind, String constraintName, String message, Value details,
                        Set<String> actions) {
    public Violation {
        actions = Set.copyOf(actions);
    }

    /** The violation as Gatekeeper prints it: {@code [constraint-name] message}. */
    public String render() {
        return "[" + constraintName + "] " + message;
    }
}
