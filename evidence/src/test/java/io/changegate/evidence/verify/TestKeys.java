package io.changegate.evidence.verify;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** Key pairs and signers generated for a test, so signatures can be made, verified and tampered with. */
enum TestKeys {
    ECDSA_P256("SHA256withECDSA"),
    ECDSA_P384("SHA384withECDSA"),
    RSA_PKCS1("SHA256withRSA"),
    RSA_PSS("RSASSA-PSS"),
    ED25519("Ed25519");

    private final String algorithm;
    private KeyPair pair;

    TestKeys(String algorithm) {
        this.algorithm = algorithm;
    }

    synchronized KeyPair pair() {
        if (pair == null) {
            pair = generate();
        }
        return pair;
    }

    /** A fresh key pair of the same kind, for "signed by another key" cases. */
    KeyPair generate() {
        try {
            return switch (this) {
                case ECDSA_P256, ECDSA_P384 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(this == ECDSA_P256 ? "secp256r1" : "secp384r1"));
                    yield g.generateKeyPair();
                }
                case RSA_PKCS1, RSA_PSS -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(byte[] data) {
        return sign(pair().getPrivate(), data);
    }

    byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            if (this == RSA_PSS) {
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pair().getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
