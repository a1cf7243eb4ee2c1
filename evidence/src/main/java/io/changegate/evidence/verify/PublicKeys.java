package io.changegate.evidence.verify;

import io.changegate.evidence.envelope.EnvelopeFormatException;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.DERNull;

import java.io.IOException;
import java.io.StringReader;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Reads public keys from PEM and DER, and names them by fingerprint. */
public final class PublicKeys {
    private PublicKeys() {
    }

    /**
     * Reads a PEM public key: {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code RSA PUBLIC KEY}
     * (PKCS#1) or a {@code CERTIFICATE}, whose key is taken.
     *
     * @param source names the key file in errors
     */
    public static PublicKey fromPem(String source, String pem) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new EnvelopeFormatException(source, "not a valid PEM public key: " + e.getMessage());
        }
        try {
            if (object instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
            if (object instanceof RSAPublicKey rsa) {
                return new JcaPEMKeyConverter().getPublicKey(new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa));
            }
            if (object instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder).getPublicKey();
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new EnvelopeFormatException(source, "unsupported public key: " + e.getMessage());
        }
        throw new EnvelopeFormatException(source, object == null
                ? "no PEM block found: expected -----BEGIN PUBLIC KEY-----"
                : "expected a PEM public key or certificate, found " + object.getClass().getSimpleName());
    }

    /** Reads a DER SubjectPublicKeyInfo, or a bare PKCS#1 RSA key as some trusted roots store them. */
    public static PublicKey fromDer(String source, byte[] der) {
        try {
            SubjectPublicKeyInfo info;
            try {
                info = SubjectPublicKeyInfo.getInstance(der);
            } catch (RuntimeException notSpki) {
                info = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), RSAPublicKey.getInstance(der));
            }
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException | RuntimeException e) {
            throw new EnvelopeFormatException(source, "not a valid DER public key: " + e.getMessage());
        }
    }

    /** The SHA-256 of the key's DER SubjectPublicKeyInfo, which is also how Rekor names its logs. */
    public static byte[] sha256Fingerprint(PublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** A short human description, e.g. {@code ECDSA P-256 SHA256:ab12…}. */
    public static String describe(PublicKey key) {
        String kind = switch (key) {
            case ECPublicKey ec -> "ECDSA P-" + ec.getParams().getCurve().getField().getFieldSize();
            case RSAKey rsa -> "RSA-" + rsa.getModulus().bitLength();
            default -> key.getAlgorithm();
        };
        return kind + " SHA256:" + HexFormat.of().formatHex(sha256Fingerprint(key)).substring(0, 16);
    }

    /** Re-reads an encoded key with the JDK's own provider, which verifies faster than a PEM-converted one. */
    static PublicKey normalise(PublicKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (Exception e) {
            return key;
        }
    }
}
