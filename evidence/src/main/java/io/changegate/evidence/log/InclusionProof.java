package io.changegate.evidence.log;

import java.security.MessageDigest;
import java.util.List;

/** An RFC 9162 audit path: the sibling hashes from leaf {@code leafIndex} up to the root of a tree of {@code treeSize}. */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {
    public InclusionProof {
        path = List.copyOf(path);
    }

    /** Whether this path leads from {@code leafHash} to {@code rootHash} (RFC 9162 section 2.1.3.2). */
    public boolean verifies(byte[] leafHash, byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHashes.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = TreeHashes.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }
}
