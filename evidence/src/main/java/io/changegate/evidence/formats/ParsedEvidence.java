package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;

import java.util.Objects;

/**
 * A document read into its normalised predicate.
 *
 * @param kind      what the evidence is about, selecting the predicate model
 * @param format    the detected source format and version, e.g. {@code cyclonedx-1.6-json}
 * @param predicate the normalised predicate; field names are snake_case (see {@code io.changegate.evidence.model})
 */
public record ParsedEvidence(EvidenceKind kind, String format, JsonNode predicate) {
    public ParsedEvidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(predicate, "predicate");
    }
}
