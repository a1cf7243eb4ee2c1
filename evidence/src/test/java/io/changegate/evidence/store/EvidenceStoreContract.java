package io.changegate.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.log.NoteSigner;
import io.changegate.evidence.log.SignedCheckpoint;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every database behind the store must show; one subclass per database. */
abstract class EvidenceStoreContract {
    static final NoteSigner SIGNER = NoteSigner.generate("test.changegate/log");
    EvidenceStore store;

    /** A JDBC URL of a fresh, empty database, with its credentials. */
    abstract DatabaseUnderTest freshDatabase() throws Exception;

    record DatabaseUnderTest(String url, String user, String password) {
    }

    private DatabaseUnderTest database;

    @BeforeEach
    void openStore() throws Exception {
        database = freshDatabase();
        store = open(database);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static EvidenceStore open(DatabaseUnderTest database) {
        return EvidenceStore.builder().jdbcUrl(database.url()).credentials(database.user(), database.password())
                .signer(SIGNER).open();
    }

    static SubjectDigest subject(int n) {
        return SubjectDigest.parse("sha256:" + HexFormat.of().formatHex(
                io.changegate.evidence.log.TreeHashes.sha256().digest(("artifact " + n).getBytes())));
    }

    static NewEvidence evidence(int artifact, String document) {
        JsonNode predicate = CanonicalJson.read("{\"tests\": {\"total\": 3, \"failures\": 0}, \"ratio\": 0.8125}");
        return new NewEvidence(subject(artifact), "registry.example/app:" + artifact, "tests", predicate,
                document.getBytes(StandardCharsets.UTF_8), "team-payments", VerificationStatus.unsigned());
    }

    @Test
    void anIngestedItemCanBeFoundByIdAndBySubject() {
        IngestResult result = store.ingest(evidence(1, "<testsuite tests=\"3\"/>"));
        assertThat(result.created()).isTrue();
        EvidenceItem item = result.item();
        assertThat(item.leafIndex()).isZero();
        assertThat(store.find(item.id())).contains(item);
        assertThat(store.list(subject(1), -1, 10)).containsExactly(item);
        assertThat(store.list(subject(2), -1, 10)).isEmpty();
        assertThat(item.predicate().path("ratio").decimalValue()).isEqualByComparingTo("0.8125");
        assertThat(item.name()).isEqualTo("registry.example/app:1");
    }

    @Test
    void theSameDocumentForTheSameSubjectIsStoredOnce() throws SQLException {
        EvidenceItem first = store.ingest(evidence(1, "report")).item();
        IngestResult again = store.ingest(evidence(1, "report"));
        assertThat(again.created()).isFalse();
        assertThat(again.item()).isEqualTo(first);
        assertThat(store.treeSize()).isEqualTo(1);

        IngestResult otherSubject = store.ingest(evidence(2, "report"));
        assertThat(otherSubject.created()).isTrue();
        assertThat(store.treeSize()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM evidence_document")).isEqualTo(1);
    }

    @Test
    void theOriginalDocumentIsKeptByteExact() {
        byte[] original = "\uFEFF{ \"a\" : 1 }\r\n\t \u00e9\u0000end".getBytes(StandardCharsets.UTF_8);
        NewEvidence template = evidence(1, "x");
        EvidenceItem item = store.ingest(new NewEvidence(template.subject(), null, "raw", template.predicate(),
                original, "team", VerificationStatus.unsigned())).item();
        assertThat(store.document(item.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(original));
        assertThat(item.documentSha256()).isEqualTo(HexFormat.of().formatHex(
                io.changegate.evidence.log.TreeHashes.sha256().digest(original)));
        assertThat(item.documentSize()).isEqualTo(original.length);
    }

    @Test
    void everyItemIsProvablyInTheSignedTree() {
        List<EvidenceItem> items = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            items.add(store.ingest(evidence(i, "doc " + i)).item());
        }
        SignedCheckpoint checkpoint = store.checkpoint();
        assertThat(checkpoint.checkpoint().size()).isEqualTo(13);
        assertThat(checkpoint.checkpoint().origin()).isEqualTo("test.changegate/log");
        for (EvidenceItem item : items) {
            InclusionProof proof = store.inclusionProof(item.leafIndex(), 13);
            assertThat(proof.verifies(EvidenceLeaf.hash(item), checkpoint.checkpoint().rootHash()))
                    .as("item %s", item.id()).isTrue();
        }
    }

    @Test
    void everyEarlierTreeIsAPrefixOfTheLatest() throws SQLException {
        for (int i = 0; i < 9; i++) {
            store.ingest(evidence(i, "doc " + i));
        }
        byte[] latestRoot = store.checkpoint().checkpoint().rootHash();
        for (long m = 1; m <= 9; m++) {
            ConsistencyProof proof = store.consistencyProof(m, 9);
            assertThat(proof.verifies(signedRootAt(m), latestRoot)).as("from %d", m).isTrue();
        }
    }

    @Test
    void proofsBeyondTheLogAreRefusedClearly() {
        store.ingest(evidence(1, "doc"));
        assertThatThrownBy(() -> store.inclusionProof(0, 2))
                .hasMessage("tree size 2 is larger than the log, which has 1 leaves");
        assertThatThrownBy(() -> store.consistencyProof(1, 5)).hasMessageContaining("larger than the log");
    }

    @Test
    void anEmptyStoreHasASignedEmptyCheckpointAndAuditsClean() {
        assertThat(store.checkpoint().checkpoint().size()).isZero();
        assertThat(store.audit().ok()).isTrue();
    }

    @Test
    void anUntouchedStoreAuditsClean() {
        for (int i = 0; i < 21; i++) {
            store.ingest(evidence(i, "doc " + i));
        }
        LogReport report = store.audit();
        assertThat(report.problems()).isEmpty();
        assertThat(report.checked()).isEqualTo(21);
        assertThat(report.latest().checkpoint().size()).isEqualTo(21);
    }

    @Test
    void alteringAStoredRowIsDetectedAndTheItemNamed() throws SQLException {
        List<EvidenceItem> items = ingestSome(6);
        EvidenceItem victim = items.get(3);
        execute("UPDATE evidence_item SET submitter = 'mallory' WHERE id = '" + victim.id() + "'");
        LogReport report = store.audit();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).containsExactly("evidence item " + victim.id()
                + " (leaf 3) does not match its log leaf: the stored row was altered");
    }

    @Test
    void alteringAPredicateOrADocumentIsDetected() throws SQLException {
        List<EvidenceItem> items = ingestSome(4);
        execute("UPDATE evidence_item SET predicate = '{\"tests\":{\"failures\":0,\"total\":99}}' WHERE id = '"
                + items.get(1).id() + "'");
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE evidence_document SET content = ? WHERE sha256 = ?")) {
            update.setBytes(1, "forged".getBytes());
            update.setString(2, items.get(2).documentSha256());
            update.executeUpdate();
        }
        assertThat(store.audit().problems()).containsExactly(
                "evidence item " + items.get(1).id()
                        + " (leaf 1): its predicate does not match its recorded digest: the stored row was altered",
                "evidence item " + items.get(2).id() + " (leaf 2): its original document (sha256:"
                        + items.get(2).documentSha256() + ") was altered");
    }

    @Test
    void deletingAnItemOrRewritingTheLogIsDetected() throws SQLException {
        List<EvidenceItem> items = ingestSome(5);
        execute("DELETE FROM evidence_item WHERE id = '" + items.get(4).id() + "'");
        assertThat(store.audit().problems()).containsExactly("log leaf 4 has no evidence item: a stored row was deleted");

        // Rewriting a leaf (to hide an altered row) breaks the signed roots and the interior nodes.
        execute("UPDATE evidence_item SET submitter = 'mallory' WHERE id = '" + items.get(0).id() + "'");
        EvidenceItem forged = store.find(items.get(0).id()).orElseThrow();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE log_node SET hash = ? WHERE tree_level = 0 AND node_index = 0")) {
            update.setBytes(1, EvidenceLeaf.hash(forged));
            update.executeUpdate();
        }
        List<String> problems = store.audit().problems();
        assertThat(problems).contains("the log's leaves no longer hash to the root signed at size 1 ("
                        + java.util.Base64.getEncoder().encodeToString(signedRootAt(1)) + ")",
                "log node 1/0 does not hash its children: the log was altered");
    }

    @Test
    void concurrentIngestionKeepsOneConsistentTree() throws Exception {
        int threads = 4;
        int each = 15;
        Set<Long> leaves = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        leaves.add(store.ingest(evidence(thread * 1000 + i, "doc")).item().leafIndex());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(leaves).hasSize(threads * each);
        assertThat(store.treeSize()).isEqualTo(threads * each);
        assertThat(store.audit().problems()).isEmpty();
    }

    @Test
    void aReopenedStoreKeepsItsItemsAndLog() {
        EvidenceItem item = store.ingest(evidence(7, "kept")).item();
        store.close();
        store = open(database);
        assertThat(store.find(item.id())).contains(item);
        assertThat(store.ingest(evidence(8, "next")).item().leafIndex()).isEqualTo(1);
        assertThat(store.audit().ok()).isTrue();
    }

    private List<EvidenceItem> ingestSome(int count) {
        List<EvidenceItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(store.ingest(evidence(i, "doc " + i)).item());
        }
        return items;
    }

    private byte[] signedRootAt(long size) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT note FROM log_checkpoint WHERE tree_size = ?")) {
            query.setLong(1, size);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return SignedCheckpoint.open(rows.getString(1), store.verifier()).checkpoint().rootHash();
            } catch (io.changegate.evidence.log.NoteException e) {
                throw new AssertionError(e);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection()) {
            connection.createStatement().executeUpdate(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
