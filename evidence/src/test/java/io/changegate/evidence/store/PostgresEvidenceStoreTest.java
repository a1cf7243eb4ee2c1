package io.changegate.evidence.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real PostgreSQL server: the one named by {@code CHANGEGATE_TEST_POSTGRES_URL}
 * (with {@code _USER} and {@code _PASSWORD}) when set, otherwise an embedded PostgreSQL started here.
 */
class PostgresEvidenceStoreTest extends EvidenceStoreContract {
    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DatabaseUnderTest freshDatabase() throws Exception {
        return postgres.freshDatabase();
    }
}
