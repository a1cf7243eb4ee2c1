package io.changegate.evidence.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An accepted, stored evidence item.
 *
 * @param id              the item's identifier
 * @param leafIndex       its leaf in the log
 * @param subject         the artifact it is about
 * @param name            the artifact's name, or null
 * @param type            the evidence type
 * @param predicate       the normalised content
 * @param predicateSha256 SHA-256 (hex) of the canonical predicate JSON as stored
 * @param documentSha256  SHA-256 (hex) of the original document: its address
 * @param documentSize    the original document's size in bytes
 * @param submitter       who submitted it
 * @param submittedAt     when it was accepted (millisecond precision)
 * @param verification    what its signatures showed
 */
public record EvidenceItem(String id, long leafIndex, SubjectDigest subject, String name, String type,
                           JsonNode predicate, String predicateSha256, String documentSha256, long documentSize,
                           String submitter, Instant submittedAt, VerificationStatus verification) {
}
