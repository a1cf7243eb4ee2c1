package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SBOM readers against the shared fixtures. Expected figures were computed independently with
 * Python's json / xml.etree over the fixture files (e.g. {@code len(d['components'])}), not by
 * running these readers.
 */
class SbomReadersTest {

    @Test
    void largeCycloneDxJsonHasAllItsComponentsAndDependencyNodes() throws Exception {
        ParsedEvidence parsed = Fixtures.read("cyclonedx/cdx-1.6-juice-shop-flat-cyclonedx-npm-LARGE.json");
        JsonNode p = parsed.predicate();
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.SBOM);
        assertThat(parsed.format()).isEqualTo("cyclonedx-1.6-json");
        // python: len(components) 1101, len(dependencies) 1102, components without licenses 10
        assertThat(p.get("components")).hasSize(1101);
        assertThat(p.get("dependencies")).hasSize(1102);
        assertThat(p.at("/summary/components").asInt()).isEqualTo(1101);
        assertThat(p.at("/summary/components_without_license").asInt()).isEqualTo(10);
        JsonNode first = p.get("components").get(0);
        assertThat(first.get("name").asText()).isEqualTo("helper-string-parser");
        assertThat(first.get("group").asText()).isEqualTo("@babel");
        assertThat(first.get("purl").asText()).startsWith("pkg:npm/%40babel/helper-string-parser@7.24.7");
        assertThat(first.get("licenses").get(0).asText()).isEqualTo("MIT");
        // 1.5+ object form of metadata.tools: npm and cyclonedx-library are among them
        assertThat(p.get("tools").findValuesAsText("name")).contains("npm", "cyclonedx-library");
    }

    @Test
    void cycloneDxWithEmbeddedVulnerabilitiesKeepsThemWithTheSourceRatingSeverity() throws Exception {
        JsonNode p = Fixtures.predicate("cyclonedx/cdx-1.5-trivy-0.52.0-poetry-with-vulns.json");
        assertThat(p.get("components")).hasSize(114);
        assertThat(p.get("dependencies")).hasSize(115);
        // python: rating whose source equals the vulnerability's source → HIGH 5, MEDIUM 7, LOW 1
        assertThat(p.at("/summary/vulnerabilities/total").asInt()).isEqualTo(13);
        assertThat(p.at("/summary/vulnerabilities/high").asInt()).isEqualTo(5);
        assertThat(p.at("/summary/vulnerabilities/medium").asInt()).isEqualTo(7);
        assertThat(p.at("/summary/vulnerabilities/low").asInt()).isEqualTo(1);
        JsonNode first = p.get("vulnerabilities").get(0);
        assertThat(first.get("id").asText()).isEqualTo("CVE-2023-49083");
        assertThat(first.get("cvss_score").asDouble()).isEqualTo(5.9);
        assertThat(first.at("/package/name").asText()).isEqualTo("cryptography");
        assertThat(first.at("/package/version").asText()).isEqualTo("41.0.5");
    }

    @Test
    void cycloneDxXmlReadsComponentsLicencesAndDependencies() throws Exception {
        ParsedEvidence parsed = Fixtures.read("cyclonedx/cdx-1.4-laravel-cyclonedx-php-composer.xml");
        assertThat(parsed.format()).isEqualTo("cyclonedx-1.4-xml");
        // python ElementTree: components//component 62, dependencies/dependency 63
        assertThat(parsed.predicate().get("components")).hasSize(62);
        assertThat(parsed.predicate().get("dependencies")).hasSize(63);
        assertThat(parsed.predicate().at("/subject/name").asText()).isEqualTo("cyclonedx-php-composer-demo");
    }

    @Test
    void cycloneDxJsonAndXmlOfTheSameBomGiveTheSameComponents() throws Exception {
        JsonNode json = Fixtures.predicate("cyclonedx/cdx-1.6-spec-valid-bom.json");
        JsonNode xml = Fixtures.predicate("cyclonedx/cdx-1.6-spec-valid-bom.xml");
        assertThat(xml.get("components")).isEqualTo(json.get("components"));
        assertThat(json.get("components")).hasSize(3);
        JsonNode hashes = json.get("components").get(0).get("hashes");
        assertThat(hashes.findValuesAsText("algorithm")).containsExactly("MD5", "SHA-1", "SHA-256", "SHA-512");
    }

    @Test
    void aVexOnlyCycloneDxBomIsReadAsVexStatements() throws Exception {
        ParsedEvidence parsed = Fixtures.read("cyclonedx/cdx-1.4-vex-cisa-case2.json");
        assertThat(parsed.kind()).isEqualTo(EvidenceKind.VEX);
        // python: 19 vulnerabilities, all analysis.state not_affected
        assertThat(parsed.predicate().get("statements")).hasSize(19);
        assertThat(parsed.predicate().get("statements").findValuesAsText("status")).containsOnly("not_affected");
    }

    @Test
    void spdx23LargeReadsPackagesButNotFilesAsComponents() throws Exception {
        ParsedEvidence parsed = Fixtures.read("spdx/spdx-2.3-syft-0.90.0-kubectl-oci-LARGE.spdx.json");
        assertThat(parsed.format()).isEqualTo("spdx-2.3-json");
        // python: 89 packages (1,210 files are not components); only CONTAINS/OTHER relationships → no dependencies
        assertThat(parsed.predicate().get("components")).hasSize(89);
        assertThat(parsed.predicate().get("dependencies")).isEmpty();
    }

    @Test
    void spdxDependsOnRelationshipsBecomeTheDependencyGraph() throws Exception {
        JsonNode p = Fixtures.predicate("spdx/spdx-2.3-trivy-0.58.0-image.spdx.json");
        // python: 124 packages; 53 distinct packages with DEPENDS_ON a package
        assertThat(p.get("components")).hasSize(124);
        assertThat(p.get("dependencies")).hasSize(53);
    }

    @Test
    void spdx3JsonLdReadsPackagesWithResolvedLicencesAndSuppliers() throws Exception {
        ParsedEvidence parsed = Fixtures.read("spdx/spdx-3.0.1-appbomination.spdx3.json");
        assertThat(parsed.format()).isEqualTo("spdx-3.0.1-jsonld");
        // python: 7 elements of type software_Package in @graph
        assertThat(parsed.predicate().get("components")).hasSize(7);
        JsonNode app = parsed.predicate().get("components").get(0);
        assertThat(app.get("name").asText()).isEqualTo("App-BOM-ination");
        assertThat(app.get("licenses")).isNotEmpty();
        assertThat(app.get("supplier").asText()).doesNotStartWith("http");
        // the AI profile's AI and dataset packages are packages too
        assertThat(Fixtures.predicate("spdx/spdx-3.0.1-ai-example.spdx3.json").get("components")).hasSize(2);
    }

    @Test
    void syftReadsArtifactsAndDependencyOfRelationships() throws Exception {
        ParsedEvidence parsed = Fixtures.read("syft/syft-0.101.1-schema-13.0.0-alpine-image.syft.json");
        assertThat(parsed.format()).isEqualTo("syft-13.0.0-json");
        // python: 14 artifacts; 11 distinct children of dependency-of relationships
        assertThat(parsed.predicate().get("components")).hasSize(14);
        assertThat(parsed.predicate().get("dependencies")).hasSize(11);
        assertThat(parsed.predicate().get("components").get(0).get("licenses").get(0).asText()).isEqualTo("GPL-2.0-only");
    }

    @Test
    void syftWithoutASchemaBlockIsStillRecognised() throws Exception {
        ParsedEvidence parsed = Fixtures.read("syft/syft-head-snapshot-full-document-EDGE-no-schema-block.syft.json");
        assertThat(parsed.format()).isEqualTo("syft-json");
        assertThat(parsed.predicate().get("components")).hasSize(2);
        // CPEs given as objects ({"cpe": …}) are read like plain strings
        assertThat(parsed.predicate().get("components").get(0).get("cpes").get(0).asText()).startsWith("cpe:2.3:");
    }

    @Test
    void invalidSbomsNameTheOffendingField() {
        assertRejected("cyclonedx/cdx-1.6-spec-INVALID-dependency-missing-ref.json", "cyclonedx",
                "at /dependencies/0/ref: expected a non-empty string, found nothing (the field is missing)");
        assertRejected("cyclonedx/cdx-1.6-spec-INVALID-serialnumber.json", "cyclonedx", "at /serialNumber: expected a URN UUID");
        assertRejected("spdx/spdx-2.2-tools-java-INVALID-badjson.spdx.json", "spdx",
                "at /creationInfo/creators: expected an array, found the string \"Person: This should be an array\"");
        assertRejected("spdx/spdx-2.2-tools-java-INVALID-v23-fields-declared-v22.spdx.json", "spdx",
                "at /packages/0/primaryPackagePurpose: field \"primaryPackagePurpose\" exists only since SPDX-2.3");
        assertRejected("spdx/spdx-2.x-INVALID-version-as-number.spdx.json", "spdx",
                "at /spdxVersion: expected a non-empty string, found the number 2");
        assertRejected("syft/syft-INVALID-empty-object.json", "syft", "at /artifacts: expected an array, found nothing");
    }

    static void assertRejected(String relative, String type, String expectedDetail) {
        Fixtures.root();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> EvidenceReaders.standard().readAs(type, relative, Fixtures.bytes(relative)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith(relative + ": ")
                .hasMessageContaining(expectedDetail);
    }
}
