package io.changegate.gate.record;

import io.changegate.evidence.verify.PublicKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The server's decision-signing key (ECDSA P-256), kept as PEM files: the private key readable
 * by its owner only, and the public key beside it for auditors.
 */
public final class DecisionSigner {
    public static final String PRIVATE_FILE = "decision-signer.pem";
    public static final String PUBLIC_FILE = "decision-signer.pub.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public DecisionSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyIdOf(publicKey);
    }

    /** A fresh key held in memory only. */
    public static DecisionSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new DecisionSigner(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is required by every Java platform", e);
        }
    }

    /** Reads the key in {@code directory}, generating and saving one first when there is none. */
    public static DecisionSigner loadOrCreate(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        try {
            if (!Files.exists(privateFile)) {
                DecisionSigner signer = generate();
                Files.createDirectories(directory);
                Files.writeString(privateFile, pem("PRIVATE KEY", signer.privateKey.getEncoded()), StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Non-POSIX file systems: the directory's permissions protect the key.
                }
                Files.writeString(directory.resolve(PUBLIC_FILE), signer.publicPem(), StandardCharsets.US_ASCII);
                return signer;
            }
            String text = Files.readString(privateFile, StandardCharsets.US_ASCII);
            String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            PublicKey pub = PublicKeys.fromPem(directory.resolve(PUBLIC_FILE).toString(),
                    Files.readString(directory.resolve(PUBLIC_FILE), StandardCharsets.US_ASCII));
            return new DecisionSigner(key, pub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the decision signing key in " + directory, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(privateFile + ": not a PKCS#8 EC private key: " + e.getMessage(), e);
        }
    }

    /** Signs {@code bytes} (ASN.1 DER ECDSA, as cosign and DSSE tools write). */
    public byte[] sign(byte[] bytes) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(bytes);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Hex SHA-256 of the public key's SubjectPublicKeyInfo: the DSSE keyid. */
    public String keyId() {
        return keyId;
    }

    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public static String keyIdOf(PublicKey key) {
        return HexFormat.of().formatHex(PublicKeys.sha256Fingerprint(key));
    }

    /** Whether {@code signature} over {@code bytes} verifies with {@code key}. */
    public static boolean verify(PublicKey key, byte[] bytes, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(bytes);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
