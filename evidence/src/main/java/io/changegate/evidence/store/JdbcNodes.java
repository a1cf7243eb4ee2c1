package io.changegate.evidence.store;

import io.changegate.evidence.log.NodeId;
import io.changegate.evidence.log.NodeReader;
import io.changegate.evidence.log.TreeFrontier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The log's tree nodes in table {@code log_node}, read and written on one connection. */
final class JdbcNodes implements NodeReader {
    private final Connection connection;

    JdbcNodes(Connection connection) {
        this.connection = connection;
    }

    /** Reads many nodes in one query: per level, one {@code IN} list. */
    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> nodes) {
        Map<NodeId, byte[]> result = new HashMap<>();
        if (nodes.isEmpty()) {
            return result;
        }
        Map<Integer, List<Long>> byLevel = new TreeMap<>();
        for (NodeId node : nodes) {
            byLevel.computeIfAbsent(node.level(), level -> new ArrayList<>()).add(node.index());
        }
        StringBuilder sql = new StringBuilder("SELECT tree_level, node_index, hash FROM log_node WHERE ");
        List<Long> parameters = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<Integer, List<Long>> level : byLevel.entrySet()) {
            sql.append(first ? "" : " OR ").append("(tree_level = ? AND node_index IN (");
            parameters.add((long) level.getKey());
            for (int i = 0; i < level.getValue().size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                parameters.add(level.getValue().get(i));
            }
            sql.append("))");
            first = false;
        }
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setLong(i + 1, parameters.get(i));
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
