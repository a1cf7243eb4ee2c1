package io.changegate.constraints.bench;

import io.changegate.constraints.Constraint;
import io.changegate.constraints.PolicySet;
import io.changegate.constraints.PolicyStore;
import io.changegate.constraints.admission.AdmissionReviewHandler;
import io.changegate.constraints.ExemptNamespaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * In-process latency of one AdmissionReview against a policy directory (not a test: run by hand).
 *
 * <pre>java -cp constraints/target/classes:constraints/target/test-classes:$(cat cp.txt) \
 *   io.changegate.constraints.bench.ReviewBenchmark POLICY_DIR ADMISSION_REVIEW.json [ITERATIONS]</pre>
 */
public final class ReviewBenchmark {
    public static void main(String[] args) throws Exception {
        PolicyStore store = new PolicyStore();
        PolicyStore.LoadReport loaded = store.loadDirectory(Path.of(args[0]));
        if (!loaded.errors().isEmpty()) {
            throw new IllegalStateException(String.join("\n", loaded.errors()));
        }
        PolicySet set = store.current();
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
        AdmissionReviewHandler handler = new AdmissionReviewHandler(() -> set, ExemptNamespaces.NONE);
        for (int i = 0; i < n / 2; i++) {
            handler.handle(body);
        }
        long[] nanos = new long[n];
        String answer = null;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            answer = handler.handle(body).json();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("templates=%d constraints=%d reviews=%d p50=%.1fus p99=%.1fus max=%.1fus%n",
                set.templates().size(), set.constraints().size(), n,
                nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, nanos[n - 1] / 1e3);
        System.out.println("answer: " + answer.substring(0, Math.min(answer.length(), 400)));
        System.out.println("violations: " + set.review(io.changegate.constraints.admission.AdmissionReviews.reviewOf(
                io.changegate.rego.value.Json.parse(body), "review"), Constraint.WEBHOOK).violations().size());
    }
}
