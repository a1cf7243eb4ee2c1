package io.changegate.evidence.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Checks that a signing certificate was issued by a trusted certificate authority and was valid at a time. */
final class CertificateChains {
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

    private CertificateChains() {
    }

    /**
     * Finds the authority whose chain issued {@code leaf}: each certificate's signature must verify
     * with the next one's key, ending at the authority's root.
     *
     * @param intact whether an authority's own chain is sound; the verifier works this out once per
     *               trusted root, since it does not change from one signature to the next
     * @return the issuing authority, or {@code null} when no trusted authority issued the certificate
     */
    static TrustedRoot.CertificateAuthority issuer(X509Certificate leaf, List<TrustedRoot.CertificateAuthority> authorities,
                                                   java.util.function.Predicate<TrustedRoot.CertificateAuthority> intact) {
        for (TrustedRoot.CertificateAuthority ca : authorities) {
            X509Certificate parent = ca.chain().get(0);
            if (leaf.getIssuerX500Principal().equals(parent.getSubjectX500Principal()) && parent.getBasicConstraints() >= 0
                    && signedBy(leaf, parent) && intact.test(ca)) {
                return ca;
            }
        }
        return null;
    }

    /** Whether the authority's chain links up to a self-signed root, each certificate a CA. */
    static boolean intact(TrustedRoot.CertificateAuthority ca) {
        List<X509Certificate> chain = ca.chain();
        return chain.get(0).getBasicConstraints() >= 0 && chains(chain.get(0), chain.subList(1, chain.size()));
    }

    static boolean chains(X509Certificate leaf, List<X509Certificate> chain) {
        X509Certificate child = leaf;
        for (X509Certificate parent : chain) {
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal()) || !signedBy(child, parent)) {
                return false;
            }
            if (parent.getBasicConstraints() < 0) {
                return false;
            }
            child = parent;
        }
        // The root must sign itself: a trusted root that is not self-signed is a configuration error.
        return child.getIssuerX500Principal().equals(child.getSubjectX500Principal()) && signedBy(child, child);
    }

    private static boolean signedBy(X509Certificate child, X509Certificate parent) {
        try {
            // The JDK remembers a successful check on the certificate object, so trusted-root links cost nothing twice.
            child.verify(parent.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether the certificate may sign code: Fulcio certificates carry the code-signing extended key usage. */
    static boolean allowsCodeSigning(X509Certificate leaf) {
        return hasUsage(leaf, CODE_SIGNING);
    }

    static boolean allowsTimeStamping(X509Certificate leaf) {
        return hasUsage(leaf, TIME_STAMPING);
    }

    private static boolean hasUsage(X509Certificate certificate, String oid) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(oid);
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    /**
     * Why the certificate, its authority's chain or the authority's trust window does not cover
     * {@code at}, or {@code null} when all do.
     */
    static String invalidAt(X509Certificate leaf, TrustedRoot.CertificateAuthority ca, Instant at, String when) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (at.isBefore(notBefore)) {
            return "certificate not yet valid at time of " + when + ": valid from " + notBefore + " to " + notAfter
                    + ", " + when + " at " + at;
        }
        if (at.isAfter(notAfter)) {
            return "certificate expired at time of " + when + ": valid from " + notBefore + " to " + notAfter
                    + ", " + when + " at " + at;
        }
        if (!ca.validFor().contains(at)) {
            return "certificate chain: " + ca.name() + " (" + ca.uri() + ") is trusted only from " + ca.validFor()
                    + ", not at time of " + when + " " + at;
        }
        for (X509Certificate cert : ca.chain()) {
            if (at.isBefore(cert.getNotBefore().toInstant()) || at.isAfter(cert.getNotAfter().toInstant())) {
                return "certificate chain: CA certificate " + cert.getSubjectX500Principal().getName()
                        + " was not valid at time of " + when + " " + at;
            }
        }
        return null;
    }
}
