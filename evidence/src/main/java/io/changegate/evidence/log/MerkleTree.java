package io.changegate.evidence.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes root hashes and RFC 6962/9162 proofs from stored perfect-subtree hashes.
 *
 * <p>Every hash a proof needs is a subtree of the tree: a perfect one is read directly, a ragged one
 * (only ever at the right edge) is rebuilt from the O(log n) perfect subtrees it decomposes into.
 * So a proof costs O(log² n) node reads at most, in one batched read, whatever the tree size.
 */
public final class MerkleTree {
    private final NodeReader nodes;

    /** A tree whose perfect-subtree hashes are read from {@code nodes}. */
    public MerkleTree(NodeReader nodes) {
        this.nodes = nodes;
    }

    /** The root hash of the tree made of the first {@code size} leaves. */
    public byte[] rootHash(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative: " + size);
        }
        if (size == 0) {
            return TreeHashes.emptyRoot();
        }
        Range whole = new Range(0, size);
        return hashAll(List.of(whole)).get(0);
    }

    /** The audit path proving that leaf {@code leafIndex} is in the tree of {@code treeSize} leaves. */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<Range> path = new ArrayList<>();
        auditPath(leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, hashAll(path));
    }

    /** The proof that the tree of {@code fromSize} leaves is a prefix of the tree of {@code toSize} leaves. */
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        if (fromSize < 0 || fromSize > toSize) {
            throw new IllegalArgumentException(
                    "cannot prove consistency from size " + fromSize + " to size " + toSize);
        }
        List<Range> path = new ArrayList<>();
        if (fromSize > 0 && fromSize < toSize) {
            subproof(fromSize, 0, toSize, true, path);
        }
        return new ConsistencyProof(fromSize, toSize, hashAll(path));
    }

    /** The perfect subtrees that make up the first {@code size} leaves, left to right. */
    public static List<NodeId> frontier(long size) {
        List<NodeId> result = new ArrayList<>();
        long start = 0;
        for (int level = 63 - Long.numberOfLeadingZeros(Math.max(size, 1)); level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                result.add(new NodeId(level, start >>> level));
                start += 1L << level;
            }
        }
        return result;
    }

    // PATH(m, D[start:end]) of RFC 6962 section 2.1.1, with ranges instead of copied lists.
    private static void auditPath(long m, long start, long end, List<Range> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            auditPath(m, start, start + k, out);
            out.add(new Range(start + k, end));
        } else {
            auditPath(m - k, start + k, end, out);
            out.add(new Range(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) of RFC 6962 section 2.1.2.
    private static void subproof(long m, long start, long end, boolean wholeOldTree, List<Range> out) {
        long n = end - start;
        if (m == n) {
            if (!wholeOldTree) {
                out.add(new Range(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, wholeOldTree, out);
            out.add(new Range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(new Range(start, start + k));
        }
    }

    private List<byte[]> hashAll(List<Range> ranges) {
        Set<NodeId> needed = new LinkedHashSet<>();
        for (Range range : ranges) {
            range.collectNodes(needed);
        }
        Map<NodeId, byte[]> hashes = readChecked(needed);
        List<byte[]> result = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            result.add(range.hash(hashes));
        }
        return result;
    }

    private Map<NodeId, byte[]> readChecked(Collection<NodeId> needed) {
        Map<NodeId, byte[]> hashes = nodes.read(needed);
        for (NodeId id : needed) {
            if (hashes.get(id) == null) {
                throw new IllegalStateException("the log is missing tree node " + id.level() + "/" + id.index());
            }
        }
        return hashes;
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Leaves {@code [start, end)}: a subtree of the RFC's recursive split. */
    private record Range(long start, long end) {
        boolean isPerfect() {
            long width = end - start;
            return Long.bitCount(width) == 1 && start % width == 0;
        }

        NodeId node() {
            long width = end - start;
            int level = Long.numberOfTrailingZeros(width);
            return new NodeId(level, start >>> level);
        }

        void collectNodes(Set<NodeId> out) {
            if (isPerfect()) {
                out.add(node());
            } else {
                long k = largestPowerOfTwoBelow(end - start);
                new Range(start, start + k).collectNodes(out);
                new Range(start + k, end).collectNodes(out);
            }
        }

        byte[] hash(Map<NodeId, byte[]> hashes) {
            if (isPerfect()) {
                return hashes.get(node());
            }
            long k = largestPowerOfTwoBelow(end - start);
            return TreeHashes.nodeHash(new Range(start, start + k).hash(hashes), new Range(start + k, end).hash(hashes));
        }
    }
}
