package io.changegate.gate.bench;

import io.changegate.evidence.store.EvidenceService;
import io.changegate.evidence.store.Submission;
import io.changegate.gate.ArtifactRef;
import io.changegate.gate.Decision;
import io.changegate.gate.DecisionService;
import io.changegate.gate.GateRequest;
import io.changegate.gate.LocalGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decision latency and throughput of the gate, in process, with the large generated evidence of
 * {@link LargeEvidence} for one image: the same {@link LocalGate} as {@code changegate gate} and an
 * unconfigured server (embedded H2 store, default policy library, generated key). Every decision
 * is evaluated, signed and appended to the log, as in production.
 *
 * <p>Run: {@code java -cp <gate test classpath> io.changegate.gate.bench.DecisionBenchmark
 * [decisions=1000] [threads=1,2,4] [components=5000] [vulnerabilities=2000]}.
 * A benchmark, not a test: figures go to docs/benchmarks.md with the machine's load.
 */
public final class DecisionBenchmark {
    private static final int WARM_UP = 100;

    private DecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int[] threadCounts = Arrays.stream((args.length > 1 ? args[1] : "1,2,4").split(",")).mapToInt(Integer::parseInt).toArray();
        int components = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int vulnerabilities = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        System.out.printf(Locale.ROOT, "Java %s, %d cores; %,d components, %,d vulnerabilities%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), components, vulnerabilities);

        Path state = Files.createTempDirectory("decision-benchmark");
        try (LocalGate local = LocalGate.open(state, null, null, Map.of())) {
            EvidenceService evidence = EvidenceService.standard(local.store());
            evidence.submit(new Submission("sbom.cdx.json", LargeEvidence.cycloneDx(components),
                    LargeEvidence.IMAGE_DIGEST, LargeEvidence.IMAGE_NAME, null, "ci"));
            evidence.submit(new Submission("trivy.json", LargeEvidence.trivy(components, vulnerabilities),
                    LargeEvidence.IMAGE_DIGEST, LargeEvidence.IMAGE_NAME, null, "ci"));
            DecisionService gate = local.service();
            GateRequest request = new GateRequest("prod", List.of(ArtifactRef.of(LargeEvidence.IMAGE_DIGEST,
                    LargeEvidence.IMAGE_NAME)), null, "alice", "ci-bot", "ci", null, null);

            Decision first = gate.decide(request);
            System.out.printf(Locale.ROOT, "decision: %s, %d violations (%d blocking)%n", first.result(),
                    first.violations().size(), first.violations().stream().filter(v -> v.blocks()).count());
            for (int i = 0; i < WARM_UP; i++) {
                gate.decide(request);
            }
            int recorded = 1 + WARM_UP;
            for (int threads : threadCounts) {
                long[] nanos = new long[decisions];
                AtomicInteger next = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long start = System.nanoTime();
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < decisions; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            gate.decide(request);
                            nanos[i] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                pool.shutdown();
                System.out.printf(Locale.ROOT,
                        "%d thread(s): %,d decisions in %.1f s = %.1f decisions/s; latency p50 %.1f ms, p99 %.1f ms"
                                + " (%,d records of this image before the run)%n",
                        threads, decisions, seconds, decisions / seconds, percentile(nanos, 0, decisions, 50),
                        percentile(nanos, 0, decisions, 99), recorded);
                // The gate reads every earlier record of the image on each decision, so latency grows with them.
                StringBuilder tenths = new StringBuilder("  p50 per tenth of the run, ms:");
                int tenth = Math.max(1, decisions / 10);
                for (int from = 0; from + tenth <= decisions; from += tenth) {
                    tenths.append(String.format(Locale.ROOT, " %.0f", percentile(nanos, from, from + tenth, 50)));
                }
                System.out.println(tenths);
                recorded += decisions;
            }
        } finally {
            deleteTree(state);
        }
    }

    private static double percentile(long[] nanos, int from, int to, int p) {
        long[] sorted = Arrays.copyOfRange(nanos, from, to);
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
