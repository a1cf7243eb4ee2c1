package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SLSA provenance, VSA and OpenVEX readers. */
class ProvenanceAndVexReadersTest {
    private final EvidenceReaders readers = EvidenceReaders.standard();

    @Test
    void aPlainStatementWithSlsaV1ProvenanceIsReadThroughItsPredicateType() throws Exception {
        ParsedEvidence parsed = Fixtures.read("intoto-slsa/intoto-statement-v1-slsa-v1-plain.json");
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.PROVENANCE);
        assertThat(parsed.format()).isEqualTo("slsa-provenance-v1");
        JsonNode p = parsed.predicate();
        assertThat(p.get("builder_id").asText()).isEqualTo("https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main");
        assertThat(p.get("build_type").asText()).isEqualTo("https://actions.github.io/buildtypes/workflow/v1");
        assertThat(p.at("/source/uri").asText()).isEqualTo("git+https://github.com/loosebazooka/aa-test@refs/heads/main");
        assertThat(p.at("/source/digest/gitCommit").asText()).isEqualTo("a9cd7bf0bbfd5732800b8196ce893ae9915b1e87");
        assertThat(p.at("/subjects/0/digest/sha256").asText()).isEqualTo("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
    }

    @Test
    void slsaV02ProvenanceUsesTheConfigSource() throws Exception {
        JsonNode p = Fixtures.predicate("intoto-slsa/intoto-statement-v0.1-slsa-v0.2-npm-sigstore-js-plain.json");
        assertThat(p.get("slsa_version").asText()).isEqualTo("0.2");
        assertThat(p.get("builder_id").asText()).isEqualTo("https://github.com/actions/runner");
        assertThat(p.get("build_type").asText()).isEqualTo("https://github.com/npm/cli/gha/v2");
        assertThat(p.at("/source/digest/sha1").asText()).isEqualTo("dae8bd8eb433a4147b4655c00fe73e0f22bc0fb1");
        assertThat(p.get("invocation_id").asText()).isEqualTo("4735384265-1");
    }

    @Test
    void aBarePredicateIsReadAsItsPredicateType() throws Exception {
        String predicate = """
                {"buildDefinition": {"buildType": "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
                  "externalParameters": {}, "resolvedDependencies": [{"uri": "git+https://github.com/o/r@refs/tags/v1",
                  "digest": {"gitCommit": "abc"}}]},
                 "runDetails": {"builder": {"id": "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder.yml@refs/tags/v2.1.0"}}}
                """;
        ParsedEvidence parsed = readers.readAs("https://slsa.dev/provenance/v1", "provenance.json", utf8(predicate));
        assertThat(parsed.predicate().at("/source/digest/gitCommit").asText()).isEqualTo("abc");
        assertThat(readers.read("provenance.json", utf8(predicate))).isEqualTo(parsed);
    }

    @Test
    void aVsaInsideAStatementIsRead() throws Exception {
        String statement = """
                {"_type": "https://in-toto.io/Statement/v1", "predicateType": "https://slsa.dev/verification_summary/v1",
                 "subject": [{"name": "_", "digest": {"gce_image_id": "8970095005306000053"}}],
                 "predicate": {"timeVerified": "2024-06-12T07:24:34.351608Z",
                   "verifier": {"id": "https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1"},
                   "verificationResult": "PASSED", "verifiedLevels": ["BCID_L1", "SLSA_BUILD_LEVEL_2"],
                   "resourceUri": "gce_image://gke-node-images:x", "policy": {"uri": "googlefile:/policy.textproto"}}}
                """;
        ParsedEvidence parsed = readers.read("vsa.json", utf8(statement));
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.VSA);
        assertThat(parsed.predicate().get("verification_result").asText()).isEqualTo("PASSED");
        assertThat(parsed.predicate().get("verified_levels")).hasSize(2);
        assertThat(parsed.predicate().at("/subjects/0/digest/gce_image_id").asText()).isEqualTo("8970095005306000053");
    }

    @Test
    void aVsaWithAnUnknownResultIsRejected() {
        String predicate = """
                {"verifier": {"id": "v"}, "verificationResult": "MAYBE"}""";
        assertThatThrownBy(() -> readers.readAs("vsa", "vsa.json", utf8(predicate)))
                .hasMessage("vsa.json: at /verificationResult: expected PASSED or FAILED, found the string \"MAYBE\"");
    }

    @Test
    void aStatementWithAnUnsupportedPredicateTypeSaysSo() {
        String statement = """
                {"_type": "https://in-toto.io/Statement/v1", "predicateType": "https://example.com/unknown/v1",
                 "subject": [], "predicate": {}}""";
        assertThatThrownBy(() -> readers.read("s.json", utf8(statement)))
                .hasMessageStartingWith("s.json: at /predicateType: unsupported predicate type \"https://example.com/unknown/v1\"");
    }

    @Test
    void openVexVersionsAndShapesNormaliseToStatements() throws Exception {
        JsonNode subcomponents = Fixtures.predicate("openvex/openvex-0.2.0-alpine-subcomponents.json");
        assertThat(subcomponents.get("statements")).hasSize(5);
        assertThat(subcomponents.at("/statements/3/status").asText()).isEqualTo("not_affected");
        assertThat(subcomponents.at("/statements/3/products/0/subcomponents/0").asText()).isEqualTo("pkg:apk/alpine/libssl3@3.0.8-r3");
        JsonNode legacy = Fixtures.predicate("openvex/openvex-0.0.1-legacy-string-vuln-and-products.json");
        assertThat(legacy.at("/statements/0/vulnerability").asText()).isEqualTo("CVE-2023-12345");
        assertThat(legacy.at("/statements/0/products/1/id").asText()).isEqualTo("pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64");
        JsonNode trivy = Fixtures.predicate("openvex/openvex-0.2.0-trivy-vuln-as-iri-impact-statement.json");
        assertThat(trivy.at("/statements/0/vulnerability").asText()).isEqualTo("CVE-2022-23628");
        assertThat(trivy.at("/statements/0/impact_statement").asText()).isEqualTo("The vulnerable code isn't called");
        ParsedEvidence yaml = Fixtures.read("openvex/openvex-EDGE-pre-0.0.1-vex-attestation.yaml");
        assertThat(yaml.format()).isEqualTo("openvex-vex_attestation-yaml");
        assertThat(yaml.predicate().at("/statements/1/aliases")).hasSize(3);
        assertThat(yaml.predicate().at("/statements/0/timestamp").asText()).isEqualTo("2022-08-29T17:48:53.697543267-05:00");
    }

    @Test
    void anOpenVexArrayIsRejected() throws Exception {
        java.nio.file.Path root = Fixtures.root();
        try (var files = java.nio.file.Files.list(root.resolve("openvex"))) {
            for (var file : files.filter(f -> f.getFileName().toString().contains("INVALID")).toList()) {
                String relative = "openvex/" + file.getFileName();
                SbomReadersTest.assertRejected(relative, "openvex", "at the document root: expected an object, found an array");
            }
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
