package io.changegate.evidence.store;

import java.nio.file.Path;

/**
 * Ingests a stream of evidence into an embedded store and prints {@code ACK <id>} for each item once
 * {@link EvidenceStore#ingest} has returned: the line is the acknowledgement a client would get.
 * Run in its own process by {@link CrashDurabilityTest}, which kills it mid-stream.
 */
public final class IngestStream {
    private IngestStream() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        try (EvidenceStore store = EvidenceStore.openEmbedded(directory)) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; i < count; i++) {
                EvidenceItem item = store.ingest(EvidenceStoreContract.evidence(i, "stream document " + i)).item();
                System.out.println("ACK " + item.id());
                System.out.flush();
            }
        }
    }
}
