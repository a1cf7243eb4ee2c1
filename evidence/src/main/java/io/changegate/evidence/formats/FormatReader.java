package io.changegate.evidence.formats;

import java.util.List;

/** Reads one family of evidence documents into its normalised predicate. */
interface FormatReader {
    /** The type names this reader answers to in {@link EvidenceReaders#readAs}, first one canonical. */
    List<String> names();

    /** Whether an in-toto predicate type URI selects this reader. */
    default boolean acceptsPredicateType(String predicateType) {
        return false;
    }

    /** Whether the document's content looks like this format; must not throw for other formats. */
    boolean recognises(Source source) throws EvidenceFormatException;

    /** Reads and validates the document, throwing a located error when it is not this format. */
    ParsedEvidence read(Source source) throws EvidenceFormatException;
}
