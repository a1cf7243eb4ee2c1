package io.changegate.evidence.verify;

import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.DsseSignature;
import io.changegate.evidence.envelope.Envelope;
import io.changegate.evidence.envelope.Envelopes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Signature verifications per second: keyed DSSE with ECDSA P-256, Ed25519 and RSA-2048 keys, and a
 * full offline Sigstore bundle verification (chain, signature, SET, inclusion proof, checkpoint,
 * identity). A benchmark, not a test: run it as a main class.
 *
 * <pre>./mvnw -q -B -pl evidence test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.changegate.evidence.verify.VerifyThroughput [-Dexec.args=SECONDS]</pre>
 */
public final class VerifyThroughput {
    private static final byte[] STATEMENT = ("""
            {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"app.tar","digest":{"sha256":"%s"}}],
             "predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{"buildType":"x"}}}"""
            .formatted("ab".repeat(32))).getBytes(StandardCharsets.UTF_8);

    private VerifyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.printf(Locale.ROOT, "Java %s, %d cores, %.1f s per case after %.1f s warm-up%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds, seconds / 2);
        for (TestKeys keys : List.of(TestKeys.ECDSA_P256, TestKeys.ED25519, TestKeys.RSA_PKCS1, TestKeys.RSA_PSS)) {
            byte[] sig = keys.sign(DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT));
            DsseEnvelope envelope = new DsseEnvelope(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT,
                    List.of(new DsseSignature("", sig, null)), DsseEnvelope.Signing.PAE, "");
            EvidenceVerifier verifier = new EvidenceVerifier(VerificationPolicy.builder()
                    .key("bench", keys.pair().getPublic()).build());
            measure("DSSE " + keys.name(), seconds, () -> verifier.verify(envelope));
        }
        Path fixtures = Path.of("").toAbsolutePath();
        while (fixtures != null && !Files.exists(fixtures.resolve("mvnw"))) {
            fixtures = fixtures.getParent();
        }
        Path shared = fixtures == null ? null : fixtures.resolve("../shared/fixtures/sigstore").normalize();
        if (shared == null || !Files.isDirectory(shared)) {
            System.out.println("Sigstore bundle: skipped, ../shared/fixtures is absent");
            return;
        }
        TrustedRoot root = TrustedRoot.parse("root", Files.readAllBytes(shared.resolve("trust/sigstore-public-good-trusted_root-2023.json")));
        Envelope bundle = Envelopes.parse("bundle", Files.readAllBytes(shared.resolve("bundle-v0.3-dsse-intoto-a.txt.sigstore.json"))).get(0);
        EvidenceVerifier verifier = new EvidenceVerifier(VerificationPolicy.builder().trustedRoot(root)
                .identity(new IdentityPolicy(IdentityPolicy.Match.regex("https://github\\.com/sigstore-conformance/.*"),
                        IdentityPolicy.Match.exactly("https://token.actions.githubusercontent.com"))).build());
        measure("Sigstore bundle (full offline)", seconds, () -> verifier.verify(bundle));
        byte[] raw = Files.readAllBytes(shared.resolve("bundle-v0.3-dsse-intoto-a.txt.sigstore.json"));
        measure("Sigstore bundle (parse + verify)", seconds, () -> verifier.verify(Envelopes.parse("bundle", raw).get(0)));
    }

    private interface Case {
        VerificationResult run();
    }

    private static void measure(String name, double seconds, Case action) {
        if (!action.run().verified()) {
            throw new IllegalStateException(name + " does not verify: " + action.run().failure());
        }
        long warmUntil = System.nanoTime() + (long) (seconds * 5e8);
        while (System.nanoTime() < warmUntil) {
            action.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        boolean ok = true;
        while (System.nanoTime() < end) {
            ok &= action.run().verified();
            n++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-34s %,10.0f verifications/s  (%,d in %.2f s)%s%n", name, n / elapsed, n, elapsed,
                ok ? "" : "  SOME FAILED");
    }
}
