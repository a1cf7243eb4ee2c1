package io.changegate.evidence.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures read throughput (MB/s, MB = 10^6 bytes) of the large SBOM and SARIF fixtures with a
 * plain repeated-read loop: warm-up rounds, then timed rounds, best and median reported. A rough
 * figure for docs/benchmarks.md, not a JMH benchmark. Run from the repository root:
 * {@code java -cp evidence/target/classes:evidence/target/test-classes:<deps> io.changegate.evidence.formats.ReadThroughput}.
 */
public final class ReadThroughput {
    private static final List<String> FILES = List.of(
            "cyclonedx/cdx-1.6-juice-shop-flat-cyclonedx-npm-LARGE.json",
            "sarif/sarif-semgrep-owasp-benchmark-1768-results-LARGE.sarif",
            "spdx/spdx-2.3-syft-0.90.0-kubectl-oci-LARGE.spdx.json",
            "junit/junit-jest-junit-4239-testcases-LARGE.xml");

    private ReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : Fixtures.rootOrNull();
        if (root == null) {
            System.err.println("../shared/fixtures not found; pass the fixtures folder as the first argument");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        EvidenceReaders readers = EvidenceReaders.standard();
        System.out.printf("%-62s %10s %10s %10s%n", "file", "bytes", "best MB/s", "median MB/s");
        for (String relative : FILES) {
            byte[] bytes = Files.readAllBytes(root.resolve(relative));
            int sink = 0;
            for (int i = 0; i < rounds; i++) {
                sink += readers.read(relative, bytes).predicate().size();
            }
            double[] rates = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                sink += readers.read(relative, bytes).predicate().size();
                long elapsed = System.nanoTime() - start;
                rates[i] = bytes.length / 1e6 / (elapsed / 1e9);
            }
            java.util.Arrays.sort(rates);
            System.out.printf("%-62s %10d %10.1f %10.1f%n", relative, bytes.length, rates[rounds - 1], rates[rounds / 2]);
            if (sink == 42) {
                System.out.println(); // keeps the results observable so the loop is not optimised away
            }
        }
    }
}
