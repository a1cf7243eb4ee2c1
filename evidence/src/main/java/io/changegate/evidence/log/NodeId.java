package io.changegate.evidence.log;

/**
 * The position of a perfect subtree: level 0 is a leaf, and node {@code index} at {@code level}
 * covers leaves {@code [index << level, (index + 1) << level)}.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no tree node at level " + level + ", index " + index);
        }
    }

    /** The first leaf this subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** The number of leaves this subtree covers. */
    public long width() {
        return 1L << level;
    }
}
