package io.changegate.evidence.verify;

import io.changegate.evidence.envelope.CosignSignature;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.DsseSignature;
import io.changegate.evidence.envelope.Envelope;
import io.changegate.evidence.envelope.EnvelopeFormatException;
import io.changegate.evidence.envelope.Envelopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DSSE and cosign signatures made in the test with freshly generated keys: they verify, and tampering is caught. */
class KeyedSignatureTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String STATEMENT = """
            {"_type":"https://in-toto.io/Statement/v1",
             "subject":[{"name":"app.tar","digest":{"sha256":"%s"}}],
             "predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{}}}"""
            .formatted("ab".repeat(32));

    private static String dsseJson(byte[] payload, byte[] sig, String keyid) {
        return """
                {"payloadType":"application/vnd.in-toto+json","payload":"%s",
                 "signatures":[{"keyid":"%s","sig":"%s"}]}""".formatted(
                Base64.getEncoder().encodeToString(payload), keyid, Base64.getEncoder().encodeToString(sig));
    }

    private static VerificationResult verify(String json, PublicKey key, String subject) {
        Envelope envelope = Envelopes.parse("test.dsse.json", json.getBytes(StandardCharsets.UTF_8)).get(0);
        return new EvidenceVerifier(VerificationPolicy.builder().key("test.pub", key).subjectDigest(subject).build())
                .verify(envelope);
    }

    @ParameterizedTest
    @EnumSource(TestKeys.class)
    void aDsseEnvelopeSignedOverItsPaeVerifiesWithThePemPublicKey(TestKeys keys) {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] sig = keys.sign(DsseEnvelope.pae("application/vnd.in-toto+json", payload));
        PublicKey key = PublicKeys.fromPem("test.pub", keys.publicPem());
        VerificationResult result = verify(dsseJson(payload, sig, "my-key"), key, DIGEST);
        assertThat(result.failure()).isNull();
        assertThat(result.checks()).first().asString().startsWith("signature: DSSE signature over the DSSE PAE verified with key test.pub");
        assertThat(result.checks()).contains("subject: the signature covers " + DIGEST);
        assertThat(result.subjects()).containsExactly("app.tar " + DIGEST);
    }

    @ParameterizedTest
    @EnumSource(TestKeys.class)
    void aTamperedPayloadNoLongerVerifies(TestKeys keys) {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] sig = keys.sign(DsseEnvelope.pae("application/vnd.in-toto+json", payload));
        byte[] tampered = STATEMENT.replace("app.tar", "evil.tar").getBytes(StandardCharsets.UTF_8);
        VerificationResult result = verify(dsseJson(tampered, sig, "my-key"), keys.pair().getPublic(), null);
        assertThat(result.verified()).isFalse();
        assertThat(result.failure()).isEqualTo("signature: does not verify with key test.pub (keyid my-key)");
    }

    @ParameterizedTest
    @EnumSource(TestKeys.class)
    void aSignatureByAnotherKeyDoesNotVerify(TestKeys keys) {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] sig = keys.sign(keys.generate().getPrivate(), DsseEnvelope.pae("application/vnd.in-toto+json", payload));
        assertThat(verify(dsseJson(payload, sig, ""), keys.pair().getPublic(), null).failure())
                .isEqualTo("signature: does not verify with key test.pub");
    }

    @Test
    void aSignatureOverTheRawPayloadIsNotAcceptedAsDsse() {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] sig = TestKeys.ECDSA_P256.sign(payload);
        assertThat(verify(dsseJson(payload, sig, ""), TestKeys.ECDSA_P256.pair().getPublic(), null).verified()).isFalse();
    }

    @Test
    void aChangedPayloadTypeBreaksTheSignatureBecausePaeCoversIt() {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] sig = TestKeys.ECDSA_P256.sign(DsseEnvelope.pae("application/vnd.in-toto+json", payload));
        String json = dsseJson(payload, sig, "").replace("application/vnd.in-toto+json", "application/json");
        assertThat(verify(json, TestKeys.ECDSA_P256.pair().getPublic(), null).verified()).isFalse();
    }

    @Test
    void theSubjectCheckFailsWhenTheStatementIsAboutAnotherArtifact() {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] sig = TestKeys.ED25519.sign(DsseEnvelope.pae("application/vnd.in-toto+json", payload));
        VerificationResult result = verify(dsseJson(payload, sig, ""), TestKeys.ED25519.pair().getPublic(), "sha256:" + "cd".repeat(32));
        assertThat(result.failure()).isEqualTo("subject: sha256:" + "cd".repeat(32) + " is not among the signed subjects " + DIGEST);
    }

    @Test
    void paeFollowsTheDsseSpecification() {
        assertThat(new String(DsseEnvelope.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void anEnvelopeWithoutAKeyToCheckItIsNotVerified() {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        Envelope envelope = Envelopes.parse("x", dsseJson(payload, new byte[]{1, 2, 3}, "k1").getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(new EvidenceVerifier(VerificationPolicy.builder().build()).verify(envelope).failure())
                .isEqualTo("signature: no public key was given to verify the DSSE signature over the DSSE PAE (keyid k1)");
    }

    @Test
    void oneValidSignatureAmongSeveralSuffices() {
        byte[] payload = STATEMENT.getBytes(StandardCharsets.UTF_8);
        byte[] good = TestKeys.ECDSA_P384.sign(DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload));
        DsseEnvelope envelope = new DsseEnvelope(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload,
                List.of(new DsseSignature("other", new byte[]{9, 9, 9}, null), new DsseSignature("mine", good, null)),
                DsseEnvelope.Signing.PAE, "");
        VerificationResult result = new EvidenceVerifier(VerificationPolicy.builder()
                .key("p384.pub", TestKeys.ECDSA_P384.pair().getPublic()).build()).verify(envelope);
        assertThat(result.checks()).first().asString().endsWith("(ECDSA-P384-SHA384)");
    }

    // ------------------------------------------------------------------ cosign simple signing

    private static String simpleSigning(String digest) {
        return """
                {"critical":{"identity":{"docker-reference":"registry.example/app"},
                 "image":{"docker-manifest-digest":"%s"},"type":"cosign container image signature"},
                 "optional":{"creator":"test"}}""".formatted(digest);
    }

    private static String cosignDownload(byte[] payload, byte[] signature) {
        return """
                {"Base64Signature":"%s","Payload":"%s","Cert":null,"Chain":null,"Bundle":null,"RFC3161Timestamp":null}"""
                .formatted(Base64.getEncoder().encodeToString(signature), Base64.getEncoder().encodeToString(payload));
    }

    @Test
    void aCosignKeyedSignatureVerifiesForTheImageDigestItNames() {
        byte[] payload = simpleSigning(DIGEST).getBytes(StandardCharsets.UTF_8);
        byte[] line = cosignDownload(payload, TestKeys.ECDSA_P256.sign(payload)).getBytes(StandardCharsets.UTF_8);
        CosignSignature signature = (CosignSignature) Envelopes.parse("sha256-ab.sig", line).get(0);
        assertThat(signature.simpleSigning().dockerReference()).isEqualTo("registry.example/app");
        VerificationPolicy policy = VerificationPolicy.builder().key("cosign.pub", TestKeys.ECDSA_P256.pair().getPublic())
                .subjectDigest(DIGEST).build();
        VerificationResult result = new EvidenceVerifier(policy).verify(signature);
        assertThat(result.failure()).isNull();
        assertThat(result.checks()).containsExactly(
                "signature: simple-signing payload verified with key cosign.pub (ECDSA-P256-SHA256)",
                "subject: critical.image.docker-manifest-digest matches " + DIGEST);
    }

    @Test
    void aCosignSignatureForAnotherImageFailsTheDigestCheck() {
        byte[] payload = simpleSigning(DIGEST).getBytes(StandardCharsets.UTF_8);
        Envelope signature = Envelopes.parse("s", cosignDownload(payload, TestKeys.ECDSA_P256.sign(payload))
                .getBytes(StandardCharsets.UTF_8)).get(0);
        String other = "sha256:" + "00".repeat(32);
        VerificationResult result = new EvidenceVerifier(VerificationPolicy.builder()
                .key("cosign.pub", TestKeys.ECDSA_P256.pair().getPublic()).subjectDigest(other).build()).verify(signature);
        assertThat(result.failure()).isEqualTo("subject: critical.image.docker-manifest-digest is " + DIGEST + ", not " + other);
    }

    @Test
    void anEditedSimpleSigningPayloadFailsTheSignatureCheck() {
        byte[] payload = simpleSigning(DIGEST).getBytes(StandardCharsets.UTF_8);
        byte[] sig = TestKeys.RSA_PKCS1.sign(payload);
        byte[] edited = simpleSigning("sha256:" + "00".repeat(32)).getBytes(StandardCharsets.UTF_8);
        Envelope signature = Envelopes.parse("s", cosignDownload(edited, sig).getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(new EvidenceVerifier(VerificationPolicy.builder().key("rsa.pub", TestKeys.RSA_PKCS1.pair().getPublic()).build())
                .verify(signature).failure()).isEqualTo("signature: does not verify with key rsa.pub");
    }

    @Test
    void aSimpleSigningPayloadWithoutAManifestDigestIsMalformed() {
        byte[] payload = "{\"critical\":{\"image\":{},\"type\":\"cosign container image signature\"}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Envelopes.parse("sha256-ab.sig", cosignDownload(payload, new byte[]{1}).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EnvelopeFormatException.class)
                .hasMessage("sha256-ab.sig: Payload: critical.image.docker-manifest-digest: required string is missing");
    }

    // ------------------------------------------------------------------ PEM keys

    @Test
    void aPemFileWithoutAKeyIsReportedAsMalformed() {
        assertThatThrownBy(() -> PublicKeys.fromPem("key.pem", "not a key"))
                .isInstanceOf(EnvelopeFormatException.class)
                .hasMessage("key.pem: no PEM block found: expected -----BEGIN PUBLIC KEY-----");
    }
}
