package io.changegate.evidence.log;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A tree kept in a map, built through {@link TreeFrontier} the way the store builds its own. */
final class InMemoryNodes implements NodeReader {
    private final Map<NodeId, byte[]> nodes = new HashMap<>();
    private final TreeFrontier frontier = TreeFrontier.empty();

    static InMemoryNodes withLeaves(int count) {
        InMemoryNodes tree = new InMemoryNodes();
        for (int i = 0; i < count; i++) {
            tree.append(leafData(i));
        }
        return tree;
    }

    static byte[] leafData(long i) {
        return ("leaf " + i).getBytes(StandardCharsets.UTF_8);
    }

    void append(byte[] data) {
        for (TreeFrontier.StoredNode node : frontier.append(TreeHashes.leafHash(data))) {
            nodes.put(node.id(), node.hash());
        }
    }

    byte[] frontierRoot() {
        return frontier.rootHash();
    }

    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> ids) {
        Map<NodeId, byte[]> result = new HashMap<>();
        for (NodeId id : ids) {
            if (nodes.containsKey(id)) {
                result.put(id, nodes.get(id));
            }
        }
        return result;
    }
}
