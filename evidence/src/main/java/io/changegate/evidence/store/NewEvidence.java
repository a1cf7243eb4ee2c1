package io.changegate.evidence.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Evidence offered for ingestion.
 *
 * @param subject      the artifact the evidence is about
 * @param name         the artifact's name (image reference, package URL, commit); null when not given
 * @param type         the evidence type, e.g. {@code sbom} or an in-toto predicate type
 * @param predicate    the normalised content
 * @param document     the original document, kept byte-exact
 * @param submitter    who submitted it (a team or user)
 * @param verification what its signatures showed
 */
public record NewEvidence(SubjectDigest subject, String name, String type, JsonNode predicate, byte[] document,
                          String submitter, VerificationStatus verification) {
    public NewEvidence {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(verification, "verification");
        requireText(type, "type", 200);
        requireText(submitter, "submitter", 400);
        if (name != null && (name.isBlank() || name.length() > 2000)) {
            throw new IllegalArgumentException("name must be non-blank and at most 2000 characters when given");
        }
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    private static void requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
    }
}
