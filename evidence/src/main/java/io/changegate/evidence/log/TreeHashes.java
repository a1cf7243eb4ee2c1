package io.changegate.evidence.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The RFC 6962/9162 hash functions: domain-separated SHA-256 for leaves and interior nodes. */
public final class TreeHashes {
    /** Length in bytes of every hash in the tree. */
    public static final int HASH_LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private TreeHashes() {
    }

    /** The hash of a leaf: SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    /** The hash of an interior node: SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root hash of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** A fresh SHA-256 digest; the JDK guarantees the algorithm exists. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
