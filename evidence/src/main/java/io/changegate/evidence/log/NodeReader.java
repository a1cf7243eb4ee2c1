package io.changegate.evidence.log;

import java.util.Collection;
import java.util.Map;

/** Reads the stored hashes of perfect subtrees, many at a time so a database answers in one query. */
@FunctionalInterface
public interface NodeReader {
    /**
     * Returns the hash of every requested node.
     *
     * @throws IllegalStateException when a requested node is not stored, which means the tree is damaged
     */
    Map<NodeId, byte[]> read(Collection<NodeId> nodes);
}
