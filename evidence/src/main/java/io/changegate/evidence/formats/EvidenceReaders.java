package io.changegate.evidence.formats;

/** Reads any supported evidence document into its normalised predicate. */
public final class EvidenceReaders {
    private EvidenceReaders() {
    }

    /** All readers, with the default size and depth limits. */
    public static EvidenceReaders standard() {
        return new EvidenceReaders();
    }

    /** Detects the format from content (and file name as a hint) and normalises it. */
    public ParsedEvidence read(String sourceName, byte[] document) throws EvidenceFormatException {
        throw EvidenceFormatException.of(sourceName, "no reader recognises this document yet");
    }

    /**
     * Reads a predicate whose type is known, e.g. from an in-toto Statement's predicateType URI
     * or a type name like "cyclonedx", "trivy".
     */
    public ParsedEvidence readAs(String typeOrPredicateType, String sourceName, byte[] document) throws EvidenceFormatException {
        throw EvidenceFormatException.of(sourceName, "unknown evidence type '" + typeOrPredicateType + "'");
    }
}
