package io.changegate.gate;

/**
 * One broken rule, as the decision reports it.
 *
 * @param policy      the policy id (its package's last segment)
 * @param owner       the team that owns the policy (from its METADATA)
 * @param msg         what is wrong, in words
 * @param severity    the policy's or the violation's severity
 * @param remediation what to do about it
 * @param mode        how it counted in this environment
 * @param artifact    the artifact digest it concerns, or null
 * @param exception   the id of the exception that waived it, or null
 */
public record Violation(String policy, String owner, String msg, String severity, String remediation, Mode mode,
                        String artifact, String exception) {

    /** Whether it blocks the deployment: enforced and not waived. */
    public boolean blocks() {
        return mode == Mode.ENFORCE && exception == null;
    }

    /** Whether it makes the result {@code warn}: reported, not blocking, not waived. */
    public boolean warns() {
        return mode == Mode.WARN && exception == null;
    }

    public Violation withException(String exceptionId) {
        return new Violation(policy, owner, msg, severity, remediation, mode, artifact, exceptionId);
    }
}
