package io.changegate.evidence.envelope;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading envelope files into immutable records, and rejecting what is not an envelope. */
class EnvelopesTest {
    private static List<Envelope> parse(String text) {
        return Envelopes.parse("test.json", text.getBytes(StandardCharsets.UTF_8));
    }

    private static final String DSSE = """
            {"payloadType":"application/vnd.in-toto+json",
             "payload":"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoiYSIsImRpZ2VzdCI6eyJzaGEyNTYiOiJBQiJ9fV0sInByZWRpY2F0ZVR5cGUiOiJodHRwczovL2V4YW1wbGUvcCJ9",
             "signatures":[{"keyid":"k","sig":"AQID"}]}""";

    @Test
    void aDsseEnvelopeDecodesItsPayloadAndSignatures() {
        DsseEnvelope dsse = (DsseEnvelope) parse(DSSE).get(0);
        assertThat(dsse.payloadType()).isEqualTo("application/vnd.in-toto+json");
        assertThat(dsse.signatures()).singleElement().satisfies(s -> {
            assertThat(s.keyid()).isEqualTo("k");
            assertThat(s.sig()).containsExactly(1, 2, 3);
        });
        InTotoStatement statement = dsse.statement("test.json");
        assertThat(statement.type()).isEqualTo(InTotoStatement.TYPE_V1);
        assertThat(statement.predicateType()).isEqualTo("https://example/p");
        assertThat(statement.subjects()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("a");
            assertThat(s.digest()).containsEntry("sha256", "ab");
            assertThat(s.hasDigest("SHA256:AB")).isTrue();
        });
    }

    @Test
    void recordsDoNotShareTheirByteArraysWithCallers() {
        DsseEnvelope dsse = (DsseEnvelope) parse(DSSE).get(0);
        dsse.payload()[0] = 'X';
        dsse.signatures().get(0).sig()[0] = 9;
        assertThat(dsse.payload()[0]).isEqualTo((byte) '{');
        assertThat(dsse.signatures().get(0).sig()[0]).isEqualTo((byte) 1);
    }

    @Test
    void urlSafeUnpaddedBase64IsAcceptedAsTheDsseSpecificationAllows() {
        DsseEnvelope dsse = (DsseEnvelope) parse("""
                {"payloadType":"t","payload":"_-8","signatures":[{"sig":"AQID"}]}""").get(0);
        assertThat(dsse.payload()).containsExactly(0xff, 0xef);
    }

    @Test
    void jsonLinesYieldOneEnvelopePerLineWithItsLineNumber() {
        String oneLine = DSSE.replace("\n", "");
        List<Envelope> envelopes = parse(oneLine + "\n\n" + oneLine + "\n");
        assertThat(envelopes).extracting(Envelope::location).containsExactly("line 1", "line 3");
    }

    @Test
    void aMissingFieldIsNamedByItsPath() {
        assertThatThrownBy(() -> parse("""
                {"payloadType":"t","payload":"AA==","signatures":[{"keyid":"k"}]}"""))
                .isInstanceOf(EnvelopeFormatException.class)
                .hasMessage("test.json: signatures[0].sig: required base64 string is missing");
        assertThatThrownBy(() -> parse("""
                {"payloadType":"t","payload":"AA==","signatures":[]}"""))
                .hasMessage("test.json: signatures: a DSSE envelope needs at least one signature");
    }

    @Test
    void badBase64AndWrongTypesAreReported() {
        assertThatThrownBy(() -> parse("""
                {"payloadType":"t","payload":"@@@","signatures":[{"sig":"AQID"}]}"""))
                .hasMessageStartingWith("test.json: payload: not valid base64");
        assertThatThrownBy(() -> parse("""
                {"payloadType":7,"payload":"AA==","signatures":[{"sig":"AQID"}]}"""))
                .hasMessage("test.json: payloadType: expected a string, found a number");
    }

    @Test
    void somethingThatIsNoEnvelopeIsRejectedSayingWhatWasExpected() {
        assertThatThrownBy(() -> parse("{\"bomFormat\":\"CycloneDX\"}"))
                .isInstanceOf(EnvelopeFormatException.class)
                .hasMessageStartingWith("test.json: not a recognised envelope: expected a Sigstore bundle");
        assertThatThrownBy(() -> parse("[1,2]")).hasMessage("test.json: expected a JSON object, found an array");
        assertThatThrownBy(() -> parse("   ")).hasMessageStartingWith("test.json: is empty");
        assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void anUnknownBundleVersionIsRejected() {
        assertThatThrownBy(() -> parse("""
                {"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.9","verificationMaterial":{},
                 "messageSignature":{"signature":"AA=="}}"""))
                .hasMessageStartingWith("test.json: mediaType: unsupported Sigstore bundle media type");
    }

    @Test
    void aStatementWithoutSubjectsIsRejected() {
        assertThatThrownBy(() -> parse("""
                {"_type":"https://in-toto.io/Statement/v1","subject":[],"predicateType":"p"}"""))
                .hasMessage("test.json: subject: a Statement must name at least one subject");
    }

    // ------------------------------------------------------------------ the shared fixtures

    @Test
    void bundlesOfEveryVersionAndMediaTypeSpellingParse() {
        record Expect(String file, String version, Class<?> content, boolean chain) {
        }
        for (Expect e : List.of(
                new Expect("sigstore/bundle-v0.1-NEGATIVE-signature-mismatch-a.txt.sigstore.json", "0.1", SigstoreBundle.MessageSignature.class, true),
                new Expect("sigstore/bundle-v0.2-dsse-custom-trust-root-d.txt.sigstore.json", "0.2", DsseEnvelope.class, true),
                new Expect("sigstore/bundle-v0.3-legacy-mediatype-message-signature-a.txt.sigstore.json", "0.3", SigstoreBundle.MessageSignature.class, true),
                new Expect("sigstore/bundle-v0.3-message-signature-a.txt.sigstore.json", "0.3", SigstoreBundle.MessageSignature.class, true),
                new Expect("sigstore/bundle-v0.3-managed-key-a.txt.sigstore.json", "0.3", SigstoreBundle.MessageSignature.class, false))) {
            List<Envelope> envelopes = Envelopes.parse(e.file(), SharedFixtures.bytes(e.file()));
            assertThat(envelopes).as(e.file()).singleElement().isInstanceOf(SigstoreBundle.class);
            SigstoreBundle bundle = (SigstoreBundle) envelopes.get(0);
            assertThat(bundle.version()).as(e.file()).isEqualTo(e.version());
            assertThat(bundle.content()).as(e.file()).isInstanceOf(e.content());
            assertThat(bundle.verificationMaterial().leafCertificate() != null).as(e.file()).isEqualTo(e.chain());
            assertThat(bundle.verificationMaterial().tlogEntries()).as(e.file()).hasSize(1);
        }
    }

    @Test
    void aManagedKeyBundleCarriesItsHintAndATimestamp() {
        SigstoreBundle bundle = (SigstoreBundle) Envelopes.parse("m", SharedFixtures.bytes("sigstore/bundle-v0.3-managed-key-a.txt.sigstore.json")).get(0);
        assertThat(bundle.verificationMaterial().publicKeyHint()).isEqualTo("TLMsSDfG3ajPsWge+z/vX5T/zluXnmvbkTkwLIV68Tk=");
        assertThat(bundle.verificationMaterial().rfc3161Timestamps()).hasSize(1);
        SigstoreBundle.TlogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);
        assertThat(entry.kind()).isEqualTo("hashedrekord");
        assertThat(entry.integratedTime()).isEqualTo(1766077479L);
        assertThat(entry.inclusionProof().checkpoint()).startsWith("rekor.sigstore.dev - ");
    }

    @Test
    void aRekorV2EntryHasNoIntegratedTimeAndNoPromise() {
        SigstoreBundle bundle = (SigstoreBundle) Envelopes.parse("r", SharedFixtures.bytes(
                "sigstore/bundle-v0.3-rekor-v2-hashedrekord-staging-a.txt.sigstore.json")).get(0);
        SigstoreBundle.TlogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);
        assertThat(entry.kindVersion()).isEqualTo("0.0.2");
        assertThat(entry.integratedTime()).isNull();
        assertThat(entry.signedEntryTimestamp()).isNull();
        assertThat(entry.inclusionProof().treeSize()).isEqualTo(736);
    }

    @Test
    void npmAttestationsYieldOneBundlePerAttestation() {
        List<Envelope> envelopes = Envelopes.parse("npm", SharedFixtures.bytes("intoto-slsa/npm-attestations-publish-v0.1-and-slsa-v1.json"));
        assertThat(envelopes).hasSize(2).allMatch(e -> e instanceof SigstoreBundle);
        assertThat(envelopes.get(1).location()).isEqualTo("attestations[1] (https://slsa.dev/provenance/v1)");
    }

    @Test
    void aCloudBuildSummaryYieldsItsEnvelopeMarkedAsSignedOverTheRawPayload() {
        DsseEnvelope dsse = (DsseEnvelope) Envelopes.parse("gcb", SharedFixtures.bytes("intoto-slsa/gcb-provenance-slsa-v0.1-container.dsse-kms.json")).get(0);
        assertThat(dsse.signing()).isEqualTo(DsseEnvelope.Signing.LEGACY_RAW_PAYLOAD);
        assertThat(dsse.statement("gcb").predicateType()).isEqualTo("https://slsa.dev/provenance/v0.1");
    }

    @Test
    void aBareSlsaEnvelopeKeepsItsEmbeddedCertificate() {
        DsseEnvelope dsse = (DsseEnvelope) Envelopes.parse("go", SharedFixtures.bytes("intoto-slsa/slsa-v0.2-gha-go-builder.dsse-with-embedded-cert.intoto.jsonl")).get(0);
        assertThat(dsse.signatures().get(0).certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(dsse.statement("go").type()).isEqualTo(InTotoStatement.TYPE_V01);
    }

    @Test
    void plainStatementsOfBothVersionsParse() {
        InTotoStatement v1 = (InTotoStatement) Envelopes.parse("s", SharedFixtures.bytes("intoto-slsa/intoto-statement-v1-slsa-v1-plain.json")).get(0);
        assertThat(v1.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(v1.predicate().path("buildDefinition").path("buildType").asText()).isEqualTo("https://actions.github.io/buildtypes/workflow/v1");
        InTotoStatement v01 = (InTotoStatement) Envelopes.parse("s", SharedFixtures.bytes("intoto-slsa/intoto-statement-v0.1-slsa-v0.2-npm-sigstore-js-plain.json")).get(0);
        assertThat(v01.type()).isEqualTo(InTotoStatement.TYPE_V01);
        assertThat(v01.subjects().get(0).digest()).containsKey("sha512");
    }
}
