package io.changegate.evidence.store;

import io.changegate.evidence.log.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures ingestion into H2 (file, the embedded default) and PostgreSQL (embedded, or the server in
 * {@code CHANGEGATE_TEST_POSTGRES_URL}): items per second, each committed with its log append and
 * signed checkpoint. Run: {@code java -cp <test classpath> io.changegate.evidence.store.IngestBenchmark [items]}.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        NoteSigner signer = NoteSigner.generate("bench/log");
        for (int threads : new int[] {1, 4}) {
            Path dir = Files.createTempDirectory("ingest-benchmark");
            try (EvidenceStore store = EvidenceStore.builder().jdbcUrl(EvidenceStore.h2Url(dir)).signer(signer).open()) {
                run("H2 file", store, items, threads);
            }
        }
        try (TestPostgres postgres = TestPostgres.start()) {
            for (int threads : new int[] {1, 4}) {
                EvidenceStoreContract.DatabaseUnderTest database = postgres.freshDatabase();
                try (EvidenceStore store = EvidenceStore.builder().jdbcUrl(database.url())
                        .credentials(database.user(), database.password()).signer(signer).open()) {
                    run("PostgreSQL", store, items, threads);
                }
            }
        }
    }

    private static void run(String database, EvidenceStore store, int items, int threads) throws Exception {
        for (int i = 0; i < 200; i++) {
            store.ingest(EvidenceStoreContract.evidence(-1 - i, "warm-up " + i));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                        store.ingest(EvidenceStoreContract.evidence(i, "benchmark document " + i + " ".repeat(2000)));
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
        double seconds = (System.nanoTime() - start) / 1e9;
        long auditStart = System.nanoTime();
        LogReport report = store.audit();
        double auditSeconds = (System.nanoTime() - auditStart) / 1e9;
        System.out.printf("%s, %d writer thread(s): %,d items in %.2f s = %,.0f items/s; audit of %,d leaves %.2f s (%s)%n",
                database, threads, items, seconds, items / seconds, report.treeSize(), auditSeconds,
                report.ok() ? "clean" : report.problems().get(0));
    }
}
