package io.changegate.gate;

import java.util.Locale;

/** How a policy's violations count in an environment: the rollout stages of a guardrail. */
public enum Mode {
    /** Violations block the deployment. */
    ENFORCE,
    /** Violations are reported and make the result {@code warn}, but do not block. */
    WARN,
    /** Violations are recorded only: they neither block nor warn. */
    DRYRUN,
    /** The policy is not evaluated. */
    OFF;

    /** The lower-case name used in configuration and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured mode, naming the accepted values when it is wrong. */
    public static Mode parse(String text, String where) {
        for (Mode mode : values()) {
            if (mode.label().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(where + ": unknown mode '" + text + "'; expected enforce, warn, dryrun or off");
    }
}
