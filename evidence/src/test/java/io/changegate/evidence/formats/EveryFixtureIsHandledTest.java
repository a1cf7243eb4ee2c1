package io.changegate.evidence.formats;

import io.changegate.evidence.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Walks every file under {@code ../shared/fixtures}: each one is either read by these readers
 * (valid and EDGE files parse into the kind their folder promises, INVALID files are rejected
 * with a located message) or excluded here, by name, with the reason. Nothing is silently skipped.
 */
class EveryFixtureIsHandledTest {
    /** Folder → the readAs type name and the kind its documents normally have. */
    private static final Map<String, Folder> FOLDERS = Map.ofEntries(
            Map.entry("cyclonedx", new Folder("cyclonedx", EvidenceKind.SBOM)),
            Map.entry("spdx", new Folder("spdx", EvidenceKind.SBOM)),
            Map.entry("syft", new Folder("syft", EvidenceKind.SBOM)),
            Map.entry("trivy", new Folder("trivy", EvidenceKind.VULNERABILITIES)),
            Map.entry("grype", new Folder("grype", EvidenceKind.VULNERABILITIES)),
            Map.entry("snyk", new Folder("snyk", EvidenceKind.VULNERABILITIES)),
            Map.entry("sarif", new Folder("sarif", EvidenceKind.FINDINGS)),
            Map.entry("zap", new Folder("zap", EvidenceKind.DAST)),
            Map.entry("junit", new Folder("junit", EvidenceKind.TESTS)),
            Map.entry("jacoco", new Folder("jacoco", EvidenceKind.COVERAGE)),
            Map.entry("cobertura", new Folder("cobertura", EvidenceKind.COVERAGE)),
            Map.entry("openvex", new Folder("openvex", EvidenceKind.VEX)),
            Map.entry("intoto-slsa", new Folder("slsa-provenance", EvidenceKind.PROVENANCE)));

    /** Files whose kind differs from their folder's. */
    private static final Map<String, EvidenceKind> KIND_EXCEPTIONS = Map.of(
            "cyclonedx/cdx-1.4-vex-cisa-case2.json", EvidenceKind.VEX,
            "snyk/snyk-code-test-sarif-with-suppressions.json", EvidenceKind.FINDINGS,
            "snyk/snyk-iac-test-array.json", EvidenceKind.FINDINGS);

    private record Folder(String type, EvidenceKind kind) {
    }

    /** Why a path is not read here; checked in order, the first match wins. */
    static String exclusionReason(String relative) {
        if (relative.equals("README.md") || relative.equals("SOURCES.tsv") || relative.startsWith("LICENSES/")) {
            return "fixture documentation and licences, not evidence";
        }
        if (relative.contains("/trust/") || relative.contains("/artifacts/") || relative.contains("/schema/")) {
            return "keys, trusted roots, signed artifacts and schemas that other documents need (README: not evidence documents)";
        }
        if (relative.startsWith("sigstore/")) {
            return "Sigstore bundles and cosign envelopes: unwrapped and verified by io.changegate.evidence.envelope/verify";
        }
        if (relative.startsWith("intoto-slsa/") && !relative.endsWith("-plain.json")) {
            return "DSSE envelopes and Sigstore bundles: unwrapped and verified by io.changegate.evidence.envelope/verify;"
                    + " their predicates reach these readers through readAs(predicateType)";
        }
        if (relative.startsWith("k8s-admissionreview/")) {
            return "Kubernetes AdmissionReview requests: read by the admission webhook (issue 4), not evidence";
        }
        if (relative.startsWith("ack-rds/")) {
            return "Kubernetes manifests (ACK RDS) for admission and gate policies, not evidence";
        }
        return null;
    }

    static Stream<String> evidenceFixtures() throws IOException {
        Path root = Fixtures.rootOrNull();
        if (root == null) {
            return Stream.of("<shared fixtures absent>");
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (exclusionReason(relative) == null) {
                    out.add(relative);
                }
            }
        }
        return out.stream();
    }

    @Test
    void everyFixtureFileIsEitherReadHereOrExcludedWithAReason() throws IOException {
        Path root = Fixtures.root();
        List<String> unclassified = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (exclusionReason(relative) != null) {
                    continue;
                }
                read++;
                if (!FOLDERS.containsKey(relative.substring(0, Math.max(0, relative.indexOf('/'))))) {
                    unclassified.add(relative);
                }
            }
        }
        assertThat(unclassified).as("fixtures in no known folder: add a reader or an exclusion").isEmpty();
        // 113 files in the twelve report folders plus 2 plain in-toto Statements as of the fixture
        // snapshot (find cyclonedx spdx … openvex -type f | wc -l; ls intoto-slsa/*-plain.json); more is fine.
        assertThat(read).isGreaterThanOrEqualTo(115);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evidenceFixtures")
    void validAndEdgeFixturesParseAndInvalidOnesAreRejectedWithALocation(String relative) throws Exception {
        Fixtures.root();
        String folderName = relative.substring(0, relative.indexOf('/'));
        Folder folder = FOLDERS.get(folderName);
        byte[] bytes = Fixtures.bytes(relative);
        EvidenceReaders readers = EvidenceReaders.standard();
        if (relative.contains("INVALID")) {
            EvidenceFormatException detected = catchThrowableOfType(EvidenceFormatException.class, () -> readers.read(relative, bytes));
            EvidenceFormatException declared = catchThrowableOfType(EvidenceFormatException.class,
                    () -> readers.readAs(folder.type(), relative, bytes));
            for (EvidenceFormatException e : List.of(detected, declared)) {
                assertThat(e).as("INVALID %s must be rejected", relative).isNotNull();
                assertThat(e.getMessage()).startsWith(relative + ": ").contains("expected");
                assertThat(e.line().isPresent() || e.field().isPresent())
                        .as("the error names a line or a field: %s", e.getMessage()).isTrue();
            }
            return;
        }
        ParsedEvidence parsed = readers.read(relative, bytes);
        assertThat(parsed.kind()).isEqualTo(KIND_EXCEPTIONS.getOrDefault(relative, folder.kind()));
        assertThat(parsed.predicate().isObject()).isTrue();
        // Reading with the declared type gives the same predicate as detection.
        String declaredType = relative.equals("snyk/snyk-code-test-sarif-with-suppressions.json") ? "sarif" : folder.type();
        assertThat(readers.readAs(declaredType, relative, bytes)).isEqualTo(parsed);
    }

    /** StAX reports an element's position just after its start tag: here the end of {@code <testsuites name="pytest tests">}. */
    @Test
    void aFixtureOfOneFormatIsRejectedWhenReadAsAnother() {
        Fixtures.root();
        String relative = "junit/junit-pytest-xunit.xml";
        assertThatThrownBy(() -> EvidenceReaders.standard().readAs("cobertura", relative, Fixtures.bytes(relative)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessage(relative + ": line 2, column 33: expected a Cobertura <coverage> root element, found <testsuites>");
    }
}
