package io.changegate.evidence.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope: a typed payload and the signatures over it.
 *
 * @param payloadType the payload's media type, {@code application/vnd.in-toto+json} for in-toto
 * @param payload     the decoded payload bytes
 * @param signatures  at least one signature
 * @param signing     what the signatures cover: the DSSE pre-authentication encoding, or (only for
 *                    Google Cloud Build's legacy provenance) the raw payload
 * @param location    where in the source file the envelope was found
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures,
                           Signing signing, String location) implements Envelope, SigstoreBundle.Content {
    /** The in-toto payload type. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    /** What bytes a DSSE signature was computed over. */
    public enum Signing {
        /** The DSSE v1 pre-authentication encoding, as the specification requires. */
        PAE,
        /** The raw payload; Google Cloud Build's provenance envelopes were signed this way. */
        LEGACY_RAW_PAYLOAD
    }

    public DsseEnvelope {
        Objects.requireNonNull(payloadType, "payloadType");
        payload = payload.clone();
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(signing, "signing");
        location = location == null ? "" : location;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The DSSE v1 pre-authentication encoding of this envelope's type and payload. */
    public byte[] pae() {
        return pae(payloadType, payload);
    }

    /** The bytes each signature must verify over, according to {@link #signing()}. */
    public byte[] signedBytes() {
        return signing == Signing.PAE ? pae() : payload.clone();
    }

    /** Whether the payload is an in-toto Statement. */
    public boolean carriesStatement() {
        return IN_TOTO_PAYLOAD_TYPE.equals(payloadType);
    }

    /** Parses the payload as an in-toto Statement; the source names the envelope in errors. */
    public InTotoStatement statement(String source) {
        if (!carriesStatement()) {
            throw new EnvelopeFormatException(source, "payloadType is " + payloadType
                    + ", not " + IN_TOTO_PAYLOAD_TYPE + ": the payload is not an in-toto Statement");
        }
        return InTotoStatement.parse(source + (location.isEmpty() ? "" : " (" + location + ")") + ": payload",
                payload, location);
    }

    /**
     * The DSSE v1 pre-authentication encoding: {@code "DSSEv1" SP len(type) SP type SP len(body) SP body},
     * lengths in ASCII decimal of the UTF-8 byte counts.
     */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] middle = (" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + type.length + middle.length + payload.length];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        System.arraycopy(type, 0, out, at, type.length);
        at += type.length;
        System.arraycopy(middle, 0, out, at, middle.length);
        at += middle.length;
        System.arraycopy(payload, 0, out, at, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsseEnvelope other && payloadType.equals(other.payloadType)
                && Arrays.equals(payload, other.payload) && signatures.equals(other.signatures)
                && signing == other.signing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, Arrays.hashCode(payload), signatures, signing);
    }

    @Override
    public String toString() {
        return "DsseEnvelope[" + payloadType + ", " + payload.length + " payload bytes, "
                + signatures.size() + " signature(s), " + signing + "]";
    }
}
