package io.changegate.evidence.store;

import java.util.Locale;

/**
 * What was established about an item's signatures when it was accepted.
 *
 * @param state  the outcome
 * @param detail why, in words (the signer identity, or which check failed); may be empty
 */
public record VerificationStatus(State state, String detail) {
    public VerificationStatus {
        detail = detail == null ? "" : detail;
    }

    /** The outcome of signature verification at ingestion. */
    public enum State {
        /** A signature verified against configured trust material. */
        VERIFIED,
        /** A signature was present and failed verification. */
        FAILED,
        /** A signature was present but no trust material was configured to check it. */
        UNCHECKED,
        /** The document carried no signature. */
        UNSIGNED;

        /** The lower-case name used in JSON and in the database. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a label written by {@link #label()}. */
        public static State ofLabel(String label) {
            for (State state : values()) {
                if (state.label().equals(label)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("unknown verification state '" + label
                    + "': expected verified, failed, unchecked or unsigned");
        }
    }

    /** An unsigned document. */
    public static VerificationStatus unsigned() {
        return new VerificationStatus(State.UNSIGNED, "");
    }
}
