package io.changegate.evidence.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.Envelope;
import io.changegate.evidence.envelope.EnvelopeFormatException;
import io.changegate.evidence.envelope.Envelopes;
import io.changegate.evidence.envelope.InTotoStatement;
import io.changegate.evidence.envelope.SigstoreBundle;
import io.changegate.evidence.formats.EvidenceFormatException;
import io.changegate.evidence.formats.EvidenceReaders;
import io.changegate.evidence.formats.ParsedEvidence;
import io.changegate.evidence.verify.EvidenceVerifier;
import io.changegate.evidence.verify.VerificationResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a submitted document into stored evidence: reads it (raw report, in-toto Statement, DSSE
 * envelope or Sigstore bundle), settles its subject and type, verifies signatures when trust
 * material is configured, and ingests it. The REST API and the CLI both come through here.
 */
public final class EvidenceService {
    private final EvidenceStore store;
    private final EvidenceReaders readers;
    private final EvidenceVerifier verifier;

    /**
     * @param verifier checks envelope signatures; null stores signed envelopes as {@code unchecked}
     */
    public EvidenceService(EvidenceStore store, EvidenceReaders readers, EvidenceVerifier verifier) {
        this.store = store;
        this.readers = readers;
        this.verifier = verifier;
    }

    /** A service with the standard readers and no signature trust material. */
    public static EvidenceService standard(EvidenceStore store) {
        return new EvidenceService(store, EvidenceReaders.standard(), null);
    }

    /** The store behind this service. */
    public EvidenceStore store() {
        return store;
    }

    /** Reads, checks and stores a submission; returns after commit. */
    public IngestResult submit(Submission submission) throws EvidenceRejectedException {
        String source = submission.sourceName();
        byte[] document = submission.document();
        if (document.length == 0) {
            throw new EvidenceRejectedException("document", source + ": the document is empty");
        }
        SubjectDigest requested = null;
        if (submission.subject() != null && !submission.subject().isBlank()) {
            try {
                requested = SubjectDigest.parse(submission.subject().trim());
            } catch (IllegalArgumentException e) {
                throw new EvidenceRejectedException("subject", e.getMessage());
            }
        }
        Optional<Envelope> envelope = signedEnvelope(source, document);
        byte[] statementBytes = document;
        VerificationStatus verification = VerificationStatus.unsigned();
        if (envelope.isPresent()) {
            DsseEnvelope dsse = dsseOf(envelope.get())
                    .orElseThrow(() -> new EvidenceRejectedException("document", source
                            + ": the envelope signs an artifact digest, not an in-toto Statement; submit the"
                            + " artifact's evidence with the envelope's subject instead"));
            if (!dsse.carriesStatement()) {
                throw new EvidenceRejectedException("document", source + ": the envelope's payloadType is "
                        + dsse.payloadType() + ", not an in-toto Statement");
            }
            statementBytes = dsse.payload();
            verification = verify(envelope.get());
        }
        JsonNode root = jsonObject(statementBytes);
        boolean isStatement = root != null && root.path("_type").asText("").startsWith("https://in-toto.io/Statement/");
        SubjectDigest subject = requested;
        String name = blankToNull(submission.name());
        String type = blankToNull(submission.type());
        ParsedEvidence parsed;
        try {
            if (isStatement) {
                InTotoStatement statement = InTotoStatement.parse(source, statementBytes, "");
                InTotoStatement.Subject chosen = chooseSubject(source, statement.subjects(), requested);
                subject = requested != null ? requested : sha256Of(source, chosen);
                name = name != null ? name : blankToNull(chosen.name());
                type = type != null ? type : statement.predicateType();
                parsed = readers.readAs(statement.predicateType(), source, statementBytes);
            } else {
                if (subject == null) {
                    throw new EvidenceRejectedException("subject", source + ": a subject digest is required"
                            + " (sha256:<64 hex>) for a document that is not an in-toto Statement");
                }
                parsed = readers.read(source, statementBytes);
                type = type != null ? type : parsed.kind().name().toLowerCase(Locale.ROOT);
            }
        } catch (EvidenceFormatException e) {
            throw new EvidenceRejectedException("document", e.getMessage());
        } catch (EnvelopeFormatException e) {
            throw new EvidenceRejectedException("document", e.getMessage());
        }
        try {
            return store.ingest(new NewEvidence(subject, name, type, parsed.predicate(), document,
                    submission.submitter(), verification));
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("type") ? "type" : e.getMessage().startsWith("name") ? "name" : null;
            throw new EvidenceRejectedException(field, e.getMessage());
        }
    }

    private VerificationStatus verify(Envelope envelope) {
        if (verifier == null) {
            return new VerificationStatus(VerificationStatus.State.UNCHECKED,
                    "signed, but no trust material is configured to verify it");
        }
        VerificationResult result = verifier.verify(envelope);
        if (result.verified()) {
            return new VerificationStatus(VerificationStatus.State.VERIFIED,
                    result.signer() == null ? "" : "signed by " + result.signer());
        }
        return new VerificationStatus(VerificationStatus.State.FAILED, result.failure());
    }

    /** A DSSE envelope or Sigstore bundle in the document, or empty for anything else. */
    private static Optional<Envelope> signedEnvelope(String source, byte[] document) throws EvidenceRejectedException {
        JsonNode root = jsonObject(document);
        if (root == null) {
            return Optional.empty();
        }
        boolean dsse = root.has("payloadType") && root.has("payload") && root.has("signatures");
        boolean bundle = root.path("mediaType").asText("").startsWith("application/vnd.dev.sigstore.bundle");
        if (!dsse && !bundle) {
            return Optional.empty();
        }
        List<Envelope> envelopes;
        try {
            envelopes = Envelopes.parse(source, document);
        } catch (EnvelopeFormatException e) {
            throw new EvidenceRejectedException("document", e.getMessage());
        }
        if (envelopes.size() != 1) {
            throw new EvidenceRejectedException("document", source + ": expected one envelope, found " + envelopes.size());
        }
        return Optional.of(envelopes.get(0));
    }

    private static Optional<DsseEnvelope> dsseOf(Envelope envelope) {
        if (envelope instanceof DsseEnvelope dsse) {
            return Optional.of(dsse);
        }
        if (envelope instanceof SigstoreBundle bundle && bundle.content() instanceof DsseEnvelope dsse) {
            return Optional.of(dsse);
        }
        return Optional.empty();
    }

    private static InTotoStatement.Subject chooseSubject(String source, List<InTotoStatement.Subject> subjects,
                                                         SubjectDigest requested) throws EvidenceRejectedException {
        if (requested != null) {
            return subjects.stream().filter(s -> s.hasDigest(requested.toString())).findFirst()
                    .orElseThrow(() -> new EvidenceRejectedException("subject", source + ": subject " + requested
                            + " is not among the statement's subjects"));
        }
        if (subjects.size() != 1) {
            throw new EvidenceRejectedException("subject", source + ": the statement has " + subjects.size()
                    + " subjects; say which one with a subject digest");
        }
        return subjects.get(0);
    }

    private static SubjectDigest sha256Of(String source, InTotoStatement.Subject subject)
            throws EvidenceRejectedException {
        for (String algorithm : List.of("sha256", "sha512", "sha384")) {
            String hex = subject.digest().get(algorithm);
            if (hex != null) {
                try {
                    return new SubjectDigest(algorithm, hex.toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new EvidenceRejectedException("subject", source + ": statement subject " + subject
                            + ": " + e.getMessage());
                }
            }
        }
        throw new EvidenceRejectedException("subject", source + ": statement subject " + subject
                + " has no sha256, sha384 or sha512 digest");
    }

    private static JsonNode jsonObject(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i == bytes.length || bytes[i] != '{') {
            return null;
        }
        try {
            JsonNode node = CanonicalJson.mapper().readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
