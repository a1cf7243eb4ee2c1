package io.changegate.evidence.store;

import io.changegate.evidence.log.NodeId;
import io.changegate.evidence.log.NodeReader;
import io.changegate.evidence.log.TreeFrontier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The log's tree nodes in table {@code log_node}, read and written on one connection. */
final class JdbcNodes implements NodeReader {
    private final Connection connection;

    JdbcNodes(Connection connection) {
        this.connection = connection;
    }

    /**
     * Reads many nodes in one query, by primary key. The row-value {@code IN} list matters: H2 plans
     * an {@code OR} of per-level conditions as a full table scan (seconds per proof at a million
     * leaves), and even a single {@code tree_level = ? AND node_index IN (…)} uses only the level.
     */
    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> nodes) {
        Map<NodeId, byte[]> result = new HashMap<>();
        if (nodes.isEmpty()) {
            return result;
        }
        List<NodeId> ids = List.copyOf(nodes);
        try (PreparedStatement query = connection.prepareStatement(selectSql(ids.size()))) {
            for (int i = 0; i < ids.size(); i++) {
                query.setInt(2 * i + 1, ids.get(i).level());
                query.setLong(2 * i + 2, ids.get(i).index());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.put(new NodeId(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("evidence store: reading log nodes failed: " + e.getMessage(), e);
        }
        return result;
    }

    /** The query for {@code count} nodes, with two parameters per node: its level, then its index. */
    static String selectSql(int count) {
        StringBuilder sql = new StringBuilder(
                "SELECT tree_level, node_index, hash FROM log_node WHERE (tree_level, node_index) IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return sql.append(')').toString();
    }

    void insert(List<TreeFrontier.StoredNode> nodes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO log_node (tree_level, node_index, hash) VALUES (?, ?, ?)")) {
            for (TreeFrontier.StoredNode node : nodes) {
                insert.setInt(1, node.id().level());
                insert.setLong(2, node.id().index());
                insert.setBytes(3, node.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
