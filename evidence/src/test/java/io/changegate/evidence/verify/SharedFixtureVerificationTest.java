package io.changegate.evidence.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.Envelope;
import io.changegate.evidence.envelope.EnvelopeFormatException;
import io.changegate.evidence.envelope.Envelopes;
import io.changegate.evidence.envelope.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Sigstore and in-toto/SLSA fixtures of {@code ../shared/fixtures}: valid ones verify, NEGATIVE
 * ones fail at the check the fixture was made to break, INVALID ones are rejected as malformed.
 */
class SharedFixtureVerificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEACON = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon"
            + "/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private static final String GITHUB_ACTIONS = "https://token.actions.githubusercontent.com";
    private static final IdentityPolicy CONFORMANCE_BEACON = new IdentityPolicy(
            IdentityPolicy.Match.exactly(BEACON), IdentityPolicy.Match.exactly(GITHUB_ACTIONS));
    private static final IdentityPolicy SLSA_GENERATOR = new IdentityPolicy(
            IdentityPolicy.Match.regex("https://github\\.com/slsa-framework/slsa-github-generator/\\.github/workflows/[^@]+@refs/(tags/v[0-9.]+|heads/main)"),
            IdentityPolicy.Match.exactly(GITHUB_ACTIONS));

    // ------------------------------------------------------------------ helpers

    private static TrustedRoot root(String relative) {
        return TrustedRoot.parse(relative, SharedFixtures.bytes(relative));
    }

    private static TrustedRoot publicGood() {
        return root("sigstore/trust/sigstore-public-good-trusted_root-2023.json");
    }

    private static VerificationPolicy.Builder keyed(String relative) {
        return VerificationPolicy.builder().key(Path.of(relative).getFileName().toString(),
                PublicKeys.fromPem(relative, new String(SharedFixtures.bytes(relative), StandardCharsets.US_ASCII)));
    }

    private static String sha256Of(String relative) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SharedFixtures.bytes(relative)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Envelope> envelopes(String relative) {
        return Envelopes.parse(relative, SharedFixtures.bytes(relative));
    }

    private static VerificationResult verifySingle(String relative, VerificationPolicy.Builder policy) {
        List<Envelope> envelopes = envelopes(relative);
        assertThat(envelopes).as(relative).hasSize(1);
        return new EvidenceVerifier(policy.build()).verify(envelopes.get(0));
    }

    private static VerificationResult verifyBytes(byte[] json, VerificationPolicy.Builder policy) {
        return new EvidenceVerifier(policy.build()).verify(Envelopes.parse("edited", json).get(0));
    }

    private static void assertVerified(VerificationResult result) {
        assertThat(result.failure()).as("failure of %s", result.checks()).isNull();
        assertThat(result.verified()).isTrue();
    }

    private static ObjectNode tree(String relative) {
        try {
            // The .jsonl fixtures hold one bundle on their first line; the others are one JSON document.
            String text = new String(SharedFixtures.bytes(relative), StandardCharsets.UTF_8);
            return (ObjectNode) JSON.readTree(relative.endsWith(".jsonl") ? text.lines().findFirst().orElseThrow() : text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytesOf(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode firstTlogEntry(ObjectNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
    }

    // ------------------------------------------------------------------ every fixture is accounted for

    @Test
    void everyFixtureInTheSigstoreAndSlsaFoldersHasAnExpectationHere() throws IOException {
        Set<String> covered = Set.of(
                "sigstore/bundle-INVALID-truncated-json.sigstore.json",
                "sigstore/bundle-v0.1-NEGATIVE-signature-mismatch-a.txt.sigstore.json",
                "sigstore/bundle-v0.2-NEGATIVE-cert-outside-trust-root-validity-d.txt.sigstore.json",
                "sigstore/bundle-v0.2-dsse-custom-trust-root-d.txt.sigstore.json",
                "sigstore/bundle-v0.3-NEGATIVE-dsse-envelope-not-matching-tlog-a.txt.sigstore.json",
                "sigstore/bundle-v0.3-NEGATIVE-integrated-time-outside-cert-validity-a.txt.sigstore.json",
                "sigstore/bundle-v0.3-dsse-intoto-a.txt.sigstore.json",
                "sigstore/bundle-v0.3-legacy-mediatype-message-signature-a.txt.sigstore.json",
                "sigstore/bundle-v0.3-managed-key-a.txt.sigstore.json",
                "sigstore/bundle-v0.3-message-signature-a.txt.sigstore.json",
                "sigstore/bundle-v0.3-rekor-v2-hashedrekord-staging-a.txt.sigstore.json",
                "sigstore/cosign-attest-bundle-v0.3-oci-image.sigstore.json",
                "sigstore/cosign-attest-dsse-NEGATIVE-tampered-payload.att.json",
                "sigstore/cosign-attest-dsse-cyclonedx-predicate-alpine.att.json",
                "intoto-slsa/gcb-provenance-slsa-v0.1-container.dsse-kms.json",
                "intoto-slsa/intoto-statement-v0.1-slsa-v0.2-npm-sigstore-js-plain.json",
                "intoto-slsa/intoto-statement-v1-slsa-v1-plain.json",
                "intoto-slsa/npm-attestations-NEGATIVE-invalid-provenance-signature.json",
                "intoto-slsa/npm-attestations-publish-v0.1-and-slsa-v1.json",
                "intoto-slsa/slsa-v0.2-NEGATIVE-expired-cert.dsse.intoto.jsonl",
                "intoto-slsa/slsa-v0.2-NEGATIVE-untrusted-builder-fork.dsse.intoto.jsonl",
                "intoto-slsa/slsa-v0.2-gha-generic-generator-v2.1.0.sigstore-bundle-v0.3.jsonl",
                "intoto-slsa/slsa-v0.2-gha-go-builder.dsse-with-embedded-cert.intoto.jsonl",
                "intoto-slsa/slsa-v1-NEGATIVE-bcr-wrong-signer.sigstore-bundle-v0.3.jsonl",
                "intoto-slsa/slsa-v1-bcid-vsa-gce-image.dsse.jsonl",
                "intoto-slsa/slsa-v1-gha-container-based-builder-v2.1.0.sigstore-bundle-v0.2.json",
                "intoto-slsa/slsa-v1-gha-maven-builder-v2.1.0.sigstore-bundle-v0.2.json");
        Path root = SharedFixtures.root();
        for (String folder : List.of("sigstore", "intoto-slsa")) {
            try (Stream<Path> files = Files.list(root.resolve(folder))) {
                files.filter(Files::isRegularFile)
                        .map(p -> folder + "/" + p.getFileName())
                        .forEach(name -> assertThat(covered).as("fixture without a test").contains(name));
            }
        }
    }

    // ------------------------------------------------------------------ valid Sigstore bundles

    @Test
    void aV03MessageSignatureBundleVerifiesWithTheLogProofsAndTheSignerIdentity() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-message-signature-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(CONFORMANCE_BEACON)
                        .subjectDigest(sha256Of("sigstore/artifacts/a.txt")));
        assertVerified(result);
        assertThat(result.checks()).anyMatch(c -> c.startsWith("certificate chain: issued by trusted Fulcio CA sigstore.dev"))
                .anyMatch(c -> c.startsWith("signature: message signature verified"))
                .anyMatch(c -> c.startsWith("tlog: signed entry timestamp from https://rekor.sigstore.dev verified"))
                .anyMatch(c -> c.startsWith("tlog: inclusion proof verified to signed checkpoint"))
                .anyMatch(c -> c.startsWith("time: certificate valid at time of signing 2024-03-19T17:26:26Z"))
                .anyMatch(c -> c.equals("identity: " + BEACON + " issued by " + GITHUB_ACTIONS))
                .anyMatch(c -> c.startsWith("subject: the signature covers sha256:a0cfc712"));
        assertThat(result.signer()).startsWith(BEACON);
    }

    @Test
    void theLegacyV03MediaTypeSpellingVerifiesToo() {
        assertVerified(verifySingle("sigstore/bundle-v0.3-legacy-mediatype-message-signature-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(CONFORMANCE_BEACON)
                        .subjectDigest(sha256Of("sigstore/artifacts/a.txt"))));
    }

    @Test
    void aDsseBundleOverAnInTotoStatementVerifiesForItsSubject() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-dsse-intoto-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(CONFORMANCE_BEACON)
                        .subjectDigest(sha256Of("sigstore/artifacts/a.txt")));
        assertVerified(result);
        assertThat(result.checks()).anyMatch(c -> c.contains("(dsse 0.0.1) records this signature"));
        assertThat(result.subjects()).containsExactly("a.txt " + sha256Of("sigstore/artifacts/a.txt"));
    }

    @Test
    void aBundleUnderACustomTrustedRootVerifiesWithItsLogAndTimestampAuthority() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.2-dsse-custom-trust-root-d.txt.sigstore.json",
                VerificationPolicy.builder().identity(CONFORMANCE_BEACON)
                        .trustedRoot(root("sigstore/trust/bundle-v0.2-dsse-custom-trust-root-d.txt.trusted_root.json"))
                        .subjectDigest(sha256Of("sigstore/artifacts/d.txt")));
        assertVerified(result);
        assertThat(result.checks()).anyMatch(c -> c.startsWith("timestamp: RFC 3161 timestamp from sigstore.mock sigstore verified"))
                .anyMatch(c -> c.contains("(intoto 0.0.2) records this signature"));
    }

    @Test
    void aManagedKeyBundleVerifiesWithItsKeyAndTheLog() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-managed-key-a.txt.sigstore.json",
                keyed("sigstore/trust/bundle-v0.3-managed-key-a.txt.key.pub").trustedRoot(publicGood())
                        .subjectDigest(sha256Of("sigstore/artifacts/a.txt")));
        assertVerified(result);
        assertThat(result.signer()).startsWith("key bundle-v0.3-managed-key-a.txt.key.pub (ECDSA P-256");
        assertThat(result.checks()).anyMatch(c -> c.startsWith("tlog: signed entry timestamp"));
    }

    @Test
    void aManagedKeyBundleWithoutItsKeyIsNotVerified() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-managed-key-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()));
        assertThat(result.verified()).isFalse();
        assertThat(result.failure()).startsWith("signature: the bundle is signed with a managed key (hint TLMsSDfG3");
    }

    @Test
    void aRekorV2BundleIsDatedByItsTimestampAndProvedByAnEd25519SignedCheckpoint() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-rekor-v2-hashedrekord-staging-a.txt.sigstore.json",
                VerificationPolicy.builder().identity(CONFORMANCE_BEACON)
                        .trustedRoot(root("sigstore/trust/bundle-v0.3-rekor-v2-hashedrekord-staging-a.txt.trusted_root.json"))
                        .subjectDigest(sha256Of("sigstore/artifacts/a.txt")));
        assertVerified(result);
        assertThat(result.checks()).noneMatch(c -> c.startsWith("tlog: signed entry timestamp"))
                .anyMatch(c -> c.startsWith("tlog: inclusion proof verified to signed checkpoint of https://log2025-alpha1.rekor.sigstage.dev"))
                .anyMatch(c -> c.contains("(hashedrekord 0.0.2) records this signature"))
                .anyMatch(c -> c.startsWith("time: certificate valid at time of signing 2025-06-12T12:02:20Z (per RFC 3161 timestamp)"));
    }

    @Test
    void cosignsBundleForAnOciAttestationVerifiesForAnEmailIdentity() {
        VerificationResult result = verifySingle("sigstore/cosign-attest-bundle-v0.3-oci-image.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(new IdentityPolicy(
                        IdentityPolicy.Match.regex(".*@soyland\\.com"), IdentityPolicy.Match.exactly("https://github.com/login/oauth"))));
        assertVerified(result);
        assertThat(result.signer()).isEqualTo("cody@soyland.com (issuer https://github.com/login/oauth)");
    }

    @Test
    void slsaGithubGeneratorBundlesVerifyForTheTrustedReusableWorkflow() {
        for (String file : List.of("intoto-slsa/slsa-v0.2-gha-generic-generator-v2.1.0.sigstore-bundle-v0.3.jsonl",
                "intoto-slsa/slsa-v1-gha-container-based-builder-v2.1.0.sigstore-bundle-v0.2.json",
                "intoto-slsa/slsa-v1-gha-maven-builder-v2.1.0.sigstore-bundle-v0.2.json")) {
            VerificationResult result = verifySingle(file,
                    VerificationPolicy.builder().trustedRoot(root("intoto-slsa/trust/sigstore-public-good-trusted_root-2023.json"))
                            .identity(SLSA_GENERATOR));
            assertVerified(result);
            assertThat(result.signer()).as(file).startsWith("https://github.com/slsa-framework/slsa-github-generator/");
        }
    }

    @Test
    void npmsProvenanceBundleVerifiesWhileItsRegistryAttestationNeedsNpmsKey() {
        List<Envelope> envelopes = envelopes("intoto-slsa/npm-attestations-publish-v0.1-and-slsa-v1.json");
        assertThat(envelopes).hasSize(2);
        EvidenceVerifier verifier = new EvidenceVerifier(VerificationPolicy.builder().trustedRoot(publicGood())
                .identity(new IdentityPolicy(IdentityPolicy.Match.exactly(
                        "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main"),
                        IdentityPolicy.Match.exactly(GITHUB_ACTIONS))).build());
        assertThat(envelopes.get(0).location()).contains("publish/v0.1");
        assertThat(verifier.verify(envelopes.get(0)).failure()).startsWith("signature: the bundle is signed with a managed key");
        assertThat(envelopes.get(1).location()).contains("https://slsa.dev/provenance/v1");
        assertVerified(verifier.verify(envelopes.get(1)));
    }

    // ------------------------------------------------------------------ valid keyed envelopes

    @Test
    void cosignsDsseAttestationVerifiesWithItsKey() {
        VerificationResult result = verifySingle("sigstore/cosign-attest-dsse-cyclonedx-predicate-alpine.att.json",
                keyed("sigstore/trust/cosign-attest.cosign.pub"));
        assertVerified(result);
        assertThat(result.checks()).containsExactly(
                "signature: DSSE signature over the DSSE PAE verified with key cosign-attest.cosign.pub (ECDSA-P256-SHA256)");
    }

    @Test
    void theBcidVsaVerifiesWithAnIeeeP1363EncodedSignature() {
        VerificationResult result = verifySingle("intoto-slsa/slsa-v1-bcid-vsa-gce-image.dsse.jsonl",
                keyed("intoto-slsa/trust/slsa-v1-bcid-vsa-gce-image.vsa_signing_public_key.pem"));
        assertVerified(result);
        assertThat(result.checks().get(0)).endsWith("(ECDSA-P256-SHA256-P1363)");
    }

    @Test
    void cloudBuildProvenanceVerifiesOverTheRawPayloadButOnlyBecauseItIsACloudBuildSummary() {
        List<Envelope> envelopes = envelopes("intoto-slsa/gcb-provenance-slsa-v0.1-container.dsse-kms.json");
        assertThat(envelopes).hasSize(1);
        DsseEnvelope gcb = (DsseEnvelope) envelopes.get(0);
        assertThat(gcb.signing()).isEqualTo(DsseEnvelope.Signing.LEGACY_RAW_PAYLOAD);
        VerificationPolicy policy = keyed("intoto-slsa/trust/gcb-builtByGCB-us-west2.pub.pem")
                .subjectDigest("sha256:f472ca4b68898c951ac3b476cba919d0d56fca4ced631fabcead51e4b2b690e7").build();
        VerificationResult result = new EvidenceVerifier(policy).verify(gcb);
        assertVerified(result);
        assertThat(result.checks().get(0)).contains("over the raw payload");
        // The same envelope read as ordinary DSSE must not verify: PAE is what DSSE signs.
        DsseEnvelope asPae = new DsseEnvelope(gcb.payloadType(), gcb.payload(), gcb.signatures(), DsseEnvelope.Signing.PAE, "");
        assertThat(new EvidenceVerifier(policy).verify(asPae).failure()).startsWith("signature: does not verify with key gcb-builtByGCB-us-west2.pub.pem");
    }

    @Test
    void aBareDsseWithAnEmbeddedCertificateVerifiesOfflineOnlyWhenUntimestampedSignaturesAreAccepted() {
        String file = "intoto-slsa/slsa-v0.2-gha-go-builder.dsse-with-embedded-cert.intoto.jsonl";
        VerificationResult strict = verifySingle(file, VerificationPolicy.builder().trustedRoot(publicGood()).identity(SLSA_GENERATOR));
        assertThat(strict.failure()).startsWith("certificate expired at time of verification: valid from 2023-02-01T10:23:11Z to 2023-02-01T10:33:11Z");

        VerificationResult lenient = verifySingle(file, VerificationPolicy.builder().trustedRoot(publicGood())
                .identity(SLSA_GENERATOR).allowUntimestamped(true));
        assertVerified(lenient);
        assertThat(lenient.checks()).anyMatch(c -> c.startsWith("time: UNPROVEN"));
    }

    @Test
    void plainStatementsParseButAreReportedAsUnsigned() {
        for (String file : List.of("intoto-slsa/intoto-statement-v1-slsa-v1-plain.json",
                "intoto-slsa/intoto-statement-v0.1-slsa-v0.2-npm-sigstore-js-plain.json")) {
            VerificationResult result = verifySingle(file, VerificationPolicy.builder().trustedRoot(publicGood()));
            assertThat(result.verified()).isFalse();
            assertThat(result.failure()).startsWith("signature: the in-toto Statement is not signed");
            assertThat(result.subjects()).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ NEGATIVE fixtures fail for their reason

    @Test
    void aSignatureThatDoesNotMatchTheArtifactFailsTheSignatureCheck() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.1-NEGATIVE-signature-mismatch-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(CONFORMANCE_BEACON));
        assertThat(result.verified()).isFalse();
        assertThat(result.failure()).isEqualTo("signature: does not verify with the certificate's key");
        assertThat(result.checks()).singleElement().asString().startsWith("certificate chain:");
    }

    @Test
    void aCertificateIssuedOutsideItsValidityAtSigningTimeFails() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.2-NEGATIVE-cert-outside-trust-root-validity-d.txt.sigstore.json",
                VerificationPolicy.builder().identity(CONFORMANCE_BEACON).trustedRoot(
                        root("sigstore/trust/bundle-v0.2-NEGATIVE-cert-outside-trust-root-validity-d.txt.trusted_root.json")));
        assertThat(result.failure()).startsWith("certificate not yet valid at time of signing: valid from 2030-01-01T00:00:00Z")
                .endsWith("signing at 2023-02-01T00:00:00Z (per transparency log integrated time)");
    }

    @Test
    void aDsseEnvelopeThatIsNotTheOneTheLogRecordedFailsTheTlogCheck() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-NEGATIVE-dsse-envelope-not-matching-tlog-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(CONFORMANCE_BEACON));
        assertThat(result.failure()).startsWith("tlog: entry body records payload hash sha256:d6b209ba");
        assertThat(result.checks()).anyMatch(c -> c.startsWith("signature: DSSE signature verified"));
    }

    @Test
    void anIntegratedTimeAfterTheCertificateExpiredFails() {
        VerificationResult result = verifySingle("sigstore/bundle-v0.3-NEGATIVE-integrated-time-outside-cert-validity-a.txt.sigstore.json",
                VerificationPolicy.builder().trustedRoot(publicGood()));
        assertThat(result.failure()).startsWith("certificate expired at time of signing: valid from 2026-05-07T15:18:10Z to 2026-05-07T15:28:10Z, signing at 2026-05-07T15:34:11Z");
        assertThat(result.checks()).anyMatch(c -> c.startsWith("tlog: signed entry timestamp"));
    }

    @Test
    void aTamperedCosignAttestationFailsTheSignatureCheck() {
        VerificationResult result = verifySingle("sigstore/cosign-attest-dsse-NEGATIVE-tampered-payload.att.json",
                keyed("sigstore/trust/cosign-attest.cosign.pub"));
        assertThat(result.failure()).isEqualTo("signature: does not verify with key cosign-attest.cosign.pub");
    }

    @Test
    void npmsProvenanceWithAnAppendedByteFailsTheSignatureCheck() {
        List<Envelope> envelopes = envelopes("intoto-slsa/npm-attestations-NEGATIVE-invalid-provenance-signature.json");
        VerificationResult result = new EvidenceVerifier(VerificationPolicy.builder().trustedRoot(publicGood()).build())
                .verify(envelopes.get(1));
        assertThat(result.failure()).isEqualTo("signature: does not verify with the certificate's key");
    }

    @Test
    void aCertificateNotIssuedByTheTrustedFulcioRootFailsTheChainCheck() {
        // The leaf names the 2021 Fulcio root as issuer and expired on 2022-06-20, but that root's key
        // never signed it: the chain check fails before expiry is even considered.
        for (boolean lenient : new boolean[]{false, true}) {
            VerificationResult result = verifySingle("intoto-slsa/slsa-v0.2-NEGATIVE-expired-cert.dsse.intoto.jsonl",
                    VerificationPolicy.builder().trustedRoot(publicGood()).identity(SLSA_GENERATOR).allowUntimestamped(lenient));
            assertThat(result.failure()).isEqualTo("certificate chain: not issued by a trusted Fulcio CA (issuer CN=sigstore,O=sigstore.dev:"
                    + " a trusted CA has that name, but its key did not sign this certificate)");
        }
    }

    @Test
    void provenanceFromAForkedBuilderFailsTheIdentityCheck() {
        VerificationResult result = verifySingle("intoto-slsa/slsa-v0.2-NEGATIVE-untrusted-builder-fork.dsse.intoto.jsonl",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(SLSA_GENERATOR).allowUntimestamped(true));
        assertThat(result.failure()).startsWith("identity: SAN https://github.com/asraa/slsa-github-generator/.github/workflows/builder_go_slsa3.yml@refs/tags/v1.4.0 does not match regex ");
        assertThat(result.checks()).anyMatch(c -> c.startsWith("signature: DSSE signature verified"));
    }

    @Test
    void anAttestationSignedByAnotherWorkflowThanItsPredicateClaimsFailsTheIdentityCheck() {
        String claimedBuilder = "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml@refs/tags/v0.0.1";
        VerificationResult result = verifySingle("intoto-slsa/slsa-v1-NEGATIVE-bcr-wrong-signer.sigstore-bundle-v0.3.jsonl",
                VerificationPolicy.builder().trustedRoot(publicGood()).identity(new IdentityPolicy(
                        IdentityPolicy.Match.exactly(claimedBuilder), IdentityPolicy.Match.exactly(GITHUB_ACTIONS))));
        assertThat(result.failure()).isEqualTo("identity: SAN https://github.com/loosebazooka/aa-test/.github/workflows/malicious_attestation.yaml@refs/heads/main"
                + " does not match " + claimedBuilder);
        assertThat(result.checks()).anyMatch(c -> c.startsWith("tlog: inclusion proof verified"));
    }

    @Test
    void aTruncatedBundleIsRejectedAsMalformedJsonNamingTheFileAndPosition() {
        String relative = "sigstore/bundle-INVALID-truncated-json.sigstore.json";
        byte[] bytes = SharedFixtures.bytes(relative); // read first: skips the test cleanly when ../shared is absent
        assertThatThrownBy(() -> Envelopes.parse(relative, bytes))
                .isInstanceOf(EnvelopeFormatException.class)
                .hasMessageStartingWith("sigstore/bundle-INVALID-truncated-json.sigstore.json: line 1, column ")
                .hasMessageContaining("not valid JSON: Unexpected end-of-input");
    }

    // ------------------------------------------------------------------ tampering with valid bundles

    private static final String A_TXT_BUNDLE = "sigstore/bundle-v0.3-message-signature-a.txt.sigstore.json";

    @Test
    void aBrokenAuditPathIsAnInclusionProofRootMismatch() {
        ObjectNode bundle = tree(A_TXT_BUNDLE);
        ArrayNode hashes = (ArrayNode) firstTlogEntry(bundle).path("inclusionProof").path("hashes");
        byte[] first = Base64.getDecoder().decode(hashes.get(0).asText());
        first[0] ^= 1;
        hashes.set(0, Base64.getEncoder().encodeToString(first));
        assertThat(verifyBytes(bytesOf(bundle), VerificationPolicy.builder().trustedRoot(publicGood())).failure())
                .startsWith("tlog: inclusion proof root mismatch");
    }

    @Test
    void aForgedSignedEntryTimestampFails() {
        ObjectNode bundle = tree(A_TXT_BUNDLE);
        ObjectNode entry = firstTlogEntry(bundle);
        entry.put("integratedTime", "1710869000");
        assertThat(verifyBytes(bytesOf(bundle), VerificationPolicy.builder().trustedRoot(publicGood())).failure())
                .isEqualTo("tlog: signed entry timestamp does not verify with the key of https://rekor.sigstore.dev");
    }

    @Test
    void aCheckpointSignedByAnotherKeyFails() {
        ObjectNode bundle = tree(A_TXT_BUNDLE);
        ObjectNode checkpoint = (ObjectNode) firstTlogEntry(bundle).path("inclusionProof").path("checkpoint");
        String note = checkpoint.path("envelope").asText();
        // Keep the body, swap the signature for the one over another checkpoint.
        String otherNote = tree("sigstore/bundle-v0.3-dsse-intoto-a.txt.sigstore.json").path("verificationMaterial")
                .path("tlogEntries").get(0).path("inclusionProof").path("checkpoint").path("envelope").asText();
        checkpoint.put("envelope", note.substring(0, note.indexOf("\n\n") + 2) + otherNote.substring(otherNote.indexOf("\n\n") + 2));
        assertThat(verifyBytes(bytesOf(bundle), VerificationPolicy.builder().trustedRoot(publicGood())).failure())
                .isEqualTo("tlog: checkpoint signature does not verify with the key of https://rekor.sigstore.dev");
    }

    @Test
    void anEntryFromALogTheRootDoesNotTrustFails() {
        ObjectNode bundle = tree(A_TXT_BUNDLE);
        ((ObjectNode) firstTlogEntry(bundle).path("logId")).put("keyId", Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(verifyBytes(bytesOf(bundle), VerificationPolicy.builder().trustedRoot(publicGood())).failure())
                .startsWith("tlog: entry is from an unknown log AAAA");
    }

    @Test
    void aCertificateBundleWithNoLogEntryOrTimestampFails() {
        ObjectNode bundle = tree(A_TXT_BUNDLE);
        ((ObjectNode) bundle.path("verificationMaterial")).putArray("tlogEntries");
        assertThat(verifyBytes(bytesOf(bundle), VerificationPolicy.builder().trustedRoot(publicGood())).failure())
                .isEqualTo("tlog: the bundle has no transparency log entry and no signed timestamp");
    }

    @Test
    void aPublicGoodBundleIsNotTrustedUnderAnotherRoot() {
        VerificationResult result = verifySingle(A_TXT_BUNDLE, VerificationPolicy.builder()
                .trustedRoot(root("sigstore/trust/bundle-v0.2-dsse-custom-trust-root-d.txt.trusted_root.json")));
        assertThat(result.failure()).isEqualTo("certificate chain: not issued by a trusted Fulcio CA (issuer CN=sigstore-intermediate,O=sigstore.dev)");
    }

    @Test
    void theIdentityPolicyChecksTheIssuerAndTheSubject() {
        VerificationResult wrongIssuer = verifySingle(A_TXT_BUNDLE, VerificationPolicy.builder().trustedRoot(publicGood())
                .identity(new IdentityPolicy(IdentityPolicy.Match.exactly(BEACON), IdentityPolicy.Match.exactly("https://accounts.google.com"))));
        assertThat(wrongIssuer.failure()).isEqualTo("identity: OIDC issuer " + GITHUB_ACTIONS + " does not match https://accounts.google.com");
        VerificationResult wrongSubject = verifySingle(A_TXT_BUNDLE, VerificationPolicy.builder().trustedRoot(publicGood())
                .identity(new IdentityPolicy(IdentityPolicy.Match.regex("https://github\\.com/x/.*"), IdentityPolicy.Match.exactly(GITHUB_ACTIONS))));
        assertThat(wrongSubject.failure()).isEqualTo("identity: SAN " + BEACON + " does not match regex https://github\\.com/x/.*");
    }

    @Test
    void aSignatureOverAnotherArtifactFailsTheSubjectCheck() {
        VerificationResult result = verifySingle(A_TXT_BUNDLE, VerificationPolicy.builder().trustedRoot(publicGood())
                .subjectDigest(sha256Of("sigstore/artifacts/d.txt")));
        assertThat(result.failure()).startsWith("subject: " + sha256Of("sigstore/artifacts/d.txt") + " is not among the signed subjects sha256:a0cfc712");
    }
}
