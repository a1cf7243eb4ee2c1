package io.changegate.evidence.formats;

import io.changegate.evidence.model.PackageRef;
import io.changegate.evidence.model.Severity;
import io.changegate.evidence.model.VexDocument;
import io.changegate.evidence.model.VexDocument.Product;
import io.changegate.evidence.model.VexDocument.VexStatement;
import io.changegate.evidence.model.VexStatus;
import io.changegate.evidence.model.Vulnerability;
import io.changegate.evidence.model.VulnerabilityReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** VEX statements applied to vulnerability reports, whichever scanner wrote them. */
class VexApplierTest {
    private static final String DEBUG_PURL = "pkg:npm/debug@3.0.1";

    private static Vulnerability vulnerability(String id, List<String> aliases, String purl, Severity severity) {
        return new Vulnerability(id, aliases, null, severity, null, null, null, new PackageRef("p", "1", purl, null),
                null, null, null, null, null);
    }

    private static VexStatement statement(String id, VexStatus status, String timestamp, Product... products) {
        return new VexStatement(id, List.of(), List.of(products), status, null, null, null, timestamp);
    }

    private static VulnerabilityReport report(Vulnerability... vulnerabilities) {
        return VulnerabilityReport.of("test", null, "registry.example/app:1", List.of(vulnerabilities), List.of());
    }

    private static VexDocument vex(VexStatement... statements) {
        return new VexDocument("vex-1", "me", null, null, "1", List.of(statements));
    }

    @Test
    void aMatchingStatementSetsTheStatusAndTheOpenCountsDropIt() {
        VulnerabilityReport report = report(vulnerability("CVE-1", List.of(), DEBUG_PURL, Severity.HIGH),
                vulnerability("CVE-2", List.of(), DEBUG_PURL, Severity.CRITICAL));
        VulnerabilityReport applied = VexApplier.apply(report, List.of(vex(
                statement("CVE-1", VexStatus.NOT_AFFECTED, null, new Product("pkg:npm/debug@3.0.1", List.of())))));
        assertThat(applied.vulnerabilities().get(0).vexStatus()).isEqualTo(VexStatus.NOT_AFFECTED);
        assertThat(applied.vulnerabilities().get(0).vexSource()).isEqualTo("vex-1");
        assertThat(applied.vulnerabilities().get(1).vexStatus()).isNull();
        assertThat(applied.summary().bySeverity().total()).isEqualTo(2);
        assertThat(applied.summary().openBySeverity().high()).isZero();
        assertThat(applied.summary().openBySeverity().critical()).isEqualTo(1);
    }

    @Test
    void aliasesQualifiersAndVersionlessProductsMatch() {
        Vulnerability ghsa = vulnerability("GHSA-xxxx", List.of("CVE-2017-16137"), "pkg:npm/debug@3.0.1?foo=bar", Severity.LOW);
        VulnerabilityReport applied = VexApplier.apply(report(ghsa), List.of(vex(
                statement("cve-2017-16137", VexStatus.FIXED, null, new Product("pkg:npm/debug", List.of())))));
        assertThat(applied.vulnerabilities().getFirst().vexStatus()).isEqualTo(VexStatus.FIXED);
    }

    @Test
    void anotherVersionOrPackageDoesNotMatch() {
        VulnerabilityReport applied = VexApplier.apply(report(vulnerability("CVE-1", List.of(), DEBUG_PURL, Severity.HIGH)),
                List.of(vex(statement("CVE-1", VexStatus.NOT_AFFECTED, null, new Product("pkg:npm/debug@4.0.0", List.of())),
                        statement("CVE-1", VexStatus.NOT_AFFECTED, null, new Product("pkg:npm/other@3.0.1", List.of())),
                        statement("CVE-9", VexStatus.NOT_AFFECTED, null, new Product(DEBUG_PURL, List.of())))));
        assertThat(applied.vulnerabilities().getFirst().vexStatus()).isNull();
    }

    @Test
    void subcomponentsNarrowAProductAndTheSubjectCoversEveryPackage() {
        Vulnerability libssl = vulnerability("CVE-2023-3446", List.of(), "pkg:apk/alpine/libssl3@3.0.8-r3?arch=x86_64", Severity.MEDIUM);
        Vulnerability busybox = vulnerability("CVE-2023-3446", List.of(), "pkg:apk/alpine/busybox@1.36", Severity.MEDIUM);
        Product image = new Product("pkg:oci/alpine@sha256%3A124c", List.of("pkg:apk/alpine/libssl3@3.0.8-r3"));
        VulnerabilityReport narrowed = VexApplier.apply(report(libssl, busybox),
                List.of(vex(statement("CVE-2023-3446", VexStatus.NOT_AFFECTED, null, image))));
        assertThat(narrowed.vulnerabilities()).extracting(Vulnerability::vexStatus).containsExactly(VexStatus.NOT_AFFECTED, null);

        VulnerabilityReport whole = VexApplier.apply(report(libssl, busybox),
                List.of(vex(statement("CVE-2023-3446", VexStatus.AFFECTED, null, new Product("pkg:oci/alpine@sha256%3A124c", List.of())))),
                Set.of("pkg:oci/alpine@sha256%3A124c"));
        assertThat(whole.vulnerabilities()).extracting(Vulnerability::vexStatus).containsOnly(VexStatus.AFFECTED);
    }

    @Test
    void theLatestStatementWinsWhateverTheOrderOfDocuments() {
        Product debug = new Product(DEBUG_PURL, List.of());
        VexDocument later = vex(statement("CVE-1", VexStatus.FIXED, "2024-02-01T00:00:00Z", debug));
        VexDocument earlier = vex(statement("CVE-1", VexStatus.UNDER_INVESTIGATION, "2024-01-01T00:00:00+01:00", debug));
        VulnerabilityReport report = report(vulnerability("CVE-1", List.of(), DEBUG_PURL, Severity.HIGH));
        assertThat(VexApplier.apply(report, List.of(later, earlier)).vulnerabilities().getFirst().vexStatus()).isEqualTo(VexStatus.FIXED);
        assertThat(VexApplier.apply(report, List.of(earlier, later)).vulnerabilities().getFirst().vexStatus()).isEqualTo(VexStatus.FIXED);
    }

    @Test
    void aStatementWithoutProductsAppliesToTheVulnerabilityEverywhere() {
        VulnerabilityReport applied = VexApplier.apply(report(vulnerability("CVE-2021-44228", List.of(), "pkg:maven/a/b@1", Severity.CRITICAL)),
                List.of(vex(statement("CVE-2021-44228", VexStatus.AFFECTED, null))));
        assertThat(applied.vulnerabilities().getFirst().vexStatus()).isEqualTo(VexStatus.AFFECTED);
        assertThat(applied.summary().openBySeverity().critical()).isEqualTo(1);
    }

    @Test
    void parsedPredicatesCanBeCombinedDirectly() throws Exception {
        EvidenceReaders readers = EvidenceReaders.standard();
        ParsedEvidence grype = readers.read("grype.json", ProvenanceAndVexReadersTest.utf8("""
                {"matches": [{"vulnerability": {"id": "CVE-2022-23628", "severity": "High"},
                  "artifact": {"name": "opa", "version": "v0.35.0", "type": "go-module",
                               "purl": "pkg:golang/github.com/open-policy-agent/opa@v0.35.0"}}],
                 "source": {"type": "directory", "target": "."}, "descriptor": {"name": "grype", "version": "0.96.0"}}"""));
        ParsedEvidence openVex = readers.read("vex.json", ProvenanceAndVexReadersTest.utf8("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex-1", "author": "me",
                 "timestamp": "2024-07-09T11:38:00+04:00", "version": 1,
                 "statements": [{"vulnerability": {"@id": "CVE-2022-23628"},
                   "products": [{"@id": "pkg:golang/github.com/testdata/testdata",
                                 "subcomponents": [{"@id": "pkg:golang/github.com/open-policy-agent/opa@v0.35.0"}]}],
                   "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}"""));
        ParsedEvidence applied = VexApplier.apply(grype, List.of(openVex));
        assertThat(applied.predicate().at("/vulnerabilities/0/vex_status").asText()).isEqualTo("not_affected");
        assertThat(applied.predicate().at("/vulnerabilities/0/vex_justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
        assertThat(applied.predicate().at("/summary/open_by_severity/high").asInt()).isZero();
        assertThat(applied.predicate().at("/summary/by_severity/high").asInt()).isEqualTo(1);
    }
}
