package io.changegate.evidence.envelope;

/**
 * A document that is not the envelope, key or trust material it claims to be.
 *
 * <p>The message always names the source and, where known, the line or the field that is wrong,
 * so the command line can print it as is.
 */
public final class EnvelopeFormatException extends RuntimeException {
    private final String source;

    public EnvelopeFormatException(String source, String detail) {
        super(source + ": " + detail);
        this.source = source;
    }

    public EnvelopeFormatException(String source, String detail, Throwable cause) {
        super(source + ": " + detail, cause);
        this.source = source;
    }

    /** The file or stream the bad document came from. */
    public String source() {
        return source;
    }
}
