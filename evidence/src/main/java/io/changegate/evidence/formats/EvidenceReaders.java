package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads any supported evidence document into its normalised predicate. */
public final class EvidenceReaders {
    private static final List<String> STATEMENT_TYPES = List.of(
            "https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1");

    private final List<FormatReader> readers;
    private final Limits limits;

    private EvidenceReaders(List<FormatReader> readers, Limits limits) {
        this.readers = List.copyOf(readers);
        this.limits = limits;
    }

    /** All readers, with the default limits (128 MiB documents, nesting depth 256). */
    public static EvidenceReaders standard() {
        return new EvidenceReaders(List.of(
                // Order matters only where shapes overlap: specific markers before generic ones.
                new CycloneDxReader(),
                new SpdxReader(),
                new SyftReader(),
                new TrivyReader(),
                new GrypeReader(),
                new SnykReader(),
                new SarifReader(),
                new ZapReader(),
                new JUnitReader(),
                new JacocoReader(),
                new CoberturaReader(),
                new OpenVexReader(),
                new SlsaProvenanceReader(),
                new VsaReader()), Limits.DEFAULT);
    }

    /** The same readers with other limits on document size and nesting depth. */
    public EvidenceReaders withLimits(long maxDocumentBytes, int maxNestingDepth) {
        return new EvidenceReaders(readers, new Limits(maxDocumentBytes, maxNestingDepth, limits.maxXmlElements()));
    }

    /** The canonical type names accepted by {@link #readAs}. */
    public List<String> typeNames() {
        return readers.stream().map(r -> r.names().getFirst()).toList();
    }

    /** Detects the format from content (and file name as a hint) and normalises it. */
    public ParsedEvidence read(String sourceName, byte[] document) throws EvidenceFormatException {
        Source source = new Source(sourceName, document, limits);
        switch (source.syntax()) {
            case EMPTY -> throw source.error("expected an evidence document, found an empty file");
            case TEXT -> {
                source.json(); // throws the located JSON syntax error, the most useful thing to say
                throw source.error("expected an evidence document in JSON, XML or YAML");
            }
            case XML -> {
                return readDetected(source);
            }
            default -> {
                JsonNode root = source.json();
                if (isStatement(root)) {
                    return readStatement(source, root, null);
                }
                return readDetected(source);
            }
        }
    }

    /**
     * Reads a predicate whose type is known, e.g. from an in-toto Statement's predicateType URI
     * or a type name like "cyclonedx", "trivy". The document may be the bare predicate or a whole
     * in-toto Statement carrying it.
     */
    public ParsedEvidence readAs(String typeOrPredicateType, String sourceName, byte[] document) throws EvidenceFormatException {
        Source source = new Source(sourceName, document, limits);
        FormatReader reader = readerFor(typeOrPredicateType);
        if (reader == null) {
            throw source.error("unknown evidence type '" + typeOrPredicateType + "'; expected one of "
                    + String.join(", ", typeNames()) + " or a supported predicate type URI");
        }
        if (source.syntax() != Source.Syntax.XML && source.syntax() != Source.Syntax.EMPTY) {
            JsonNode root = source.json();
            if (isStatement(root)) {
                return readStatement(source, root, reader);
            }
        }
        if (source.syntax() == Source.Syntax.EMPTY) {
            throw source.error("expected a " + reader.names().getFirst() + " document, found an empty file");
        }
        return reader.read(source);
    }

    private ParsedEvidence readDetected(Source source) throws EvidenceFormatException {
        for (FormatReader reader : readers) {
            if (reader.recognises(source)) {
                return reader.read(source);
            }
        }
        if (source.syntax() == Source.Syntax.XML) {
            XmlElement root = source.xml();
            throw EvidenceFormatException.at(source.name(), root.line(), root.column(),
                    "expected the root element of a supported report (CycloneDX <bom>, JUnit <testsuites> or <testsuite>, "
                            + "JaCoCo <report>, Cobertura <coverage>, ZAP <OWASPZAPReport>), found <" + root.name() + ">");
        }
        throw EvidenceFormatException.inField(source.name(), "",
                "expected a supported evidence document (" + String.join(", ", typeNames())
                        + "), found " + describeRoot(source.json()));
    }

    private ParsedEvidence readStatement(Source source, JsonNode statement, FormatReader chosen) throws EvidenceFormatException {
        JsonView root = source.root();
        String predicateType = root.requireText("predicateType");
        FormatReader reader = chosen != null ? chosen : readerFor(predicateType);
        if (reader == null) {
            throw root.get("predicateType").problem("unsupported predicate type \"" + predicateType + "\"; expected one of "
                    + readers.stream().map(r -> r.names().getFirst()).collect(Collectors.joining(", ")) + " predicates");
        }
        JsonView predicate = root.get("predicate");
        if (predicate.isMissingOrNull()) {
            throw predicate.expected("the predicate of the in-toto Statement", predicate.node());
        }
        List<JsonView> subjects = root.requireArray("subject");
        return reader.read(source.forPredicate(predicate, predicateType, subjects));
    }

    private FormatReader readerFor(String typeOrPredicateType) {
        if (typeOrPredicateType == null) {
            return null;
        }
        String wanted = typeOrPredicateType.trim().toLowerCase(Locale.ROOT);
        for (FormatReader reader : readers) {
            if (reader.names().contains(wanted) || reader.acceptsPredicateType(typeOrPredicateType.trim())) {
                return reader;
            }
        }
        return null;
    }

    static boolean isStatement(JsonNode root) {
        return root != null && root.isObject() && STATEMENT_TYPES.contains(root.path("_type").asText())
                && root.has("predicateType");
    }

    private static String describeRoot(JsonNode root) {
        if (root.isObject()) {
            List<String> keys = new ArrayList<>();
            root.fieldNames().forEachRemaining(keys::add);
            return keys.isEmpty() ? "an empty object" : "an object with fields " + keys.stream().limit(8)
                    .map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")) + (keys.size() > 8 ? ", …" : "");
        }
        return JsonView.describe(root);
    }
}
