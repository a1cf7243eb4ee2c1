package io.changegate.evidence.store;

/**
 * The outcome of an ingestion, returned only once it is committed.
 *
 * @param item    the stored item
 * @param created false when the same document for the same subject was already stored
 */
public record IngestResult(EvidenceItem item, boolean created) {
}
