package io.changegate.evidence.store;

/**
 * Submitted evidence that cannot be accepted; the message says why and {@link #field} names the
 * offending input ({@code subject}, {@code type}, {@code document}, …).
 */
public final class EvidenceRejectedException extends Exception {
    private final String field;

    public EvidenceRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input at fault. */
    public String field() {
        return field;
    }
}
