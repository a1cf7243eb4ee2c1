package io.changegate.evidence.envelope;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Objects;

/**
 * A cosign signature of a container image: a "simple signing" JSON payload and the signature over it,
 * as stored in the {@code sha256-<digest>.sig} tag and printed by {@code cosign download signature}.
 *
 * @param payload        the simple-signing payload bytes, exactly as signed
 * @param signature      the signature over {@code payload}
 * @param certificatePem the signing certificate for keyless signatures, or {@code null}
 * @param simpleSigning  the parsed payload
 * @param location       where in the source file the signature was found
 */
public record CosignSignature(byte[] payload, byte[] signature, String certificatePem, SimpleSigning simpleSigning,
                              String location) implements Envelope {

    public CosignSignature {
        payload = payload.clone();
        signature = signature.clone();
        Objects.requireNonNull(simpleSigning, "simpleSigning");
        location = location == null ? "" : location;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The "critical" part of a simple-signing payload: which image the signature is for.
     *
     * @param type            {@code cosign container image signature} (or the atomic container type)
     * @param dockerReference the image reference the signer named
     * @param manifestDigest  the signed manifest digest, {@code sha256:…}
     * @param optional        the unauthenticated-by-policy annotations, possibly empty
     */
    public record SimpleSigning(String type, String dockerReference, String manifestDigest, JsonNode optional) {
        public SimpleSigning {
            Objects.requireNonNull(type, "type");
            dockerReference = dockerReference == null ? "" : dockerReference;
            Objects.requireNonNull(manifestDigest, "manifestDigest");
            optional = optional == null ? null : optional.deepCopy();
        }

        @Override
        public JsonNode optional() {
            return optional == null ? null : optional.deepCopy();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosignSignature other && Arrays.equals(payload, other.payload)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CosignSignature[" + simpleSigning.manifestDigest() + "]";
    }
}
