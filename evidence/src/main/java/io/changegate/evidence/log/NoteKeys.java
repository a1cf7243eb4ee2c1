package io.changegate.evidence.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** Key names and key ids of the C2SP signed-note format, shared by signer and verifier. */
final class NoteKeys {
    static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    /** The 32-bit key id: the first four bytes of SHA-256(name || '\n' || 0x01 || public key). */
    static int keyId(String name, byte[] publicKey) {
        MessageDigest digest = TreeHashes.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(ED25519);
        digest.update(publicKey);
        return ByteBuffer.wrap(Arrays.copyOf(digest.digest(), 4)).getInt();
    }

    static boolean isValidName(String name) {
        return !name.isEmpty() && name.codePoints().noneMatch(c -> c == '+' || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || Character.isISOControl(c));
    }

    static String hexId(int keyId) {
        return String.format("%08x", keyId);
    }
}
