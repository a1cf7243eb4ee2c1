package io.changegate.evidence.log;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Times inclusion and consistency proof generation (and verification) on a log of one million leaves,
 * with nodes in memory and in an H2 file database laid out like the store's {@code log_node} table.
 * Run: {@code java -cp <test classpath> io.changegate.evidence.log.ProofBenchmark [leaves] [proofs] [h2]}.
 */
public final class ProofBenchmark {
    private ProofBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int leaves = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int proofs = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Map<NodeId, byte[]> memory = new HashMap<>();
        TreeFrontier frontier = TreeFrontier.empty();
        long start = System.nanoTime();
        for (int i = 0; i < leaves; i++) {
            for (TreeFrontier.StoredNode node : frontier.append(TreeHashes.leafHash(leafData(i)))) {
                memory.put(node.id(), node.hash());
            }
        }
        System.out.printf("built %,d leaves (%,d nodes) in memory in %.1f s%n", leaves, memory.size(),
                (System.nanoTime() - start) / 1e9);
        byte[] root = frontier.rootHash();
        measure("memory", ids -> {
            Map<NodeId, byte[]> found = new HashMap<>();
            ids.forEach(id -> found.put(id, memory.get(id)));
            return found;
        }, leaves, proofs, root);

        if (args.length < 3 || !args[2].equals("h2")) {
            return;
        }
        // The nodes are read with the store's query (JdbcNodes): a row-value IN list, which H2 answers
        // by primary key. The earlier per-level OR form made H2 scan all 2M rows for every proof.
        Path dir = Files.createTempDirectory("proof-benchmark");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("log")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE log_node (tree_level INTEGER NOT NULL, node_index BIGINT NOT NULL,"
                        + " hash BYTEA NOT NULL, PRIMARY KEY (tree_level, node_index))");
            }
            start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO log_node (tree_level, node_index, hash) VALUES (?, ?, ?)")) {
                int batch = 0;
                for (Map.Entry<NodeId, byte[]> node : sortedById(memory).entrySet()) {
                    insert.setInt(1, node.getKey().level());
                    insert.setLong(2, node.getKey().index());
                    insert.setBytes(3, node.getValue());
                    insert.addBatch();
                    if (++batch % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            System.out.printf("loaded the nodes into H2 in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        // Measure on a fresh connection, as the store does, not the loader's.
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("log")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            measure("H2", ids -> read(connection, ids), leaves, proofs, root);
            connection.createStatement().execute("SHUTDOWN");
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static Map<NodeId, byte[]> sortedById(Map<NodeId, byte[]> nodes) {
        Map<NodeId, byte[]> sorted = new TreeMap<>((a, b) -> a.level() != b.level()
                ? Integer.compare(a.level(), b.level()) : Long.compare(a.index(), b.index()));
        sorted.putAll(nodes);
        return sorted;
    }

    private static void measure(String where, NodeReader reader, int leaves, int proofs, byte[] root) {
        MerkleTree tree = new MerkleTree(reader);
        Random random = new Random(42);
        for (int warmup = 0; warmup < 200; warmup++) {
            tree.inclusionProof(random.nextInt(leaves), leaves);
        }
        List<Long> inclusion = new ArrayList<>();
        int pathLength = 0;
        for (int i = 0; i < proofs; i++) {
            int leaf = random.nextInt(leaves);
            long t = System.nanoTime();
            InclusionProof proof = tree.inclusionProof(leaf, leaves);
            inclusion.add(System.nanoTime() - t);
            pathLength = proof.path().size();
            if (!proof.verifies(TreeHashes.leafHash(leafData(leaf)), root)) {
                throw new AssertionError("inclusion proof for leaf " + leaf + " does not verify");
            }
        }
        List<Long> consistency = new ArrayList<>();
        for (int i = 0; i < proofs; i++) {
            long m = 1 + random.nextInt(leaves - 1);
            long t = System.nanoTime();
            ConsistencyProof proof = tree.consistencyProof(m, leaves);
            consistency.add(System.nanoTime() - t);
            if (proof.path().isEmpty()) {
                throw new AssertionError("empty consistency proof from " + m);
            }
        }
        long rootStart = System.nanoTime();
        tree.rootHash(leaves);
        long rootTime = System.nanoTime() - rootStart;
        System.out.printf("%s, %,d leaves: inclusion proof (%d hashes) median %.1f µs, p99 %.1f µs; "
                        + "consistency proof median %.1f µs, p99 %.1f µs; root %.1f µs%n",
                where, leaves, pathLength, percentile(inclusion, 50), percentile(inclusion, 99),
                percentile(consistency, 50), percentile(consistency, 99), rootTime / 1e3);
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e3;
    }

    private static byte[] leafData(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    private static Map<NodeId, byte[]> read(Connection connection, Collection<NodeId> nodes) {
        List<NodeId> ids = List.copyOf(nodes);
        StringBuilder sql = new StringBuilder(
                "SELECT tree_level, node_index, hash FROM log_node WHERE (tree_level, node_index) IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(')');
        Map<NodeId, byte[]> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < ids.size(); i++) {
                query.setInt(2 * i + 1, ids.get(i).level());
                query.setLong(2 * i + 2, ids.get(i).index());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(new NodeId(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
