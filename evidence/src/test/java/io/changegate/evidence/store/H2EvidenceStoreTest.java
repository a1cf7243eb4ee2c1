package io.changegate.evidence.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file database in PostgreSQL mode. */
class H2EvidenceStoreTest extends EvidenceStoreContract {
    @TempDir
    Path directory;

    @Override
    DatabaseUnderTest freshDatabase() {
        return new DatabaseUnderTest(EvidenceStore.h2Url(directory), null, null);
    }
}
