package io.changegate.evidence.verify;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * Verifies raw signatures with ECDSA (P-256, P-384, P-521; DER or IEEE P1363 encoded), RSA
 * (PKCS#1 v1.5 or PSS with SHA-256/384/512) and Ed25519 keys.
 */
public final class Signatures {
    private static final String[] RSA_HASHES = {"SHA-256", "SHA-384", "SHA-512"};
    /**
     * Bouncy Castle verifies ECDSA about twice and Ed25519 several times faster than the JDK's SunEC.
     * It is used directly, never registered as a global provider.
     */
    private static final Provider BC = new BouncyCastleProvider();

    private Signatures() {
    }

    /**
     * Verifies {@code signature} over {@code data}.
     *
     * @return the scheme that verified, e.g. {@code ECDSA-P256-SHA256}, or empty when none does
     */
    public static Optional<String> verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            return switch (key) {
                case ECPublicKey ec -> verifyEcdsa(ec, data, signature);
                case RSAPublicKey rsa -> verifyRsa(rsa, data, signature);
                default -> "Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())
                        ? check("Ed25519", key, data, signature, "Ed25519", null, BC) : Optional.empty();
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Verifies a signature made over an artifact of which only the digest is known (Sigstore
     * {@code hashedrekord}): ECDSA and RSA PKCS#1 v1.5 sign the digest, so the artifact is not needed.
     */
    public static Optional<String> verifyDigest(PublicKey key, String digestAlgorithm, byte[] digest, byte[] signature) {
        try {
            if (key instanceof ECPublicKey ec) {
                int fieldBytes = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                byte[] der = isDer(signature) ? signature : p1363ToDer(signature, fieldBytes);
                if (der == null) {
                    return Optional.empty();
                }
                return check("NONEwithECDSA", key, digest, der, "ECDSA", null, BC)
                        .map(s -> "ECDSA-P" + ec.getParams().getCurve().getField().getFieldSize() + "-" + digestAlgorithm);
            }
            if (key instanceof RSAPublicKey) {
                byte[] digestInfo = DigestInfos.wrap(digestAlgorithm, digest);
                return digestInfo == null ? Optional.empty()
                        : check("NONEwithRSA", key, digestInfo, signature, null).map(s -> "RSA-PKCS1v15-" + digestAlgorithm);
            }
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> verifyEcdsa(ECPublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        int bits = key.getParams().getCurve().getField().getFieldSize();
        String hash = bits <= 256 ? "SHA256" : bits <= 384 ? "SHA384" : "SHA512";
        String scheme = "ECDSA-P" + bits + "-" + hash;
        if (isDer(signature)) {
            Optional<String> ok = check(hash + "withECDSA", key, data, signature, scheme, null, BC);
            if (ok.isPresent()) {
                return ok;
            }
        }
        int fieldBytes = (bits + 7) / 8;
        if (signature.length == 2 * fieldBytes) {
            return check(hash + "withPLAIN-ECDSA", key, data, signature, scheme + "-P1363", null, BC);
        }
        return Optional.empty();
    }

    /**
     * One public-key operation reveals the padding: PKCS#1 v1.5 encodes {@code 00 01 FF…}, PSS ends in
     * {@code BC}. Only the matching scheme is then checked, instead of trying each in turn.
     */
    private static Optional<String> verifyRsa(RSAPublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        BigInteger s = new BigInteger(1, signature);
        if (s.compareTo(key.getModulus()) >= 0) {
            return Optional.empty();
        }
        byte[] em = s.modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
        boolean pkcs1 = em.length > 2 && em[0] == 1 && (em[1] & 0xff) == 0xff;
        boolean pss = em.length > 0 && (em[em.length - 1] & 0xff) == 0xbc;
        if (pkcs1) {
            for (String hash : RSA_HASHES) {
                String compact = hash.replace("-", "");
                Optional<String> ok = check(compact + "withRSA", key, data, signature, "RSA-PKCS1v15-" + compact, null, null);
                if (ok.isPresent()) {
                    return ok;
                }
            }
        } else if (pss) {
            for (String hash : RSA_HASHES) {
                String compact = hash.replace("-", "");
                int saltLength = Integer.parseInt(compact.substring(3)) / 8;
                PSSParameterSpec spec = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1);
                Optional<String> ok = check("RSASSA-PSS", key, data, signature, "RSA-PSS-" + compact, spec, null);
                if (ok.isPresent()) {
                    return ok;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(String algorithm, PublicKey key, byte[] data, byte[] signature, String scheme)
            throws GeneralSecurityException {
        return check(algorithm, key, data, signature, scheme == null ? algorithm : scheme, null, null);
    }

    private static Optional<String> check(String algorithm, PublicKey key, byte[] data, byte[] signature, String scheme,
                                          PSSParameterSpec pss, Provider provider) throws GeneralSecurityException {
        Signature verifier = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        if (pss != null) {
            verifier.setParameter(pss);
        }
        verifier.initVerify(key);
        verifier.update(data);
        try {
            return verifier.verify(signature) ? Optional.of(scheme) : Optional.empty();
        } catch (java.security.SignatureException malformed) {
            return Optional.empty();
        }
    }

    /** A DER ECDSA signature is a SEQUENCE whose length byte(s) cover the rest exactly. */
    static boolean isDer(byte[] sig) {
        if (sig.length < 8 || sig[0] != 0x30) {
            return false;
        }
        int length = sig[1] & 0xff;
        if (length < 0x80) {
            return length == sig.length - 2;
        }
        return length == 0x81 && sig.length > 3 && (sig[2] & 0xff) == sig.length - 3;
    }

    private static byte[] p1363ToDer(byte[] sig, int fieldBytes) {
        if (sig.length != 2 * fieldBytes) {
            return null;
        }
        byte[] r = integer(sig, 0, fieldBytes);
        byte[] s = integer(sig, fieldBytes, fieldBytes);
        int body = r.length + s.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        if (body >= 0x80) {
            out.write(0x81);
        }
        out.write(body);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] integer(byte[] src, int offset, int length) {
        int start = offset;
        while (start < offset + length - 1 && src[start] == 0) {
            start++;
        }
        boolean pad = (src[start] & 0x80) != 0;
        int n = offset + length - start + (pad ? 1 : 0);
        byte[] out = new byte[n + 2];
        out[0] = 0x02;
        out[1] = (byte) n;
        System.arraycopy(src, start, out, 2 + (pad ? 1 : 0), offset + length - start);
        return out;
    }
}
