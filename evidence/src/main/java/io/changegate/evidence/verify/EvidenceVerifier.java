package io.changegate.evidence.verify;

import io.changegate.evidence.envelope.CosignSignature;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.DsseSignature;
import io.changegate.evidence.envelope.Envelope;
import io.changegate.evidence.envelope.EnvelopeFormatException;
import io.changegate.evidence.envelope.Envelopes;
import io.changegate.evidence.envelope.InTotoStatement;
import io.changegate.evidence.envelope.SigstoreBundle;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies envelopes against a {@link VerificationPolicy}: keyed DSSE and cosign signatures, and
 * Sigstore bundles offline (Fulcio chain, Rekor SET and inclusion proof, RFC 3161 timestamps,
 * certificate validity at signing time, identity).
 *
 * <p>A verification failure is a result, not an exception; {@link EnvelopeFormatException} is thrown
 * only for input that is malformed.
 */
public final class EvidenceVerifier {
    private final VerificationPolicy policy;
    /** Trusted authorities whose own chains are sound, checked once here rather than per signature. */
    private final java.util.Set<TrustedRoot.CertificateAuthority> intactAuthorities;

    public EvidenceVerifier(VerificationPolicy policy) {
        this.policy = policy;
        this.intactAuthorities = policy.trustedRoot() == null ? java.util.Set.of()
                : policy.trustedRoot().certificateAuthorities().stream().filter(CertificateChains::intact)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Verifies one envelope. */
    public VerificationResult verify(Envelope envelope) {
        Trail trail = new Trail();
        try {
            switch (envelope) {
                case InTotoStatement statement -> {
                    statement.subjects().forEach(s -> trail.subject(s.toString()));
                    throw trail.fail("signature: the in-toto Statement is not signed (wrap it in a DSSE envelope or a Sigstore bundle)");
                }
                case DsseEnvelope dsse -> verifyDsse(dsse, trail);
                case SigstoreBundle bundle -> verifyBundle(bundle, trail);
                case CosignSignature cosign -> verifyCosign(cosign, trail);
            }
            return trail.passed();
        } catch (Trail.Failed failed) {
            return trail.failed(failed.getMessage());
        }
    }

    // ---------------------------------------------------------------- DSSE

    private void verifyDsse(DsseEnvelope dsse, Trail trail) throws Trail.Failed {
        List<String> digests = statementSubjects(dsse, trail);
        DsseSignature withCertificate = dsse.signatures().stream()
                .filter(s -> s.certificatePem() != null).findFirst().orElse(null);
        if (withCertificate != null && policy.keys().isEmpty()) {
            X509Certificate leaf = Envelopes.pemCertificate("signatures[].cert", withCertificate.certificatePem());
            TrustedRoot.CertificateAuthority ca = chain(leaf, trail);
            if (Signatures.verify(leaf.getPublicKey(), dsse.signedBytes(), withCertificate.sig()).isEmpty()) {
                throw trail.fail("signature: does not verify with the certificate's key");
            }
            trail.passed("signature: DSSE signature verified with the certificate's key" + signingNote(dsse));
            // A bare envelope carries no log entry or timestamp: nothing proves when it was signed.
            checkTimes(leaf, ca, Map.of(), trail);
            checkIdentity(leaf, trail);
        } else {
            verifyWithKeys(dsse.signedBytes(), dsse.signatures().stream().map(DsseSignature::sig).toList(),
                    "DSSE signature" + signingNote(dsse), keyIds(dsse), trail);
        }
        checkSubject(digests, trail);
    }

    private static String signingNote(DsseEnvelope dsse) {
        return dsse.signing() == DsseEnvelope.Signing.PAE ? " over the DSSE PAE"
                : " over the raw payload (Cloud Build's legacy signing)";
    }

    private static String keyIds(DsseEnvelope dsse) {
        List<String> ids = dsse.signatures().stream().map(DsseSignature::keyid).filter(k -> !k.isEmpty()).toList();
        return ids.isEmpty() ? "" : " (keyid " + String.join(", ", ids) + ")";
    }

    private List<String> statementSubjects(DsseEnvelope dsse, Trail trail) {
        List<String> digests = new ArrayList<>();
        if (!dsse.carriesStatement()) {
            return digests;
        }
        InTotoStatement statement;
        try {
            statement = dsse.statement("payload");
        } catch (EnvelopeFormatException malformed) {
            // Reported only if the signature verifies; a forged payload need not parse.
            return digests;
        }
        for (InTotoStatement.Subject subject : statement.subjects()) {
            trail.subject(subject.toString());
            subject.digest().forEach((algorithm, hex) -> digests.add(algorithm + ":" + hex));
        }
        return digests;
    }

    private void verifyWithKeys(byte[] signed, List<byte[]> signatures, String what, String hint, Trail trail)
            throws Trail.Failed {
        if (policy.keys().isEmpty()) {
            throw trail.fail("signature: no public key was given to verify the " + what + hint);
        }
        for (VerificationPolicy.NamedKey key : policy.keys()) {
            for (byte[] signature : signatures) {
                Optional<String> scheme = Signatures.verify(key.key(), signed, signature);
                if (scheme.isPresent()) {
                    trail.signer("key " + key.name() + " (" + PublicKeys.describe(key.key()) + ")");
                    trail.passed("signature: " + what + " verified with key " + key.name() + " (" + scheme.get() + ")");
                    return;
                }
            }
        }
        throw trail.fail("signature: does not verify with key " + keyNames() + hint);
    }

    private String keyNames() {
        return String.join(", ", policy.keys().stream().map(VerificationPolicy.NamedKey::name).toList());
    }

    // ---------------------------------------------------------------- cosign simple signing

    private void verifyCosign(CosignSignature cosign, Trail trail) throws Trail.Failed {
        String digest = cosign.simpleSigning().manifestDigest().toLowerCase(Locale.ROOT);
        trail.subject(cosign.simpleSigning().dockerReference().isEmpty() ? digest
                : cosign.simpleSigning().dockerReference() + " " + digest);
        if (cosign.certificatePem() != null && policy.keys().isEmpty()) {
            X509Certificate leaf = Envelopes.pemCertificate("Cert", cosign.certificatePem());
            TrustedRoot.CertificateAuthority ca = chain(leaf, trail);
            if (Signatures.verify(leaf.getPublicKey(), cosign.payload(), cosign.signature()).isEmpty()) {
                throw trail.fail("signature: does not verify with the certificate's key");
            }
            trail.passed("signature: simple-signing payload verified with the certificate's key");
            checkTimes(leaf, ca, Map.of(), trail);
            checkIdentity(leaf, trail);
        } else {
            verifyWithKeys(cosign.payload(), List.of(cosign.signature()), "simple-signing payload", "", trail);
        }
        if (policy.subjectDigest() != null) {
            if (!digest.equals(policy.subjectDigest().toLowerCase(Locale.ROOT))) {
                throw trail.fail("subject: critical.image.docker-manifest-digest is " + digest + ", not "
                        + policy.subjectDigest());
            }
            trail.passed("subject: critical.image.docker-manifest-digest matches " + digest);
        }
    }

    // ---------------------------------------------------------------- Sigstore bundles

    private void verifyBundle(SigstoreBundle bundle, Trail trail) throws Trail.Failed {
        SigstoreBundle.VerificationMaterial material = bundle.verificationMaterial();
        SigstoreBundle.Content content = bundle.content();
        List<String> digests = new ArrayList<>();
        byte[] signature;
        switch (content) {
            case SigstoreBundle.MessageSignature message -> {
                if (message.digest().length == 0 && policy.subjectDigest() == null) {
                    throw trail.fail("subject: the bundle's message signature names no artifact digest; give the artifact's digest to check it against");
                }
                signature = message.signature();
                if (message.digest().length > 0) {
                    String subject = hashName(message.digestAlgorithm()) + ":" + HexFormat.of().formatHex(message.digest());
                    trail.subject(subject);
                    digests.add(subject);
                }
            }
            case DsseEnvelope dsse -> {
                if (dsse.signatures().size() != 1) {
                    throw trail.fail("signature: a bundle's DSSE envelope must have exactly one signature, it has "
                            + dsse.signatures().size());
                }
                signature = dsse.signatures().get(0).sig();
                digests.addAll(statementSubjects(dsse, trail));
            }
        }

        X509Certificate leaf = material.leafCertificate();
        TrustedRoot.CertificateAuthority ca = null;
        byte[] verifierDer;
        if (leaf != null) {
            ca = chain(leaf, trail);
            verifyBundleSignature(content, leaf.getPublicKey(), "the certificate's key", trail);
            verifierDer = encoded(leaf);
        } else {
            verifierDer = verifyWithManagedKey(content, material.publicKeyHint(), trail).getEncoded();
        }

        Map<Instant, String> times = new LinkedHashMap<>();
        TrustedRoot root = policy.trustedRoot();
        if (root == null) {
            trail.passed("tlog: not checked, no trusted root was given");
        } else {
            if (material.tlogEntries().isEmpty() && leaf != null && material.rfc3161Timestamps().isEmpty()) {
                throw trail.fail("tlog: the bundle has no transparency log entry and no signed timestamp");
            }
            for (SigstoreBundle.TlogEntry entry : material.tlogEntries()) {
                Instant integrated = TransparencyLogs.check(entry, root, content, verifierDer, trail);
                if (integrated != null) {
                    times.put(integrated, "transparency log integrated time");
                }
            }
            for (byte[] timestamp : material.rfc3161Timestamps()) {
                Instant signed = Timestamps.check(timestamp, signature, root, trail);
                if (signed != null) {
                    times.put(signed, "RFC 3161 timestamp");
                }
            }
        }
        if (leaf != null) {
            checkTimes(leaf, ca, times, trail);
            checkIdentity(leaf, trail);
        }
        checkSubject(digests, trail);
    }

    private void verifyBundleSignature(SigstoreBundle.Content content, PublicKey key, String keyName, Trail trail)
            throws Trail.Failed {
        Optional<String> scheme = bundleSignatureScheme(content, key);
        if (scheme.isEmpty()) {
            throw trail.fail("signature: does not verify with " + keyName);
        }
        trail.passed("signature: " + (content instanceof DsseEnvelope ? "DSSE signature" : "message signature")
                + " verified with " + keyName + " (" + scheme.get() + ")");
    }

    private Optional<String> bundleSignatureScheme(SigstoreBundle.Content content, PublicKey key) {
        return switch (content) {
            case DsseEnvelope dsse -> Signatures.verify(key, dsse.pae(), dsse.signatures().get(0).sig());
            case SigstoreBundle.MessageSignature message -> {
                byte[] digest = message.digest();
                if (digest.length == 0 && policy.subjectDigest() != null) {
                    digest = HexFormat.of().parseHex(policy.subjectDigest().substring(policy.subjectDigest().indexOf(':') + 1));
                }
                yield Signatures.verifyDigest(key, message.digestAlgorithm(), digest, message.signature());
            }
        };
    }

    private PublicKey verifyWithManagedKey(SigstoreBundle.Content content, String hint, Trail trail) throws Trail.Failed {
        String hintText = hint == null || hint.isEmpty() ? "" : " (hint " + hint + ")";
        if (policy.keys().isEmpty()) {
            throw trail.fail("signature: the bundle is signed with a managed key" + hintText + ", but no public key was given");
        }
        for (VerificationPolicy.NamedKey key : policy.keys()) {
            Optional<String> scheme = bundleSignatureScheme(content, key.key());
            if (scheme.isPresent()) {
                trail.signer("key " + key.name() + " (" + PublicKeys.describe(key.key()) + ")");
                trail.passed("signature: verified with key " + key.name() + " (" + scheme.get() + ")");
                return key.key();
            }
        }
        throw trail.fail("signature: does not verify with key " + keyNames() + hintText);
    }

    // ---------------------------------------------------------------- shared checks

    private TrustedRoot.CertificateAuthority chain(X509Certificate leaf, Trail trail) throws Trail.Failed {
        if (policy.trustedRoot() == null) {
            throw trail.fail("certificate chain: no trusted root was given to verify the signing certificate");
        }
        trail.signer(FulcioIdentity.of(leaf).toString());
        TrustedRoot.CertificateAuthority ca = CertificateChains.issuer(leaf,
                policy.trustedRoot().certificateAuthorities(), intactAuthorities::contains);
        if (ca == null) {
            boolean sameName = policy.trustedRoot().certificateAuthorities().stream()
                    .anyMatch(c -> c.chain().get(0).getSubjectX500Principal().equals(leaf.getIssuerX500Principal()));
            throw trail.fail("certificate chain: not issued by a trusted Fulcio CA (issuer "
                    + leaf.getIssuerX500Principal().getName()
                    + (sameName ? ": a trusted CA has that name, but its key did not sign this certificate)" : ")"));
        }
        if (!CertificateChains.allowsCodeSigning(leaf)) {
            throw trail.fail("certificate chain: the certificate is not for code signing (no codeSigning extended key usage)");
        }
        trail.passed("certificate chain: issued by trusted Fulcio CA " + ca.name()
                + (ca.uri().isEmpty() ? "" : " (" + ca.uri() + ")"));
        return ca;
    }

    /**
     * The certificate must have been valid, and its authority trusted, whenever something proves the
     * signature was made. With no such proof the current time is used, which a short-lived Fulcio
     * certificate fails, unless the policy accepts untimestamped signatures.
     */
    private void checkTimes(X509Certificate leaf, TrustedRoot.CertificateAuthority ca, Map<Instant, String> times,
                            Trail trail) throws Trail.Failed {
        if (times.isEmpty()) {
            if (policy.allowUntimestamped()) {
                Instant issued = leaf.getNotBefore().toInstant();
                String reason = CertificateChains.invalidAt(leaf, ca, issued, "issuance");
                if (reason != null) {
                    throw trail.fail(reason);
                }
                trail.passed("time: UNPROVEN, no transparency log entry or signed timestamp dates the signature;"
                        + " the certificate was checked at its issuance " + issued);
                return;
            }
            String reason = CertificateChains.invalidAt(leaf, ca, policy.now(), "verification");
            if (reason != null) {
                throw trail.fail(reason + " (no signed entry timestamp or RFC 3161 timestamp proves it was signed earlier)");
            }
            trail.passed("time: certificate valid now (" + policy.now() + "); nothing dates the signature");
            return;
        }
        for (Map.Entry<Instant, String> time : times.entrySet()) {
            String reason = CertificateChains.invalidAt(leaf, ca, time.getKey(), "signing");
            if (reason != null) {
                throw trail.fail(reason + " (per " + time.getValue() + ")");
            }
            trail.passed("time: certificate valid at time of signing " + time.getKey() + " (per " + time.getValue() + ")");
        }
    }

    private void checkIdentity(X509Certificate leaf, Trail trail) throws Trail.Failed {
        FulcioIdentity identity = FulcioIdentity.of(leaf);
        IdentityPolicy expected = policy.identity();
        if (expected == null) {
            trail.passed("identity: not checked, no identity policy was given (signer " + identity + ")");
            return;
        }
        if (!expected.issuer().matches(identity.issuer())) {
            throw trail.fail("identity: OIDC issuer " + (identity.issuer().isEmpty() ? "(none)" : identity.issuer())
                    + " does not match " + expected.issuer());
        }
        if (!expected.subject().matches(identity.subject())) {
            throw trail.fail("identity: SAN " + (identity.subject().isEmpty() ? "(none)" : identity.subject())
                    + " does not match " + expected.subject());
        }
        trail.passed("identity: " + identity.subject() + " issued by " + identity.issuer());
    }

    private void checkSubject(List<String> signedDigests, Trail trail) throws Trail.Failed {
        String expected = policy.subjectDigest();
        if (expected == null) {
            return;
        }
        String wanted = expected.toLowerCase(Locale.ROOT);
        if (!signedDigests.contains(wanted)) {
            throw trail.fail("subject: " + expected + " is not among the signed subjects "
                    + (signedDigests.isEmpty() ? "(none)" : String.join(", ", signedDigests)));
        }
        trail.passed("subject: the signature covers " + wanted);
    }

    private static String hashName(String protobufName) {
        String jca = DigestInfos.jcaName(protobufName);
        return jca == null ? protobufName.toLowerCase(Locale.ROOT) : jca.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
        }
    }
}
