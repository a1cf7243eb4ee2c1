package io.changegate.evidence.verify;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks RFC 3161 signed timestamps over a signature against the trusted timestamp authorities. */
final class Timestamps {
    private Timestamps() {
    }

    /**
     * Verifies one timestamp and returns the time it vouches for, or {@code null} when it was issued
     * by an authority the trusted root does not list (such a timestamp proves nothing, but is not forged).
     */
    static Instant check(byte[] encoded, byte[] signature, TrustedRoot root, Trail trail) throws Trail.Failed {
        TimeStampToken token = parse(encoded, trail);
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        String hashName = new DefaultAlgorithmNameFinder().getAlgorithmName(token.getTimeStampInfo().getMessageImprintAlgOID());
        byte[] expected;
        try {
            expected = MessageDigest.getInstance(hashName.replace("SHA", "SHA-").replace("SHA--", "SHA-")).digest(signature);
        } catch (Exception e) {
            throw trail.fail("timestamp: unsupported message imprint algorithm " + hashName);
        }
        if (!Arrays.equals(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
            throw trail.fail("timestamp: RFC 3161 timestamp is over different data than this signature");
        }
        for (TrustedRoot.CertificateAuthority tsa : root.timestampAuthorities()) {
            for (X509Certificate signer : candidates(token, tsa)) {
                try {
                    if (!token.getSID().match(new X509CertificateHolder(signer.getEncoded()))) {
                        continue;
                    }
                } catch (Exception e) {
                    continue;
                }
                try {
                    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
                } catch (Exception e) {
                    throw trail.fail("timestamp: RFC 3161 timestamp from " + tsa.name() + " does not verify: " + e.getMessage());
                }
                if (!tsa.validFor().contains(genTime)) {
                    throw trail.fail("timestamp: " + tsa.name() + " is trusted only from " + tsa.validFor()
                            + ", not at " + genTime);
                }
                trail.passed("timestamp: RFC 3161 timestamp from " + tsa.name() + " verified (" + genTime + ")");
                return genTime;
            }
        }
        trail.passed("timestamp: RFC 3161 timestamp (" + genTime + ") from an authority the trusted root does not list was ignored");
        return null;
    }

    /** The authority's own signing certificate, or one the token embeds that chains to the authority. */
    private static List<X509Certificate> candidates(TimeStampToken token, TrustedRoot.CertificateAuthority tsa) {
        List<X509Certificate> out = new ArrayList<>();
        out.add(tsa.chain().get(0));
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            try {
                X509Certificate embedded = new JcaX509CertificateConverter().getCertificate(holder);
                if (CertificateChains.chains(embedded, tsa.chain()) && CertificateChains.allowsTimeStamping(embedded)) {
                    out.add(embedded);
                }
            } catch (Exception e) {
                // an unreadable embedded certificate cannot be a candidate
            }
        }
        // The authority's own certificate must chain to the authority's root as well.
        List<X509Certificate> chain = tsa.chain();
        if (chain.size() > 1 && !CertificateChains.chains(chain.get(0), chain.subList(1, chain.size()))) {
            out.remove(0);
        }
        return out;
    }

    private static TimeStampToken parse(byte[] encoded, Trail trail) throws Trail.Failed {
        try {
            TimeStampToken token = new TimeStampResponse(encoded).getTimeStampToken();
            if (token != null) {
                return token;
            }
        } catch (Exception notAResponse) {
            // a bare token (CMS SignedData) is accepted too
        }
        try {
            return new TimeStampToken(new CMSSignedData(encoded));
        } catch (Exception e) {
            throw trail.fail("timestamp: not a valid RFC 3161 timestamp: " + e.getMessage());
        }
    }
}
