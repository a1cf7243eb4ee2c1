package io.changegate.evidence.verify;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying one envelope.
 *
 * @param verified whether every check passed
 * @param checks   the checks that passed, in order, e.g. {@code certificate chain: issued by sigstore.dev sigstore}
 * @param failure  the check that failed and why, e.g. {@code tlog: inclusion proof root mismatch}; {@code null}
 *                 when verified
 * @param signer   who signed: a certificate identity with its issuer, or a key description; {@code null} if unknown
 * @param subjects what the signature covers, e.g. {@code a.txt sha256:a0cf…}
 */
public record VerificationResult(boolean verified, List<String> checks, String failure, String signer,
                                 List<String> subjects) {
    public VerificationResult {
        checks = List.copyOf(checks);
        subjects = List.copyOf(subjects);
        if (verified != (failure == null)) {
            throw new IllegalArgumentException("a result has a failure reason exactly when it is not verified");
        }
    }

    static VerificationResult passed(List<String> checks, String signer, List<String> subjects) {
        return new VerificationResult(true, checks, null, signer, subjects);
    }

    static VerificationResult failed(List<String> checks, String failure, String signer, List<String> subjects) {
        return new VerificationResult(false, checks, Objects.requireNonNull(failure), signer, subjects);
    }
}
