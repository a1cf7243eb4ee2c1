package io.changegate.evidence.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree: the hashes of the perfect subtrees covering all leaves so far.
 *
 * <p>It is all an appender needs to add a leaf, learn which subtrees that completes, and compute
 * the new root, in O(log n) memory; the verifier streams the whole log through it the same way.
 */
public final class TreeFrontier {
    private final List<NodeId> ids;
    private final List<byte[]> hashes;
    private long size;

    private TreeFrontier(long size, List<NodeId> ids, List<byte[]> hashes) {
        this.size = size;
        this.ids = ids;
        this.hashes = hashes;
    }

    /** The frontier of the empty tree. */
    public static TreeFrontier empty() {
        return new TreeFrontier(0, new ArrayList<>(), new ArrayList<>());
    }

    /** The frontier of the first {@code size} leaves, read from stored nodes. */
    public static TreeFrontier load(long size, NodeReader reader) {
        if (size == 0) {
            return empty();
        }
        List<NodeId> ids = MerkleTree.frontier(size);
        var stored = reader.read(ids);
        List<byte[]> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            byte[] hash = stored.get(id);
            if (hash == null) {
                throw new IllegalStateException("the log is missing tree node " + id.level() + "/" + id.index());
            }
            hashes.add(hash);
        }
        return new TreeFrontier(size, new ArrayList<>(ids), hashes);
    }

    /** The number of leaves appended so far. */
    public long size() {
        return size;
    }

    /**
     * Appends a leaf and returns every node it completes, starting with the leaf itself (level 0).
     */
    public List<StoredNode> append(byte[] leafHash) {
        List<StoredNode> completed = new ArrayList<>();
        NodeId id = new NodeId(0, size);
        byte[] hash = leafHash;
        completed.add(new StoredNode(id, hash));
        while (!ids.isEmpty() && ids.get(ids.size() - 1).level() == id.level()) {
            int last = ids.size() - 1;
            hash = TreeHashes.nodeHash(hashes.get(last), hash);
            id = new NodeId(id.level() + 1, id.index() >>> 1);
            ids.remove(last);
            hashes.remove(last);
            completed.add(new StoredNode(id, hash));
        }
        ids.add(id);
        hashes.add(hash);
        size++;
        return completed;
    }

    /** The root hash of the tree of all leaves appended so far. */
    public byte[] rootHash() {
        if (hashes.isEmpty()) {
            return TreeHashes.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = TreeHashes.nodeHash(hashes.get(i), root);
        }
        return root;
    }

    /** A node's position and hash, as the log stores it. */
    public record StoredNode(NodeId id, byte[] hash) {
    }
}
