package io.changegate.gate;

import io.changegate.gate.approval.Approval;
import io.changegate.gate.governance.BreakGlass;
import io.changegate.gate.governance.ExceptionGrant;
import io.changegate.gate.governance.RetroApproval;
import java.time.Instant;
import java.util.List;

/**
 * The gate's answer with everything that led to it.
 *
 * @param id             the decision's identifier
 * @param request        what was asked
 * @param result         allow, warn or deny
 * @param allowedBy      for an allowed change: {@code policy}, {@code exception} (an exception waived a
 *                       blocking violation) or {@code break-glass}; null when denied
 * @param violations     every violation, with owner, mode, and the exception that waived it
 * @param approvals      what the approval provider said
 * @param exceptionsUsed the exceptions that waived at least one violation
 * @param breakGlass     the break-glass that allowed a denied change, or null
 * @param retroApproval  the retro-approval task that break-glass raised, or null
 * @param inputDigest    {@code sha256:…} of the canonical decision input
 * @param policyRevision the policy bundle's revision
 * @param policyHash     the policy bundle's content hash (hex SHA-256)
 * @param evidenceIds    the evidence items consulted
 * @param time           when it was decided
 * @param record         the signed record in the evidence log, or null when recording is off
 */
public record Decision(String id, GateRequest request, Result result, String allowedBy, List<Violation> violations,
                       List<Approval> approvals, List<ExceptionGrant> exceptionsUsed, BreakGlass breakGlass,
                       RetroApproval retroApproval, String inputDigest, String policyRevision, String policyHash,
                       List<String> evidenceIds, Instant time, RecordRef record) {
    public Decision {
        violations = List.copyOf(violations);
        approvals = List.copyOf(approvals);
        exceptionsUsed = List.copyOf(exceptionsUsed);
        evidenceIds = List.copyOf(evidenceIds);
    }

    /** Where the signed record of a decision is: its evidence item, leaf, and the DSSE envelope itself. */
    public record RecordRef(String evidenceId, long leafIndex, byte[] envelope) {
        public RecordRef {
            envelope = envelope.clone();
        }

        @Override
        public byte[] envelope() {
            return envelope.clone();
        }
    }

    public boolean allowed() {
        return result != Result.DENY;
    }

    /** The result in words, e.g. "allowed by break-glass". */
    public String summary() {
        return switch (result) {
            case DENY -> "denied";
            case WARN -> "allowed with warnings" + ("policy".equals(allowedBy) ? "" : " by " + allowedBy);
            case ALLOW -> "allowed" + ("policy".equals(allowedBy) ? "" : " by " + allowedBy);
        };
    }

    public Decision withRecord(RecordRef ref) {
        return new Decision(id, request, result, allowedBy, violations, approvals, exceptionsUsed, breakGlass,
                retroApproval, inputDigest, policyRevision, policyHash, evidenceIds, time, ref);
    }

    public Decision withRetroApproval(RetroApproval task) {
        return new Decision(id, request, result, allowedBy, violations, approvals, exceptionsUsed, breakGlass,
                task, inputDigest, policyRevision, policyHash, evidenceIds, time, record);
    }
}
