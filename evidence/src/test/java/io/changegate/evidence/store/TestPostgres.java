package io.changegate.evidence.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A PostgreSQL server for tests: an external one when configured, else zonky's embedded server. */
final class TestPostgres implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres embedded;
    private final String baseUrl;
    private final String user;
    private final String password;

    private TestPostgres(EmbeddedPostgres embedded, String baseUrl, String user, String password) {
        this.embedded = embedded;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    static TestPostgres start() throws Exception {
        String external = System.getenv("CHANGEGATE_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return new TestPostgres(null, external, System.getenv("CHANGEGATE_TEST_POSTGRES_USER"),
                    System.getenv("CHANGEGATE_TEST_POSTGRES_PASSWORD"));
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        return new TestPostgres(embedded, embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    /** A new, empty database on the server, so tests do not see each other's rows. */
    EvidenceStoreContract.DatabaseUnderTest freshDatabase() throws Exception {
        String name = "changegate_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        int slash = baseUrl.lastIndexOf('/');
        int query = baseUrl.indexOf('?', slash);
        String url = baseUrl.substring(0, slash + 1) + name + (query < 0 ? "" : baseUrl.substring(query));
        return new EvidenceStoreContract.DatabaseUnderTest(url, user, password);
    }

    @Override
    public void close() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }
}
