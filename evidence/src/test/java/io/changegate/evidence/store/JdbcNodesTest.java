package io.changegate.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.log.MerkleTree;
import io.changegate.evidence.log.NodeId;
import io.changegate.evidence.log.TreeFrontier;
import io.changegate.evidence.log.TreeHashes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading log nodes from the embedded database: right hashes, found by primary key. */
class JdbcNodesTest {
    private static final int LEAVES = 5_000;

    @TempDir
    Path directory;

    private Connection connection;
    private final Map<NodeId, byte[]> written = new HashMap<>();

    @BeforeEach
    void storeATreeOfFiveThousandLeaves() throws Exception {
        EvidenceStore.builder().jdbcUrl(EvidenceStore.h2Url(directory))
                .signer(EvidenceStoreContract.SIGNER).open().close(); // creates the schema
        connection = DriverManager.getConnection(EvidenceStore.h2Url(directory));
        TreeFrontier frontier = TreeFrontier.empty();
        List<TreeFrontier.StoredNode> nodes = new ArrayList<>();
        for (long i = 0; i < LEAVES; i++) {
            nodes.addAll(frontier.append(TreeHashes.leafHash(ByteBuffer.allocate(8).putLong(i).array())));
        }
        new JdbcNodes(connection).insert(nodes);
        nodes.forEach(node -> written.put(node.id(), node.hash()));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void anInclusionProofReadFromTheDatabaseIsTheOneBuiltFromMemory() {
        InclusionProof fromDatabase = new MerkleTree(new JdbcNodes(connection)).inclusionProof(1_234, LEAVES);
        InclusionProof fromMemory = new MerkleTree(this::fromMemory).inclusionProof(1_234, LEAVES);
        assertThat(fromDatabase.path()).hasSameSizeAs(fromMemory.path());
        for (int i = 0; i < fromMemory.path().size(); i++) {
            assertThat(fromDatabase.path().get(i)).isEqualTo(fromMemory.path().get(i));
        }
    }

    @Test
    void nodesOnManyLevelsAreLookedUpByPrimaryKeyNotByScanningTheTable() throws Exception {
        List<NodeId> wanted = List.of(new NodeId(0, 4_321), new NodeId(0, 17), new NodeId(3, 99),
                new NodeId(7, 12), new NodeId(11, 1));
        assertThat(new JdbcNodes(connection).read(wanted)).hasSize(wanted.size())
                .allSatisfy((id, hash) -> assertThat(hash).isEqualTo(written.get(id)));

        try (PreparedStatement explain = connection.prepareStatement(
                "EXPLAIN ANALYZE " + JdbcNodes.selectSql(wanted.size()))) {
            for (int i = 0; i < wanted.size(); i++) {
                explain.setInt(2 * i + 1, wanted.get(i).level());
                explain.setLong(2 * i + 2, wanted.get(i).index());
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
                assertThat(scanned.find()).as("H2 reports the rows it scanned: %s", plan.getString(1)).isTrue();
                // H2 counts one extra step per lookup at most; a table scan would touch ~10,000 rows.
                assertThat(Integer.parseInt(scanned.group(1))).isLessThanOrEqualTo(2 * wanted.size());
            }
        }
    }

    private Map<NodeId, byte[]> fromMemory(java.util.Collection<NodeId> ids) {
        Map<NodeId, byte[]> found = new HashMap<>();
        ids.forEach(id -> found.put(id, written.get(id)));
        return found;
    }
}
