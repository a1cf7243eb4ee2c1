package io.changegate.evidence.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs notes with an Ed25519 key in the C2SP signed-note format.
 *
 * <p>The key is written and read in the text form Go's {@code sumdb/note} uses:
 * {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>}.
 */
public final class NoteSigner {
    private static final String PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final Ed25519PrivateKeyParameters privateKey;
    private final NoteVerifier verifier;

    private NoteSigner(String name, Ed25519PrivateKeyParameters privateKey) {
        this.name = name;
        this.privateKey = privateKey;
        this.verifier = new NoteVerifier(name, privateKey.generatePublicKey().getEncoded());
    }

    /** A new random key for the given key name (conventionally the log's origin). */
    public static NoteSigner generate(String name) {
        requireValidName(name);
        return new NoteSigner(name, new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** Reads a signer key in its text form. */
    public static NoteSigner parse(String encoded) throws NoteException {
        String text = encoded.strip();
        if (!text.startsWith(PREFIX)) {
            throw new NoteException("not a signer key: it must start with " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteException("not a signer key: expected PRIVATE+KEY+<name>+<id>+<key>");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteException("signer key: the key is not base64");
        }
        if (key.length != 33 || key[0] != NoteKeys.ED25519) {
            throw new NoteException("signer key: only Ed25519 keys (algorithm 1, 32 bytes) are supported");
        }
        if (!NoteKeys.isValidName(parts[0])) {
            throw new NoteException("signer key: invalid key name '" + parts[0] + "'");
        }
        NoteSigner signer = new NoteSigner(parts[0],
                new Ed25519PrivateKeyParameters(key, 1));
        if (!NoteKeys.hexId(signer.verifier.keyId()).equals(parts[1])) {
            throw new NoteException("signer key: key id " + parts[1] + " does not match the key");
        }
        return signer;
    }

    /** The key in its text form; it is a secret. */
    public String encoded() {
        byte[] key = new byte[33];
        key[0] = NoteKeys.ED25519;
        System.arraycopy(privateKey.getEncoded(), 0, key, 1, 32);
        return PREFIX + name + "+" + NoteKeys.hexId(verifier.keyId()) + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** The key name that signature lines carry. */
    public String name() {
        return name;
    }

    /** The verifier for this signer's public key. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** Signs {@code text}, which must end with a newline, and returns the signed note. */
    public String sign(String text) {
        if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("note text must be non-empty lines, each ending with a newline");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(verifier.keyId()).put(signature).array();
        return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    private static void requireValidName(String name) {
        if (!NoteKeys.isValidName(name)) {
            throw new IllegalArgumentException("invalid note key name '" + name
                    + "': it must be non-empty, without spaces or '+'");
        }
    }
}
