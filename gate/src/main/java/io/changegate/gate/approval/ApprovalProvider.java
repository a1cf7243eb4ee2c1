package io.changegate.gate.approval;

/**
 * Answers whether a change ticket is approved. Implementations never throw for a provider that
 * fails: they return {@link Approval#UNREACHABLE} with the reason, which policies turn into a deny.
 */
public interface ApprovalProvider {
    /** The provider's name in decisions, e.g. {@code jira}. */
    String name();

    /** Asks about {@code ticket}. */
    Approval check(String ticket);

    /** The provider used when none is configured: every ticket is unverifiable, so nothing is approved. */
    static ApprovalProvider none(java.time.Clock clock) {
        return new ApprovalProvider() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public Approval check(String ticket) {
                return Approval.unreachable("none", ticket, "no approval provider is configured", clock.instant());
            }
        };
    }
}
