package io.changegate.evidence.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.changegate.evidence.log.Checkpoint;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.log.MerkleTree;
import io.changegate.evidence.log.NoteException;
import io.changegate.evidence.log.NoteSigner;
import io.changegate.evidence.log.NoteVerifier;
import io.changegate.evidence.log.SignedCheckpoint;
import io.changegate.evidence.log.TreeFrontier;
import io.changegate.evidence.log.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The append-only evidence store: items, their original documents, and the Merkle log over them.
 *
 * <p>Every accepted item becomes the next leaf of the log in the same transaction that stores it,
 * and that transaction also signs a checkpoint of the new tree. Appends are serialised by locking
 * the single {@code log_state} row, so the tree is consistent however many writers there are.
 * Methods return only after commit: what they acknowledge is durable.
 */
public final class EvidenceStore implements AutoCloseable {
    private static final String ITEM_COLUMNS = "i.id, i.leaf_index, i.subject_digest, i.subject_name, i.evidence_type,"
            + " i.predicate, i.predicate_sha256, i.document_sha256, d.size_bytes, i.submitter, i.submitted_at,"
            + " i.verification_state, i.verification_detail";
    private static final String ITEM_QUERY = "SELECT " + ITEM_COLUMNS
            + " FROM evidence_item i JOIN evidence_document d ON d.sha256 = i.document_sha256";
    /** Page size limit for listings. */
    public static final int MAX_PAGE = 1000;

    private final HikariDataSource dataSource;
    private final NoteSigner signer;
    private final Clock clock;

    private EvidenceStore(HikariDataSource dataSource, NoteSigner signer, Clock clock) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.clock = clock;
    }

    /** A builder for a store on any JDBC URL (H2 or PostgreSQL). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens (creating when absent) the embedded store in {@code directory}: an H2 file database in
     * PostgreSQL mode and the log signing key beside it.
     */
    public static EvidenceStore openEmbedded(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return builder()
                .jdbcUrl(h2Url(dir))
                .signer(StoreKeys.loadOrCreate(dir, StoreKeys.DEFAULT_ORIGIN))
                .open();
    }

    /**
     * The JDBC URL of the embedded H2 database in {@code directory}. Every commit is written through
     * to the file before it returns (WRITE_DELAY=0), so a killed process loses nothing acknowledged.
     */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().normalize().resolve("evidence")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=60000";
    }

    /** The verifier for this log's checkpoints. */
    public NoteVerifier verifier() {
        return signer.verifier();
    }

    /** The log's origin: the first line of every checkpoint. */
    public String origin() {
        return signer.name();
    }

    /**
     * Stores {@code evidence} and appends it to the log, or returns the item already stored for the same
     * document and subject. Returns only once committed.
     */
    public IngestResult ingest(NewEvidence evidence) {
        String predicateText = CanonicalJson.write(evidence.predicate());
        String predicateSha256 = sha256Hex(predicateText.getBytes(StandardCharsets.UTF_8));
        byte[] document = evidence.document();
        String documentSha256 = sha256Hex(document);
        return inTransaction("storing evidence", connection -> {
            long size = lockTree(connection);
            Optional<EvidenceItem> existing = findOne(connection,
                    " WHERE i.subject_digest = ? AND i.document_sha256 = ?",
                    evidence.subject().toString(), documentSha256);
            if (existing.isPresent()) {
                return new IngestResult(existing.get(), false);
            }
            storeDocument(connection, documentSha256, document);
            EvidenceItem item = new EvidenceItem(UUID.randomUUID().toString(), size, evidence.subject(),
                    evidence.name(), evidence.type(), CanonicalJson.read(predicateText), predicateSha256,
                    documentSha256, document.length, evidence.submitter(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), evidence.verification());
            insertItem(connection, item, predicateText);
            appendLeaf(connection, size, EvidenceLeaf.hash(item), item.submittedAt());
            return new IngestResult(item, true);
        });
    }

    /** The item with this id. */
    public Optional<EvidenceItem> find(String id) {
        return read("reading evidence " + id, connection -> findOne(connection, " WHERE i.id = ?", id));
    }

    /**
     * Items in log order after leaf {@code afterLeaf} (-1 for the start), about {@code subject} when it is not null.
     */
    public List<EvidenceItem> list(SubjectDigest subject, long afterLeaf, int limit) {
        return list(subject, afterLeaf, limit, java.util.Set.of());
    }

    /**
     * As {@link #list(SubjectDigest, long, int)}, leaving out items of the given types in the
     * query itself, so that callers who never read them (a gate skipping its own decision
     * records) do not pay to load and parse them.
     */
    public List<EvidenceItem> list(SubjectDigest subject, long afterLeaf, int limit, java.util.Set<String> excludedTypes) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        List<String> excluded = List.copyOf(excludedTypes);
        return read("listing evidence", connection -> {
            StringBuilder where = new StringBuilder(subject == null ? " WHERE i.leaf_index > ?"
                    : " WHERE i.subject_digest = ? AND i.leaf_index > ?");
            if (!excluded.isEmpty()) {
                where.append(" AND i.evidence_type NOT IN (").append("?, ".repeat(excluded.size() - 1)).append("?)");
            }
            try (PreparedStatement query = connection.prepareStatement(
                    ITEM_QUERY + where + " ORDER BY i.leaf_index LIMIT " + limit)) {
                int p = 1;
                if (subject != null) {
                    query.setString(p++, subject.toString());
                }
                query.setLong(p++, afterLeaf);
                for (String type : excluded) {
                    query.setString(p++, type);
                }
                List<EvidenceItem> items = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(item(rows));
                    }
                }
                return items;
            }
        });
    }

    /** The original document of the item with this id, byte-exact. */
    public Optional<byte[]> document(String id) {
        return read("reading the document of evidence " + id, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT d.content FROM evidence_item i"
                    + " JOIN evidence_document d ON d.sha256 = i.document_sha256 WHERE i.id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** The number of leaves in the log. */
    public long treeSize() {
        return read("reading the log size", EvidenceStore::currentSize);
    }

    /** The latest signed checkpoint; for an empty log, a freshly signed checkpoint of the empty tree. */
    public SignedCheckpoint checkpoint() {
        return read("reading the latest checkpoint", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1");
                 ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    String note = signer.sign(new Checkpoint(origin(), 0, TreeHashes.emptyRoot()).text());
                    return openCheckpoint(note);
                }
                return openCheckpoint(rows.getString(1));
            }
        });
    }

    /** The audit path of leaf {@code leafIndex} in the tree of {@code treeSize} leaves. */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        return read("computing an inclusion proof", connection -> {
            requireWithinLog(connection, treeSize);
            return new MerkleTree(new JdbcNodes(connection)).inclusionProof(leafIndex, treeSize);
        });
    }

    /** The proof that the tree of {@code fromSize} leaves is a prefix of the tree of {@code toSize}. */
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        return read("computing a consistency proof", connection -> {
            requireWithinLog(connection, toSize);
            return new MerkleTree(new JdbcNodes(connection)).consistencyProof(fromSize, toSize);
        });
    }

    /** Audits every item, document, leaf, node and checkpoint against each other with this log's key. */
    public LogReport audit() {
        return audit(signer.verifier());
    }

    /** Audits the store, checking checkpoint signatures with {@code verifier}. */
    public LogReport audit(NoteVerifier verifier) {
        return read("auditing the log", connection -> new LogAuditor(connection, verifier).audit());
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** The store's connection pool, for tools that inspect the database directly. */
    public DataSource dataSource() {
        return dataSource;
    }

    private void appendLeaf(Connection connection, long size, byte[] leafHash, Instant at) throws SQLException {
        JdbcNodes nodes = new JdbcNodes(connection);
        TreeFrontier frontier = TreeFrontier.load(size, nodes);
        nodes.insert(frontier.append(leafHash));
        String note = signer.sign(new Checkpoint(origin(), size + 1, frontier.rootHash()).text());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO log_checkpoint (tree_size, note, created_at) VALUES (?, ?, ?)")) {
            insert.setLong(1, size + 1);
            insert.setString(2, note);
            insert.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE log_state SET tree_size = ? WHERE id = 1")) {
            update.setLong(1, size + 1);
            update.executeUpdate();
        }
    }

    /** Locks the log for this transaction and returns its size: the one place appends are serialised. */
    private static long lockTree(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT tree_size FROM log_state WHERE id = 1 FOR UPDATE");
             ResultSet rows = lock.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("evidence store: the log state row is missing; the database is damaged");
            }
            return rows.getLong(1);
        }
    }

    static long currentSize(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT tree_size FROM log_state WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("evidence store: the log state row is missing; the database is damaged");
            }
            return rows.getLong(1);
        }
    }

    private static void requireWithinLog(Connection connection, long treeSize) throws SQLException {
        long size = currentSize(connection);
        if (treeSize > size) {
            throw new IllegalArgumentException("tree size " + treeSize + " is larger than the log, which has "
                    + size + " leaves");
        }
    }

    private SignedCheckpoint openCheckpoint(String note) {
        try {
            return SignedCheckpoint.open(note, signer.verifier());
        } catch (NoteException e) {
            throw new StoreException("evidence store: the latest checkpoint does not verify with this log's key: "
                    + e.getMessage());
        }
    }

    private static void storeDocument(Connection connection, String sha256, byte[] content) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM evidence_document WHERE sha256 = ?")) {
            query.setString(1, sha256);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO evidence_document (sha256, size_bytes, content) VALUES (?, ?, ?)")) {
            insert.setString(1, sha256);
            insert.setLong(2, content.length);
            insert.setBytes(3, content);
            insert.executeUpdate();
        }
    }

    private static void insertItem(Connection connection, EvidenceItem item, String predicateText) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO evidence_item (id, leaf_index,"
                + " subject_digest, subject_name, evidence_type, predicate, predicate_sha256, document_sha256,"
                + " submitter, submitted_at, verification_state, verification_detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, item.id());
            insert.setLong(2, item.leafIndex());
            insert.setString(3, item.subject().toString());
            insert.setString(4, item.name());
            insert.setString(5, item.type());
            insert.setString(6, predicateText);
            insert.setString(7, item.predicateSha256());
            insert.setString(8, item.documentSha256());
            insert.setString(9, item.submitter());
            insert.setObject(10, OffsetDateTime.ofInstant(item.submittedAt(), ZoneOffset.UTC));
            insert.setString(11, item.verification().state().label());
            insert.setString(12, truncate(item.verification().detail(), 4000));
            insert.executeUpdate();
        }
    }

    private static Optional<EvidenceItem> findOne(Connection connection, String where, String... parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(ITEM_QUERY + where)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(item(rows)) : Optional.empty();
            }
        }
    }

    /** Maps a row selected with {@link #ITEM_COLUMNS}. */
    static EvidenceItem item(ResultSet rows) throws SQLException {
        return new EvidenceItem(
                rows.getString(1),
                rows.getLong(2),
                SubjectDigest.parse(rows.getString(3)),
                rows.getString(4),
                rows.getString(5),
                CanonicalJson.read(rows.getString(6)),
                rows.getString(7).trim(),
                rows.getString(8).trim(),
                rows.getLong(9),
                rows.getString(10),
                rows.getObject(11, OffsetDateTime.class).toInstant(),
                new VerificationStatus(VerificationStatus.State.ofLabel(rows.getString(12)), rows.getString(13)));
    }

    static String itemQuery() {
        return ITEM_QUERY;
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(TreeHashes.sha256().digest(bytes));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("evidence store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("evidence store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Configures and opens a store; migrations run on open. */
    public static final class Builder {
        private String jdbcUrl;
        private String username;
        private String password;
        private NoteSigner signer;
        private Clock clock = Clock.systemUTC();
        private int maxPoolSize = 8;

        private Builder() {
        }

        /** The database: {@code jdbc:h2:file:…;MODE=PostgreSQL} or {@code jdbc:postgresql://…}. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** Database credentials, when the URL does not carry them. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** The key that signs checkpoints; its name is the log's origin. */
        public Builder signer(NoteSigner signer) {
            this.signer = signer;
            return this;
        }

        /** The clock that stamps items (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The most connections the pool opens. */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /** Connects, migrates the schema to the current version and returns the store. */
        public EvidenceStore open() {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(signer, "signer");
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            if (username != null) {
                config.setUsername(username);
                config.setPassword(password);
            }
            config.setMaximumPoolSize(maxPoolSize);
            config.setPoolName("changegate-evidence");
            config.setInitializationFailTimeout(-1);
            HikariDataSource dataSource;
            try {
                dataSource = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new StoreException("evidence store: cannot connect to " + redact(jdbcUrl) + ": " + e.getMessage(), e);
            }
            try {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                dataSource.close();
                throw new StoreException("evidence store: cannot prepare the database " + redact(jdbcUrl) + ": "
                        + e.getMessage(), e);
            }
            return new EvidenceStore(dataSource, signer, clock);
        }

        private static String redact(String url) {
            return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
        }
    }
}
