package io.changegate.evidence.verify;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to trust when verifying: public keys and/or a Sigstore trusted root, who must have signed,
 * and which artifact the signature must cover.
 *
 * @param keys                 public keys trusted for keyed signatures (DSSE, cosign, managed-key bundles)
 * @param trustedRoot          Fulcio, Rekor and timestamp authorities for keyless signatures, or {@code null}
 * @param identity             the certificate identity a keyless signature must carry, or {@code null} to
 *                             skip the identity check
 * @param subjectDigest        {@code algorithm:hex} the signature must cover, or {@code null}
 * @param allowUntimestamped   accept a certificate signature that no transparency log entry or signed
 *                             timestamp dates; the certificate is then checked only at its own issuance
 * @param now                  the current time, used when nothing proves when a signature was made
 */
public record VerificationPolicy(List<NamedKey> keys, TrustedRoot trustedRoot, IdentityPolicy identity,
                                 String subjectDigest, boolean allowUntimestamped, Instant now) {
    public VerificationPolicy {
        keys = List.copyOf(keys);
        Objects.requireNonNull(now, "now");
    }

    /**
     * A trusted public key and the name to report it by (its file name, or its fingerprint).
     *
     * @param name how messages name the key
     * @param key  the key
     */
    public record NamedKey(String name, PublicKey key) {
        public NamedKey {
            Objects.requireNonNull(name, "name");
            key = PublicKeys.normalise(Objects.requireNonNull(key, "key"));
        }
    }

    /** Starts a policy that trusts nothing. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VerificationPolicy}. */
    public static final class Builder {
        private final List<NamedKey> keys = new ArrayList<>();
        private TrustedRoot trustedRoot;
        private IdentityPolicy identity;
        private String subjectDigest;
        private boolean allowUntimestamped;
        private Instant now;

        private Builder() {
        }

        public Builder key(String name, PublicKey key) {
            keys.add(new NamedKey(name, key));
            return this;
        }

        public Builder trustedRoot(TrustedRoot root) {
            this.trustedRoot = root;
            return this;
        }

        public Builder identity(IdentityPolicy identity) {
            this.identity = identity;
            return this;
        }

        public Builder subjectDigest(String algorithmAndHex) {
            this.subjectDigest = algorithmAndHex;
            return this;
        }

        public Builder allowUntimestamped(boolean allow) {
            this.allowUntimestamped = allow;
            return this;
        }

        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        public VerificationPolicy build() {
            return new VerificationPolicy(keys, trustedRoot, identity, subjectDigest, allowUntimestamped,
                    now == null ? Instant.now() : now);
        }
    }
}
