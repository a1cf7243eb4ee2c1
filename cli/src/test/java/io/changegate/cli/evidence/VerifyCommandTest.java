package io.changegate.cli.evidence;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code changegate evidence verify} on the shared fixtures: exit codes and what it prints. */
class VerifyCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fixtures = dir == null ? null : dir.resolve("../shared/fixtures").normalize();
        Assumptions.assumeTrue(fixtures != null && Files.isDirectory(fixtures),
                "../shared/fixtures is absent beside the repository: skipping CLI tests that read it");
        return fixtures;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EvidenceCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "verify";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = cl.execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String f(String relative) {
        return fixtures().resolve(relative).toString();
    }

    private static final String ROOT = "sigstore/trust/sigstore-public-good-trusted_root-2023.json";

    @Test
    void aKeylessBundleVerifiesAndPrintsSubjectSignerAndChecks() {
        Run run = run(f("sigstore/bundle-v0.3-dsse-intoto-a.txt.sigstore.json"), "--trusted-root", f(ROOT),
                "--certificate-identity-regexp", "https://github\\.com/sigstore-conformance/.*",
                "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
                "--subject", "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Verified OK: ")
                .contains("  envelope: Sigstore bundle v0.3 with a DSSE envelope")
                .contains("  subject: a.txt sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf")
                .contains("  signer: https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/")
                .contains("  check: tlog: inclusion proof verified to signed checkpoint")
                .contains("  check: identity: ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aKeyedAttestationVerifiesWithItsKeyAndShowsTheNormalisedPredicate() {
        Run run = run(f("sigstore/cosign-attest-dsse-cyclonedx-predicate-alpine.att.json"), "--key", f("sigstore/trust/cosign-attest.cosign.pub"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("  predicate: https://cyclonedx.org/bom")
                .contains("  check: signature: DSSE signature over the DSSE PAE verified with key cosign-attest.cosign.pub");
    }

    @Test
    void aNegativeFixtureExitsOneWithTheReason() {
        Run run = run(f("sigstore/cosign-attest-dsse-NEGATIVE-tampered-payload.att.json"), "--key", f("sigstore/trust/cosign-attest.cosign.pub"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("verification failed: signature: does not verify with key cosign-attest.cosign.pub");
        assertThat(run.out()).startsWith("NOT verified: ");
    }

    @Test
    void aWrongSignerExitsOneNamingTheIdentityCheck() {
        Run run = run(f("intoto-slsa/slsa-v1-NEGATIVE-bcr-wrong-signer.sigstore-bundle-v0.3.jsonl"), "--trusted-root", f(ROOT),
                "--certificate-identity", "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml@refs/tags/v0.0.1",
                "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("verification failed: identity: SAN https://github.com/loosebazooka/aa-test/");
    }

    @Test
    void aTruncatedBundleExitsTwoWithAnErrorLineAndNoStackTrace() {
        String file = f("sigstore/bundle-INVALID-truncated-json.sigstore.json");
        Run run = run(file, "--trusted-root", f(ROOT), "--certificate-identity", "x", "--certificate-oidc-issuer", "y");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file + ": line 1, column ").doesNotContain("\tat ");
    }

    @Test
    void keylessVerificationWithoutAnIdentityIsAUsageError() {
        Run run = run(f("sigstore/bundle-v0.3-dsse-intoto-a.txt.sigstore.json"), "--trusted-root", f(ROOT));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --certificate-identity or --certificate-identity-regexp is required for verification in keyless mode"
                + System.lineSeparator());
    }

    @Test
    void missingFilesAndBadFlagsAreUsageErrors(@TempDir Path dir) throws IOException {
        Run missing = run(dir.resolve("nope.json").toString(), "--key", dir.resolve("nope.pub").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.pub: no such file");

        Path key = Files.writeString(dir.resolve("bad.pub"), "not a key");
        Path env = Files.writeString(dir.resolve("env.json"), "{}");
        Run badKey = run(env.toString(), "--key", key.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).startsWith("error: " + key + ": no PEM block found");

        Run badRegex = run(env.toString(), "--trusted-root", f(ROOT), "--certificate-identity-regexp", "(a)\\1",
                "--certificate-oidc-issuer", "x");
        assertThat(badRegex.exit()).isEqualTo(2);
        assertThat(badRegex.err()).startsWith("error: --certificate-identity-regexp: invalid regular expression");

        Run nothing = run(env.toString());
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).startsWith("error: give --key PEM");
    }
}
