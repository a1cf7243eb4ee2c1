package io.changegate.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.evidence.envelope.EnvelopeFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A Sigstore trusted root ({@code trusted_root.json}): the Fulcio certificate authorities, Rekor
 * transparency logs and timestamp authorities to trust, each for a window of time.
 *
 * @param certificateAuthorities Fulcio CAs that may issue signing certificates
 * @param transparencyLogs       Rekor logs whose entries count
 * @param timestampAuthorities   RFC 3161 timestamp authorities whose timestamps count
 */
public record TrustedRoot(List<CertificateAuthority> certificateAuthorities, List<TransparencyLog> transparencyLogs,
                          List<CertificateAuthority> timestampAuthorities) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public TrustedRoot {
        certificateAuthorities = List.copyOf(certificateAuthorities);
        transparencyLogs = List.copyOf(transparencyLogs);
        timestampAuthorities = List.copyOf(timestampAuthorities);
    }

    /**
     * A time window; either end may be open.
     *
     * @param start the first instant of the window, or {@code null}
     * @param end   the last instant of the window, or {@code null}
     */
    public record Validity(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return (start == null || !t.isBefore(start)) && (end == null || !t.isAfter(end));
        }

        @Override
        public String toString() {
            return (start == null ? "-∞" : start.toString()) + " to " + (end == null ? "now" : end.toString());
        }
    }

    /**
     * A certificate authority: a certificate chain from an issuing certificate to a root.
     *
     * @param name     the subject's organisation and common name, for messages
     * @param uri      where the authority serves, for messages
     * @param chain    the issuing certificate first and the root last
     * @param validFor when certificates it issued are to be trusted
     */
    public record CertificateAuthority(String name, String uri, List<X509Certificate> chain, Validity validFor) {
        public CertificateAuthority {
            chain = List.copyOf(chain);
        }
    }

    /**
     * A transparency log.
     *
     * @param baseUrl  where the log serves
     * @param logId    SHA-256 of the log's public key
     * @param key      the log's public key
     * @param validFor when entries it signed are to be trusted
     */
    public record TransparencyLog(String baseUrl, byte[] logId, PublicKey key, Validity validFor) {
        public TransparencyLog {
            logId = logId.clone();
        }

        @Override
        public byte[] logId() {
            return logId.clone();
        }
    }

    /** The log with this key id, if trusted. */
    public Optional<TransparencyLog> log(byte[] logId) {
        return transparencyLogs.stream().filter(l -> Arrays.equals(l.logId, logId)).findFirst();
    }

    /** Parses trusted_root.json, naming {@code source} in errors. */
    public static TrustedRoot parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new EnvelopeFormatException(source, "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new EnvelopeFormatException(source, "a trusted root must be a JSON object");
        }
        String mediaType = root.path("mediaType").asText("");
        if (!mediaType.startsWith("application/vnd.dev.sigstore.trustedroot")) {
            throw new EnvelopeFormatException(source, "mediaType: expected application/vnd.dev.sigstore.trustedroot+json, found "
                    + (mediaType.isEmpty() ? "nothing" : mediaType));
        }
        Reader reader = new Reader(source);
        List<CertificateAuthority> cas = new ArrayList<>();
        JsonNode caNodes = root.path("certificateAuthorities");
        for (int i = 0; i < caNodes.size(); i++) {
            cas.add(reader.authority(caNodes.get(i), "certificateAuthorities[" + i + "]"));
        }
        List<TransparencyLog> logs = new ArrayList<>();
        JsonNode logNodes = root.path("tlogs");
        for (int i = 0; i < logNodes.size(); i++) {
            logs.add(reader.log(logNodes.get(i), "tlogs[" + i + "]"));
        }
        List<CertificateAuthority> tsas = new ArrayList<>();
        JsonNode tsaNodes = root.path("timestampAuthorities");
        for (int i = 0; i < tsaNodes.size(); i++) {
            tsas.add(reader.authority(tsaNodes.get(i), "timestampAuthorities[" + i + "]"));
        }
        if (cas.isEmpty() && logs.isEmpty()) {
            throw new EnvelopeFormatException(source, "trusts no certificate authority and no transparency log");
        }
        return new TrustedRoot(cas, logs, tsas);
    }

    private record Reader(String source) {
        EnvelopeFormatException error(String path, String detail) {
            return new EnvelopeFormatException(source, path + ": " + detail);
        }

        CertificateAuthority authority(JsonNode node, String path) {
            JsonNode certs = node.path("certChain").path("certificates");
            if (!certs.isArray() || certs.isEmpty()) {
                throw error(path + ".certChain.certificates", "required non-empty array is missing");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (int i = 0; i < certs.size(); i++) {
                String certPath = path + ".certChain.certificates[" + i + "].rawBytes";
                try {
                    byte[] der = base64(certs.get(i).path("rawBytes"), certPath);
                    chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)));
                } catch (CertificateException e) {
                    throw error(certPath, "not a valid certificate: " + e.getMessage());
                }
            }
            JsonNode subject = node.path("subject");
            String name = (subject.path("organization").asText("") + " " + subject.path("commonName").asText("")).strip();
            return new CertificateAuthority(name.isEmpty() ? chain.get(0).getSubjectX500Principal().getName() : name,
                    node.path("uri").asText(""), chain, validity(node.path("validFor"), path + ".validFor"));
        }

        TransparencyLog log(JsonNode node, String path) {
            JsonNode key = node.path("publicKey");
            PublicKey publicKey = PublicKeys.fromDer(source + ": " + path + ".publicKey",
                    base64(key.path("rawBytes"), path + ".publicKey.rawBytes"));
            byte[] logId = node.path("logId").has("keyId")
                    ? base64(node.path("logId").path("keyId"), path + ".logId.keyId")
                    : PublicKeys.sha256Fingerprint(publicKey);
            return new TransparencyLog(node.path("baseUrl").asText(""), logId, PublicKeys.normalise(publicKey),
                    validity(key.path("validFor"), path + ".publicKey.validFor"));
        }

        Validity validity(JsonNode node, String path) {
            return new Validity(instant(node.path("start"), path + ".start"), instant(node.path("end"), path + ".end"));
        }

        Instant instant(JsonNode node, String path) {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw error(path, "not an RFC 3339 timestamp: " + node.asText());
            }
        }

        byte[] base64(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw error(path, "required base64 string is missing");
            }
            try {
                return Base64.getDecoder().decode(node.asText());
            } catch (IllegalArgumentException e) {
                throw error(path, "not valid base64");
            }
        }
    }
}
