package io.changegate.evidence.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies C2SP signed notes against one Ed25519 public key.
 *
 * <p>The key's text form is {@code <name>+<hex key id>+<base64(0x01 || public key)>}.
 */
public final class NoteVerifier {
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    private final String name;
    private final byte[] publicKey;
    private final int keyId;

    NoteVerifier(String name, byte[] publicKey) {
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = NoteKeys.keyId(name, publicKey);
    }

    /** Reads a verifier key in its text form. */
    public static NoteVerifier parse(String encoded) throws NoteException {
        String[] parts = encoded.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteException("not a verifier key: expected <name>+<id>+<key>");
        }
        if (!NoteKeys.isValidName(parts[0])) {
            throw new NoteException("verifier key: invalid key name '" + parts[0] + "'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteException("verifier key: the key is not base64");
        }
        if (key.length != 33 || key[0] != NoteKeys.ED25519) {
            throw new NoteException("verifier key: only Ed25519 keys (algorithm 1, 32 bytes) are supported");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(key, 1, 33));
        if (!NoteKeys.hexId(verifier.keyId).equals(parts[1])) {
            throw new NoteException("verifier key: key id " + parts[1] + " does not match the key");
        }
        return verifier;
    }

    /** The key in its text form, safe to publish. */
    public String encoded() {
        byte[] key = new byte[33];
        key[0] = NoteKeys.ED25519;
        System.arraycopy(publicKey, 0, key, 1, 32);
        return name + "+" + NoteKeys.hexId(keyId) + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** The key name. */
    public String name() {
        return name;
    }

    int keyId() {
        return keyId;
    }

    /**
     * Returns the text of {@code note} once a signature by this key verifies.
     *
     * <p>Signatures by other keys are ignored, as the format requires; a signature by this key that
     * does not verify rejects the note.
     */
    public String open(String note) throws NoteException {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new NoteException("malformed signed note: expected text, a blank line and signature lines");
        }
        String text = note.substring(0, split + 1);
        String[] signatureLines = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (signatureLines.length > MAX_SIGNATURES) {
            throw new NoteException("malformed signed note: more than " + MAX_SIGNATURES + " signatures");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < signatureLines.length; i++) {
            String line = signatureLines[i];
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new NoteException("malformed signed note: signature line " + (i + 1)
                        + " does not start with an em dash and a space");
            }
            String[] fields = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
            if (fields.length != 2) {
                throw new NoteException("malformed signed note: signature line " + (i + 1)
                        + " must be '\u2014 <name> <signature>'");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new NoteException("malformed signed note: signature line " + (i + 1) + " is not base64");
            }
            if (blob.length < 5) {
                throw new NoteException("malformed signed note: signature line " + (i + 1) + " is too short");
            }
            if (!fields[0].equals(name) || ByteBuffer.wrap(blob, 0, 4).getInt() != keyId) {
                continue;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            if (blob.length != 4 + Ed25519PublicKeyParameters.KEY_SIZE * 2
                    || !verifier.verifySignature(Arrays.copyOfRange(blob, 4, blob.length))) {
                throw new NoteException("the signature by " + name + " does not verify: the note was altered"
                        + " or signed by another key");
            }
            return text;
        }
        throw new NoteException("the note has no signature by key " + name + "+" + NoteKeys.hexId(keyId));
    }
}
