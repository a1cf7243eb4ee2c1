package io.changegate.evidence.verify;

import java.util.ArrayList;
import java.util.List;

/** The checks one verification has passed so far, and who signed and what, once known. */
final class Trail {
    /** A verification check that failed; carries the reason shown to the user. */
    static final class Failed extends Exception {
        Failed(String reason) {
            super(reason, null, false, false);
        }
    }

    private final List<String> checks = new ArrayList<>();
    private final List<String> subjects = new ArrayList<>();
    private String signer;

    void passed(String check) {
        checks.add(check);
    }

    Failed fail(String reason) {
        return new Failed(reason);
    }

    void signer(String who) {
        this.signer = who;
    }

    void subject(String subject) {
        subjects.add(subject);
    }

    VerificationResult passed() {
        return VerificationResult.passed(checks, signer, subjects);
    }

    VerificationResult failed(String reason) {
        return VerificationResult.failed(checks, reason, signer, subjects);
    }
}
