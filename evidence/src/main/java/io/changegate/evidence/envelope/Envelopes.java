package io.changegate.evidence.envelope;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the envelopes in a file: Sigstore bundles (JSON, or JSON Lines with one bundle per line),
 * DSSE envelopes, in-toto Statements, npm registry attestation lists, Google Cloud Build provenance
 * summaries and {@code cosign download signature} output.
 */
public final class Envelopes {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String BUNDLE_MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";
    /** Our own pattern (not user input), so java.util.regex is safe here. */
    private static final Pattern BUNDLE_MEDIA_TYPE = Pattern.compile(
            "application/vnd\\.dev\\.sigstore\\.bundle(?:\\+json;version=(0\\.[123])|\\.v(0\\.3)\\+json)");

    private Envelopes() {
    }

    /**
     * Parses every envelope in {@code bytes}.
     *
     * @param source names the file in error messages
     * @throws EnvelopeFormatException if the bytes are not JSON or hold no envelope Changegate knows
     */
    public static List<Envelope> parse(String source, byte[] bytes) {
        List<JsonNode> documents = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        // Read root values one by one (JSON Lines), never unwrapping a root array into elements.
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                documents.add(MAPPER.readTree(parser));
                lines.add(line);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new EnvelopeFormatException(source, where + "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EnvelopeFormatException(source, "cannot be read: " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw new EnvelopeFormatException(source, "is empty: expected a Sigstore bundle, a DSSE envelope or an in-toto Statement");
        }
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String location = documents.size() == 1 ? "" : "line " + lines.get(i);
            envelopes.addAll(fromDocument(source, documents.get(i), location));
        }
        return List.copyOf(envelopes);
    }

    private static List<Envelope> fromDocument(String source, JsonNode root, String location) {
        JsonFields json = new JsonFields(location.isEmpty() ? source : source + ": " + location);
        if (root == null || !root.isObject()) {
            throw json.error("", "expected a JSON object, found " + (root == null ? "nothing" : JsonFields.describe(root)));
        }
        String mediaType = root.path("mediaType").asText("");
        if (mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)) {
            return List.of(bundle(json, root, "", location));
        }
        if (root.has("payloadType") || root.has("payload") && root.has("signatures")) {
            return List.of(dsse(json, root, "", DsseEnvelope.Signing.PAE, location));
        }
        if (root.has("_type")) {
            return List.of(InTotoStatement.fromJson(json, root, location));
        }
        if (root.has("attestations")) {
            return npmAttestations(json, root, location);
        }
        if (root.has("provenance_summary")) {
            return cloudBuildProvenance(json, root, location);
        }
        if (root.has("Base64Signature") || root.has("Payload")) {
            return List.of(cosignSignature(json, root, location));
        }
        throw json.error("", "not a recognised envelope: expected a Sigstore bundle (mediaType "
                + BUNDLE_MEDIA_TYPE_PREFIX + "…), a DSSE envelope (payloadType, payload, signatures), an in-toto"
                + " Statement (_type), npm attestations, a Cloud Build provenance summary or cosign signature output");
    }

    static SigstoreBundle bundle(JsonFields json, JsonNode root, String path, String location) {
        String mediaType = json.text(root, path, "mediaType");
        var match = BUNDLE_MEDIA_TYPE.matcher(mediaType);
        if (!match.matches()) {
            throw json.error(JsonFields.join(path, "mediaType"), "unsupported Sigstore bundle media type " + mediaType
                    + " (supported: versions 0.1, 0.2 and 0.3)");
        }
        String version = match.group(1) != null ? match.group(1) : match.group(2);
        String vmPath = JsonFields.join(path, "verificationMaterial");
        JsonNode vm = json.object(root, path, "verificationMaterial");

        List<X509Certificate> certificates = new ArrayList<>();
        String keyHint = null;
        JsonNode chain = json.optionalObject(vm, vmPath, "x509CertificateChain");
        JsonNode single = json.optionalObject(vm, vmPath, "certificate");
        JsonNode publicKey = json.optionalObject(vm, vmPath, "publicKey");
        if (chain != null) {
            String chainPath = vmPath + ".x509CertificateChain";
            List<JsonNode> certs = json.array(chain, chainPath, "certificates", true);
            for (int i = 0; i < certs.size(); i++) {
                String certPath = chainPath + ".certificates[" + i + "]";
                certificates.add(certificate(json, certPath, json.base64(certs.get(i), certPath, "rawBytes")));
            }
            if (certificates.isEmpty()) {
                throw json.error(chainPath + ".certificates", "the certificate chain is empty");
            }
        } else if (single != null) {
            String certPath = vmPath + ".certificate";
            certificates.add(certificate(json, certPath, json.base64(single, certPath, "rawBytes")));
        } else if (publicKey != null) {
            keyHint = json.optionalText(publicKey, vmPath + ".publicKey", "hint");
            keyHint = keyHint == null ? "" : keyHint;
        } else {
            throw json.error(vmPath, "needs one of x509CertificateChain, certificate or publicKey");
        }

        List<SigstoreBundle.TlogEntry> entries = new ArrayList<>();
        List<JsonNode> tlogNodes = json.array(vm, vmPath, "tlogEntries", false);
        for (int i = 0; i < tlogNodes.size(); i++) {
            entries.add(tlogEntry(json, tlogNodes.get(i), vmPath + ".tlogEntries[" + i + "]"));
        }
        List<byte[]> timestamps = new ArrayList<>();
        JsonNode tsData = json.optionalObject(vm, vmPath, "timestampVerificationData");
        if (tsData != null) {
            String tsPath = vmPath + ".timestampVerificationData";
            List<JsonNode> stamps = json.array(tsData, tsPath, "rfc3161Timestamps", false);
            for (int i = 0; i < stamps.size(); i++) {
                timestamps.add(json.base64(stamps.get(i), tsPath + ".rfc3161Timestamps[" + i + "]", "signedTimestamp"));
            }
        }

        SigstoreBundle.Content content;
        JsonNode dsseNode = json.optionalObject(root, path, "dsseEnvelope");
        JsonNode messageNode = json.optionalObject(root, path, "messageSignature");
        if (dsseNode != null && messageNode != null) {
            throw json.error(path, "a bundle holds either dsseEnvelope or messageSignature, not both");
        } else if (dsseNode != null) {
            content = dsse(json, dsseNode, JsonFields.join(path, "dsseEnvelope"), DsseEnvelope.Signing.PAE, location);
        } else if (messageNode != null) {
            String msgPath = JsonFields.join(path, "messageSignature");
            JsonNode digestNode = json.optionalObject(messageNode, msgPath, "messageDigest");
            String algorithm = "SHA2_256";
            byte[] digest = new byte[0];
            if (digestNode != null) {
                String algorithmText = json.optionalText(digestNode, msgPath + ".messageDigest", "algorithm");
                algorithm = algorithmText == null ? algorithm : algorithmText;
                digest = json.base64(digestNode, msgPath + ".messageDigest", "digest");
            }
            content = new SigstoreBundle.MessageSignature(algorithm, digest, json.base64(messageNode, msgPath, "signature"));
        } else {
            throw json.error(path, "a bundle needs dsseEnvelope or messageSignature");
        }
        return new SigstoreBundle(mediaType, version,
                new SigstoreBundle.VerificationMaterial(certificates, keyHint, entries, timestamps), content, location);
    }

    private static SigstoreBundle.TlogEntry tlogEntry(JsonFields json, JsonNode node, String path) {
        if (!node.isObject()) {
            throw json.error(path, "expected an object, found " + JsonFields.describe(node));
        }
        JsonNode logId = json.object(node, path, "logId");
        JsonNode kindVersion = json.object(node, path, "kindVersion");
        Long integratedTime = json.optionalInteger(node, path, "integratedTime");
        // Protobuf JSON omits zero values: Rekor v2 entries carry no integrated time at all.
        if (integratedTime != null && integratedTime == 0) {
            integratedTime = null;
        }
        JsonNode promise = json.optionalObject(node, path, "inclusionPromise");
        byte[] set = promise == null ? null : json.base64(promise, path + ".inclusionPromise", "signedEntryTimestamp");
        JsonNode proofNode = json.optionalObject(node, path, "inclusionProof");
        SigstoreBundle.InclusionProof proof = null;
        if (proofNode != null) {
            String proofPath = path + ".inclusionProof";
            List<byte[]> hashes = new ArrayList<>();
            List<JsonNode> hashNodes = json.array(proofNode, proofPath, "hashes", false);
            for (int i = 0; i < hashNodes.size(); i++) {
                JsonNode h = hashNodes.get(i);
                if (!h.isTextual()) {
                    throw json.error(proofPath + ".hashes[" + i + "]", "expected a base64 string");
                }
                hashes.add(json.decodeBase64(proofPath + ".hashes[" + i + "]", h.asText()));
            }
            JsonNode checkpointNode = json.optionalObject(proofNode, proofPath, "checkpoint");
            String checkpoint = checkpointNode == null ? null
                    : json.text(checkpointNode, proofPath + ".checkpoint", "envelope");
            Long proofIndex = json.optionalInteger(proofNode, proofPath, "logIndex");
            proof = new SigstoreBundle.InclusionProof(proofIndex == null ? 0 : proofIndex,
                    json.base64(proofNode, proofPath, "rootHash"), json.integer(proofNode, proofPath, "treeSize"),
                    hashes, checkpoint);
        }
        Long logIndex = json.optionalInteger(node, path, "logIndex");
        return new SigstoreBundle.TlogEntry(logIndex == null ? 0 : logIndex,
                json.base64(logId, path + ".logId", "keyId"),
                json.text(kindVersion, path + ".kindVersion", "kind"),
                json.text(kindVersion, path + ".kindVersion", "version"),
                integratedTime, set, proof, json.base64(node, path, "canonicalizedBody"));
    }

    static DsseEnvelope dsse(JsonFields json, JsonNode node, String path, DsseEnvelope.Signing signing, String location) {
        String payloadType = json.text(node, path, "payloadType");
        byte[] payload = json.base64(node, path, "payload");
        List<JsonNode> sigNodes = json.array(node, path, "signatures", true);
        if (sigNodes.isEmpty()) {
            throw json.error(JsonFields.join(path, "signatures"), "a DSSE envelope needs at least one signature");
        }
        List<DsseSignature> signatures = new ArrayList<>();
        for (int i = 0; i < sigNodes.size(); i++) {
            String sigPath = JsonFields.join(path, "signatures[" + i + "]");
            JsonNode sigNode = sigNodes.get(i);
            if (!sigNode.isObject()) {
                throw json.error(sigPath, "expected an object, found " + JsonFields.describe(sigNode));
            }
            byte[] sig = json.base64(sigNode, sigPath, "sig");
            if (sig.length == 0) {
                throw json.error(sigPath + ".sig", "the signature is empty");
            }
            String cert = json.optionalText(sigNode, sigPath, "cert");
            signatures.add(new DsseSignature(json.optionalText(sigNode, sigPath, "keyid"), sig,
                    cert == null || cert.isBlank() ? null : cert));
        }
        return new DsseEnvelope(payloadType, payload, signatures, signing, location);
    }

    private static List<Envelope> npmAttestations(JsonFields json, JsonNode root, String location) {
        List<JsonNode> items = json.array(root, "", "attestations", true);
        if (items.isEmpty()) {
            throw json.error("attestations", "the attestation list is empty");
        }
        List<Envelope> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "attestations[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw json.error(path, "expected an object, found " + JsonFields.describe(item));
            }
            String predicateType = json.optionalText(item, path, "predicateType");
            String where = (location.isEmpty() ? "" : location + " ") + path
                    + (predicateType == null ? "" : " (" + predicateType + ")");
            out.add(bundle(json, json.object(item, path, "bundle"), path + ".bundle", where));
        }
        return out;
    }

    private static List<Envelope> cloudBuildProvenance(JsonFields json, JsonNode root, String location) {
        JsonNode summary = json.object(root, "", "provenance_summary");
        List<JsonNode> items = json.array(summary, "provenance_summary", "provenance", true);
        List<Envelope> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "provenance_summary.provenance[" + i + "]";
            JsonNode envelope = json.object(items.get(i), path, "envelope");
            // Cloud Build signed the raw payload rather than the DSSE PAE; see DsseEnvelope.Signing.
            out.add(dsse(json, envelope, path + ".envelope", DsseEnvelope.Signing.LEGACY_RAW_PAYLOAD,
                    (location.isEmpty() ? "" : location + " ") + path));
        }
        if (out.isEmpty()) {
            throw json.error("provenance_summary.provenance", "holds no provenance");
        }
        return out;
    }

    private static CosignSignature cosignSignature(JsonFields json, JsonNode root, String location) {
        byte[] signature = json.base64(root, "", "Base64Signature");
        byte[] payload = json.base64(root, "", "Payload");
        String cert = json.optionalText(root, "", "Cert");
        JsonNode payloadJson;
        try {
            payloadJson = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw json.error("Payload", "the simple-signing payload is not valid JSON");
        }
        if (payloadJson == null || !payloadJson.isObject()) {
            throw json.error("Payload", "the simple-signing payload must be a JSON object");
        }
        return new CosignSignature(payload, signature, cert == null || cert.isBlank() ? null : cert,
                simpleSigning(new JsonFields(json.source() + ": Payload"), payloadJson), location);
    }

    /** Parses a simple-signing payload: {@code critical.image.docker-manifest-digest} is required. */
    public static CosignSignature.SimpleSigning simpleSigning(String source, byte[] payload) {
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new EnvelopeFormatException(source, "the simple-signing payload is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new EnvelopeFormatException(source, "the simple-signing payload must be a JSON object");
        }
        return simpleSigning(new JsonFields(source), node);
    }

    private static CosignSignature.SimpleSigning simpleSigning(JsonFields json, JsonNode node) {
        JsonNode critical = json.object(node, "", "critical");
        JsonNode image = json.object(critical, "critical", "image");
        JsonNode identity = json.optionalObject(critical, "critical", "identity");
        String digest = json.text(image, "critical.image", "docker-manifest-digest");
        if (!digest.contains(":")) {
            throw json.error("critical.image.docker-manifest-digest", "expected algorithm:hex, found " + digest);
        }
        return new CosignSignature.SimpleSigning(json.text(critical, "critical", "type"),
                identity == null ? null : json.optionalText(identity, "critical.identity", "docker-reference"),
                digest, node.get("optional"));
    }

    private static X509Certificate certificate(JsonFields json, String path, byte[] der) {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw json.error(path, "not a valid DER X.509 certificate: " + e.getMessage());
        }
    }

    /** Parses a PEM certificate, naming {@code source} in errors. */
    public static X509Certificate pemCertificate(String source, String pem) {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new EnvelopeFormatException(source, "not a valid PEM X.509 certificate: " + e.getMessage());
        }
    }
}
