package io.changegate.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceServiceTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String SBOM = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "components": [{"type": "library", "name": "left-pad", "version": "1.3.0",
                             "purl": "pkg:npm/left-pad@1.3.0"}]}
            """;
    static final String STATEMENT = """
            {"_type": "https://in-toto.io/Statement/v1",
             "subject": [{"name": "registry.example/app", "digest": {"sha256": "%s"}}],
             "predicateType": "https://cyclonedx.org/bom",
             "predicate": %s}
            """.formatted("cd".repeat(32), SBOM);

    @TempDir
    Path directory;
    EvidenceStore store;
    EvidenceService service;

    @BeforeEach
    void open() {
        store = EvidenceStore.openEmbedded(directory);
        service = EvidenceService.standard(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Submission submission(String document, String subject, String type) {
        return new Submission("upload.json", document.getBytes(StandardCharsets.UTF_8), subject, null, type, "team-a");
    }

    @Test
    void aRawReportIsStoredUnderTheGivenSubjectWithItsDetectedKind() throws Exception {
        IngestResult result = service.submit(submission(SBOM, DIGEST, null));
        assertThat(result.item().subject().toString()).isEqualTo(DIGEST);
        assertThat(result.item().type()).isEqualTo("sbom");
        assertThat(result.item().verification().state()).isEqualTo(VerificationStatus.State.UNSIGNED);
        assertThat(store.document(result.item().id())).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(SBOM));
    }

    @Test
    void anInTotoStatementGivesItsOwnSubjectNameAndType() throws Exception {
        EvidenceItem item = service.submit(submission(STATEMENT, null, null)).item();
        assertThat(item.subject().toString()).isEqualTo("sha256:" + "cd".repeat(32));
        assertThat(item.name()).isEqualTo("registry.example/app");
        assertThat(item.type()).isEqualTo("https://cyclonedx.org/bom");
    }

    @Test
    void anUnsignedDsseEnvelopeIsStoredAsUncheckedWhenNoTrustIsConfigured() throws Exception {
        String envelope = """
                {"payloadType": "application/vnd.in-toto+json", "payload": "%s",
                 "signatures": [{"keyid": "", "sig": "%s"}]}
                """.formatted(Base64.getEncoder().encodeToString(STATEMENT.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(new byte[64]));
        EvidenceItem item = service.submit(submission(envelope, null, "sbom")).item();
        assertThat(item.type()).isEqualTo("sbom");
        assertThat(item.subject().hex()).isEqualTo("cd".repeat(32));
        assertThat(item.verification().state()).isEqualTo(VerificationStatus.State.UNCHECKED);
    }

    @Test
    void badSubmissionsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> service.submit(submission(SBOM, null, null)))
                .isInstanceOfSatisfying(EvidenceRejectedException.class, e -> assertThat(e.field()).isEqualTo("subject"))
                .hasMessageContaining("a subject digest is required");
        assertThatThrownBy(() -> service.submit(submission(SBOM, "sha256:xyz", null)))
                .isInstanceOfSatisfying(EvidenceRejectedException.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThatThrownBy(() -> service.submit(submission("{\"hello\": \"world\"}", DIGEST, null)))
                .isInstanceOfSatisfying(EvidenceRejectedException.class, e -> assertThat(e.field()).isEqualTo("document"))
                .hasMessageContaining("upload.json");
        assertThatThrownBy(() -> service.submit(submission(STATEMENT, DIGEST, null)))
                .hasMessageContaining("is not among the statement's subjects");
        assertThat(store.treeSize()).isZero();
    }
}
