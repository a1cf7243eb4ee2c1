package io.changegate.evidence.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** An RFC 9162 consistency proof: the tree of {@code fromSize} leaves is a prefix of the tree of {@code toSize}. */
public record ConsistencyProof(long fromSize, long toSize, List<byte[]> path) {
    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /** Whether this proof links {@code fromRoot} to {@code toRoot} (RFC 9162 section 2.1.4.2). */
    public boolean verifies(byte[] fromRoot, byte[] toRoot) {
        if (fromSize < 0 || fromSize > toSize) {
            return false;
        }
        if (fromSize == 0) {
            // Every tree extends the empty one; there is nothing to prove.
            return path.isEmpty();
        }
        if (fromSize == toSize) {
            return path.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        List<byte[]> nodes = new ArrayList<>(path);
        if (Long.bitCount(fromSize) == 1) {
            nodes.add(0, fromRoot);
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = nodes.get(0);
        byte[] sr = nodes.get(0);
        for (byte[] c : nodes.subList(1, nodes.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHashes.nodeHash(c, fr);
                sr = TreeHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = TreeHashes.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
    }
}
