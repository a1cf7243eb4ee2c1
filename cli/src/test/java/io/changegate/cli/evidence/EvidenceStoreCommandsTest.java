package io.changegate.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.cli.Main;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.StoreKeys;
import io.changegate.server.ApiTokens;
import io.changegate.server.ChangegateServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvidenceStoreCommandsTest {
    static final String SUBJECT = "sha256:" + "ab".repeat(32);
    static final String SBOM = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "components": [{"type": "library", "name": "left-pad", "version": "%s"}]}
            """;

    @TempDir
    Path work;
    Path store;

    record Run(int exitCode, String out, String err) {
        boolean hasNoStackTrace() {
            return !(out + err).contains("\tat ") && !(out + err).contains("Exception");
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void paths() {
        store = work.resolve("store");
    }

    private Path sbom(String version) throws Exception {
        Path file = work.resolve("bom-" + version + ".json");
        Files.writeString(file, SBOM.formatted(version));
        return file;
    }

    private String add(String version) throws Exception {
        Run added = run("evidence", "add", sbom(version).toString(), "--subject", SUBJECT, "--store", store.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        return added.out().split(" ")[1];
    }

    @Test
    void addListShowAndVerifyTheEmbeddedStore() throws Exception {
        Path file = sbom("1.0.0");
        Run added = run("evidence", "add", file.toString(), "--subject", SUBJECT, "--name", "app", "--store", store.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("stored ").contains("(leaf 0) sbom " + SUBJECT);
        String id = added.out().split(" ")[1];

        Run again = run("evidence", "add", file.toString(), "--subject", SUBJECT, "--store", store.toString());
        assertThat(again.out()).startsWith("already stored " + id);

        assertThat(run("evidence", "list", "--subject", SUBJECT, "--store", store.toString()).out()).contains(id);
        Run shown = run("evidence", "show", id, "--store", store.toString());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("\"left-pad\"").contains("\"id\" : \"" + id + "\"");

        Path saved = work.resolve("checkpoint.txt");
        Run verified = run("evidence", "verify-log", "--store", store.toString(), "--save-checkpoint", saved.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("log verified: " + StoreKeys.DEFAULT_ORIGIN + ", 1 leaves");

        add("2.0.0");
        add("3.0.0");
        Run consistent = run("evidence", "verify-log", "--store", store.toString(), "--checkpoint", saved.toString());
        assertThat(consistent.exitCode()).as(consistent.out()).isZero();
        assertThat(consistent.out()).contains("3 leaves").contains("consistent with the checkpoint at size 1");
    }

    @Test
    void aTamperedStoreFailsVerificationNamingTheItem() throws Exception {
        add("1.0.0");
        String victim = add("2.0.0");
        try (EvidenceStore opened = EvidenceStore.openEmbedded(store);
             Connection connection = opened.dataSource().getConnection()) {
            connection.createStatement().executeUpdate(
                    "UPDATE evidence_item SET evidence_type = 'approval' WHERE id = '" + victim + "'");
        }
        Run verified = run("evidence", "verify-log", "--store", store.toString());
        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("FAIL evidence item " + victim + " (leaf 1) does not match its log leaf")
                .contains("log verification failed");
    }

    @Test
    void theSameCommandsWorkAgainstAServer() throws Exception {
        String token = "cli-test-token";
        try (EvidenceStore served = EvidenceStore.openEmbedded(store)) {
            ChangegateServer server = ChangegateServer.builder().port(0).store(served)
                    .tokens(ApiTokens.of(Map.of(ApiTokens.hash(token), new ApiTokens.Caller("payments",
                            Set.of(ApiTokens.EVIDENCE_READ, ApiTokens.EVIDENCE_WRITE)))))
                    .build().start();
            try {
                String url = "http://127.0.0.1:" + server.port();
                Run added = run("evidence", "add", sbom("1.0.0").toString(), "--subject", SUBJECT,
                        "--server", url, "--token", token);
                assertThat(added.exitCode()).as(added.err()).isZero();
                String id = added.out().split(" ")[1];
                run("evidence", "add", sbom("2.0.0").toString(), "--subject", SUBJECT, "--server", url, "--token", token);

                assertThat(run("evidence", "list", "--server", url, "--token", token).out()).contains(id);
                assertThat(run("evidence", "show", id, "--server", url, "--token", token).out()).contains("left-pad");

                Path key = store.resolve(StoreKeys.VERIFIER_FILE);
                Run verified = run("evidence", "verify-log", "--server", url, "--token", token,
                        "--public-key", key.toString());
                assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
                assertThat(verified.out()).contains("2 leaves");

                Run noKey = run("evidence", "verify-log", "--server", url, "--token", token);
                assertThat(noKey.exitCode()).isEqualTo(2);
                assertThat(noKey.err()).contains("--public-key FILE is required with --server");

                Run badToken = run("evidence", "list", "--server", url, "--token", "wrong");
                assertThat(badToken.exitCode()).isEqualTo(2);
                assertThat(badToken.err()).contains("answered 401: the bearer token is not valid");
                assertThat(badToken.err()).doesNotContain("wrong");
                assertThat(badToken.hasNoStackTrace()).isTrue();
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void badInputExitsWith2AndAClearMessage() throws Exception {
        Run missing = run("evidence", "add", work.resolve("nope.json").toString(), "--subject", SUBJECT,
                "--store", store.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: cannot read: no such file");

        Run badSubject = run("evidence", "add", sbom("1").toString(), "--subject", "sha256:zz", "--store", store.toString());
        assertThat(badSubject.exitCode()).isEqualTo(2);
        assertThat(badSubject.err()).contains("'sha256:zz' is not a valid digest");

        Run unknown = run("evidence", "show", "no-such-id", "--store", store.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no evidence item with id no-such-id");
        assertThat(missing.hasNoStackTrace() && badSubject.hasNoStackTrace() && unknown.hasNoStackTrace()).isTrue();
    }
}
