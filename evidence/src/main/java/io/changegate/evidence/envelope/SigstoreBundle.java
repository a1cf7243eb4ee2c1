package io.changegate.evidence.envelope;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Sigstore bundle (v0.1 to v0.3): the signed content plus everything needed to verify it offline.
 *
 * @param mediaType            the bundle's media type as written
 * @param version              the bundle format version, {@code 0.1}, {@code 0.2} or {@code 0.3}
 * @param verificationMaterial the signer's certificate or key hint, log entries and timestamps
 * @param content              a DSSE envelope or a message signature
 * @param location             where in the source file the bundle was found
 */
public record SigstoreBundle(String mediaType, String version, VerificationMaterial verificationMaterial,
                             Content content, String location) implements Envelope {

    public SigstoreBundle {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verificationMaterial, "verificationMaterial");
        Objects.requireNonNull(content, "content");
        location = location == null ? "" : location;
    }

    /** What a bundle signs: a DSSE envelope or a message digest. */
    public sealed interface Content permits DsseEnvelope, MessageSignature {
    }

    /**
     * A signature over an artifact identified by its digest ({@code hashedrekord}).
     *
     * @param digestAlgorithm the protobuf name, e.g. {@code SHA2_256}
     * @param digest          the artifact digest the bundle claims, or empty when absent
     * @param signature       the signature over the artifact
     */
    public record MessageSignature(String digestAlgorithm, byte[] digest, byte[] signature) implements Content {
        public MessageSignature {
            Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
            digest = digest.clone();
            signature = signature.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageSignature other && digestAlgorithm.equals(other.digestAlgorithm)
                    && Arrays.equals(digest, other.digest) && Arrays.equals(signature, other.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(digestAlgorithm, Arrays.hashCode(digest), Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "MessageSignature[" + digestAlgorithm + ", " + signature.length + " signature bytes]";
        }
    }

    /**
     * How to check a bundle's signature and when it was made.
     *
     * @param certificates    the signing certificate first, then any intermediates the bundle carries;
     *                        empty when the bundle names a managed key instead
     * @param publicKeyHint   the managed key's hint, or {@code null} for certificate bundles
     * @param tlogEntries     transparency log entries for the signature
     * @param rfc3161Timestamps DER-encoded RFC 3161 timestamp responses over the signature
     */
    public record VerificationMaterial(List<X509Certificate> certificates, String publicKeyHint,
                                       List<TlogEntry> tlogEntries, List<byte[]> rfc3161Timestamps) {
        public VerificationMaterial {
            certificates = List.copyOf(certificates);
            tlogEntries = List.copyOf(tlogEntries);
            rfc3161Timestamps = rfc3161Timestamps.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<byte[]> rfc3161Timestamps() {
            return rfc3161Timestamps.stream().map(byte[]::clone).toList();
        }

        /** The signing certificate, or {@code null} for a managed-key bundle. */
        public X509Certificate leafCertificate() {
            return certificates.isEmpty() ? null : certificates.get(0);
        }
    }

    /**
     * One transparency log (Rekor) entry.
     *
     * @param logIndex             the entry's global index
     * @param logKeyId             SHA-256 of the log's public key, which identifies the log
     * @param kind                 the entry type, e.g. {@code hashedrekord}, {@code dsse}, {@code intoto}
     * @param kindVersion          the entry type's version
     * @param integratedTime       seconds since the epoch at which the log integrated the entry, or
     *                             {@code null} (Rekor v2 has none)
     * @param signedEntryTimestamp the log's signed promise of inclusion (SET), or {@code null}
     * @param inclusionProof       the Merkle inclusion proof, or {@code null}
     * @param canonicalizedBody    the entry body exactly as the log hashed it
     */
    public record TlogEntry(long logIndex, byte[] logKeyId, String kind, String kindVersion, Long integratedTime,
                            byte[] signedEntryTimestamp, InclusionProof inclusionProof, byte[] canonicalizedBody) {
        public TlogEntry {
            logKeyId = logKeyId.clone();
            signedEntryTimestamp = signedEntryTimestamp == null ? null : signedEntryTimestamp.clone();
            canonicalizedBody = canonicalizedBody.clone();
        }

        @Override
        public byte[] logKeyId() {
            return logKeyId.clone();
        }

        @Override
        public byte[] signedEntryTimestamp() {
            return signedEntryTimestamp == null ? null : signedEntryTimestamp.clone();
        }

        @Override
        public byte[] canonicalizedBody() {
            return canonicalizedBody.clone();
        }
    }

    /**
     * An RFC 6962 inclusion proof of a log entry in a tree whose root a signed checkpoint commits to.
     *
     * @param logIndex   the entry's index within this log shard's tree
     * @param rootHash   the tree's root hash
     * @param treeSize   the tree's size
     * @param hashes     the audit path, leaf to root
     * @param checkpoint the signed note committing to the root, or {@code null}
     */
    public record InclusionProof(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes,
                                 String checkpoint) {
        public InclusionProof {
            rootHash = rootHash.clone();
            hashes = hashes.stream().map(byte[]::clone).toList();
        }

        @Override
        public byte[] rootHash() {
            return rootHash.clone();
        }

        @Override
        public List<byte[]> hashes() {
            return hashes.stream().map(byte[]::clone).toList();
        }
    }
}
