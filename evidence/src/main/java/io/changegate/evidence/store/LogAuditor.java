package io.changegate.evidence.store;

import io.changegate.evidence.log.NoteException;
import io.changegate.evidence.log.NoteVerifier;
import io.changegate.evidence.log.SignedCheckpoint;
import io.changegate.evidence.log.TreeFrontier;
import io.changegate.evidence.log.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a store against its own log in one streaming pass per table: documents against their
 * addresses, items against their leaves, leaves against every signed checkpoint, and interior
 * nodes against their children. Memory stays O(log n) plus the set of damaged documents.
 */
final class LogAuditor {
    private static final int FETCH_SIZE = 500;
    private static final int MAX_PROBLEMS = 1000;

    private final Connection connection;
    private final NoteVerifier verifier;
    private final List<String> problems = new ArrayList<>();
    private long suppressed;

    LogAuditor(Connection connection, NoteVerifier verifier) {
        this.connection = connection;
        this.verifier = verifier;
    }

    LogReport audit() throws SQLException {
        long size = EvidenceStore.currentSize(connection);
        Set<String> damagedDocuments = damagedDocuments();
        long checked = 0;
        SignedCheckpoint latest = null;
        TreeFrontier frontier = TreeFrontier.empty();
        try (PreparedStatement items = streaming(EvidenceStore.itemQuery() + " ORDER BY i.leaf_index");
             PreparedStatement leaves = streaming(
                     "SELECT node_index, hash FROM log_node WHERE tree_level = 0 ORDER BY node_index");
             PreparedStatement checkpoints = streaming("SELECT tree_size, note FROM log_checkpoint ORDER BY tree_size");
             ResultSet itemRows = items.executeQuery();
             ResultSet leafRows = leaves.executeQuery();
             ResultSet checkpointRows = checkpoints.executeQuery()) {
            Cursor itemCursor = new Cursor(itemRows, 2);
            Cursor leafCursor = new Cursor(leafRows, 1);
            Cursor checkpointCursor = new Cursor(checkpointRows, 1);
            for (long leaf = 0; leaf < size; leaf++) {
                EvidenceItem item = null;
                while (itemCursor.position() != null && itemCursor.position() <= leaf) {
                    if (itemCursor.position() == leaf) {
                        item = checkItem(itemRows, damagedDocuments);
                        checked++;
                    }
                    itemCursor.advance();
                }
                byte[] stored = null;
                while (leafCursor.position() != null && leafCursor.position() <= leaf) {
                    if (leafCursor.position() == leaf) {
                        stored = leafRows.getBytes(2);
                    }
                    leafCursor.advance();
                }
                byte[] recomputed = item == null ? null : EvidenceLeaf.hash(item);
                if (item == null) {
                    problem("log leaf " + leaf + " has no evidence item: a stored row was deleted");
                }
                if (stored == null) {
                    problem("log leaf " + leaf + " is missing from the log");
                } else if (recomputed != null && !MessageDigest.isEqual(stored, recomputed)) {
                    problem("evidence item " + item.id() + " (leaf " + leaf
                            + ") does not match its log leaf: the stored row was altered");
                }
                byte[] leafHash = stored != null ? stored : recomputed != null ? recomputed : new byte[32];
                frontier.append(leafHash);
                while (checkpointCursor.position() != null && checkpointCursor.position() <= frontier.size()) {
                    SignedCheckpoint checkpoint = checkCheckpoint(checkpointRows, frontier);
                    latest = checkpoint != null ? checkpoint : latest;
                    checkpointCursor.advance();
                }
            }
            while (itemCursor.position() != null) {
                problem("evidence item " + itemRows.getString(1) + " claims leaf " + itemCursor.position()
                        + ", beyond the log's " + size + " leaves");
                itemCursor.advance();
            }
            while (checkpointCursor.position() != null) {
                problem("checkpoint at size " + checkpointCursor.position() + " is beyond the log's " + size
                        + " leaves");
                checkpointCursor.advance();
            }
        }
        if (size > 0 && (latest == null || latest.checkpoint().size() != size)) {
            problem("no valid signed checkpoint covers the log's " + size + " leaves");
        }
        checkInteriorNodes(size);
        if (suppressed > 0) {
            problems.add("… and " + suppressed + " more problems");
        }
        return new LogReport(size, checked, latest, problems);
    }

    private EvidenceItem checkItem(ResultSet row, Set<String> damagedDocuments) throws SQLException {
        EvidenceItem item;
        String id = row.getString(1);
        String predicateText = row.getString(6);
        try {
            item = EvidenceStore.item(row);
        } catch (RuntimeException e) {
            problem("evidence item " + id + " cannot be read: " + e.getMessage());
            return null;
        }
        String predicateDigest = EvidenceStore.sha256Hex(predicateText.getBytes(StandardCharsets.UTF_8));
        if (!predicateDigest.equals(item.predicateSha256())) {
            problem("evidence item " + id + " (leaf " + item.leafIndex()
                    + "): its predicate does not match its recorded digest: the stored row was altered");
        }
        if (damagedDocuments.contains(item.documentSha256())) {
            problem("evidence item " + id + " (leaf " + item.leafIndex() + "): its original document (sha256:"
                    + item.documentSha256() + ") was altered");
        }
        return item;
    }

    private SignedCheckpoint checkCheckpoint(ResultSet row, TreeFrontier frontier) throws SQLException {
        long size = row.getLong(1);
        SignedCheckpoint checkpoint;
        try {
            checkpoint = SignedCheckpoint.open(row.getString(2), verifier);
        } catch (NoteException e) {
            problem("checkpoint at size " + size + ": " + e.getMessage());
            return null;
        }
        if (checkpoint.checkpoint().size() != size) {
            problem("checkpoint stored for size " + size + " is signed for size " + checkpoint.checkpoint().size());
            return null;
        }
        if (size != frontier.size()) {
            problem("checkpoint at size " + size + " is out of order");
            return null;
        }
        if (!MessageDigest.isEqual(checkpoint.checkpoint().rootHash(), frontier.rootHash())) {
            problem("the log's leaves no longer hash to the root signed at size " + size + " ("
                    + Base64.getEncoder().encodeToString(checkpoint.checkpoint().rootHash()) + ")");
            return null;
        }
        return checkpoint;
    }

    private Set<String> damagedDocuments() throws SQLException {
        Set<String> damaged = new HashSet<>();
        try (PreparedStatement query = streaming("SELECT sha256, content FROM evidence_document");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String address = rows.getString(1).trim();
                if (!EvidenceStore.sha256Hex(rows.getBytes(2)).equals(address)) {
                    damaged.add(address);
                }
            }
        }
        return damaged;
    }

    /** Each stored node at level L must be the hash of its two children at level L - 1. */
    private void checkInteriorNodes(long size) throws SQLException {
        for (int level = 1; (size >>> level) > 0; level++) {
            long expected = size >>> level;
            try (PreparedStatement children = streaming(
                    "SELECT node_index, hash FROM log_node WHERE tree_level = ? ORDER BY node_index");
                 PreparedStatement parents = streaming(
                         "SELECT node_index, hash FROM log_node WHERE tree_level = ? ORDER BY node_index")) {
                children.setInt(1, level - 1);
                parents.setInt(1, level);
                try (ResultSet childRows = children.executeQuery(); ResultSet parentRows = parents.executeQuery()) {
                    long index = 0;
                    boolean haveChild = childRows.next();
                    while (parentRows.next()) {
                        long parent = parentRows.getLong(1);
                        if (parent != index) {
                            problem("log node " + level + "/" + index + " is missing or out of place");
                            break;
                        }
                        byte[] left = null;
                        byte[] right = null;
                        while (haveChild && childRows.getLong(1) <= 2 * parent + 1) {
                            if (childRows.getLong(1) == 2 * parent) {
                                left = childRows.getBytes(2);
                            } else if (childRows.getLong(1) == 2 * parent + 1) {
                                right = childRows.getBytes(2);
                            }
                            haveChild = childRows.next();
                        }
                        if (left == null || right == null
                                || !MessageDigest.isEqual(TreeHashes.nodeHash(left, right), parentRows.getBytes(2))) {
                            problem("log node " + level + "/" + parent + " does not hash its children: the log was altered");
                        }
                        index++;
                    }
                    if (index < expected) {
                        problem("the log has " + index + " nodes at level " + level + ", expected " + expected);
                    }
                }
            }
        }
    }

    private PreparedStatement streaming(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    private void problem(String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(message);
        } else {
            suppressed++;
        }
    }

    /** A forward-only result set positioned on a row whose ordering column gives its position. */
    private static final class Cursor {
        private final ResultSet rows;
        private final int column;
        private Long position;

        Cursor(ResultSet rows, int column) throws SQLException {
            this.rows = rows;
            this.column = column;
            advance();
        }

        Long position() {
            return position;
        }

        void advance() throws SQLException {
            position = rows.next() ? rows.getLong(column) : null;
        }
    }
}
