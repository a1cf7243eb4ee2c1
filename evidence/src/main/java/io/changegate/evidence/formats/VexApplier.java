package io.changegate.evidence.formats;

import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.VexDocument;
import io.changegate.evidence.model.VexDocument.VexStatement;
import io.changegate.evidence.model.Vulnerability;
import io.changegate.evidence.model.VulnerabilityReport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies VEX statements to a vulnerabilities predicate, the same way whichever scanner wrote it.
 *
 * <p>A statement applies to a vulnerability when its vulnerability id (or an alias) equals the
 * vulnerability's id or one of its aliases, and either the statement names no products, or one
 * of its products matches the vulnerable package: the product's subcomponents when it lists any,
 * else the product itself, match when they are the same package URL (type, namespace and name,
 * and the version when the statement gives one; qualifiers ignored), or when the product is one
 * of the subject identifiers (the scanned artifact). When several statements apply, the one with
 * the latest timestamp wins, and among equals the last given. The result keeps every
 * vulnerability and sets its {@code vex_status}; the summary's open counts then exclude
 * {@code not_affected} and {@code fixed}.
 */
public final class VexApplier {
    private VexApplier() {
    }

    /** Applies the statements of the VEX documents, matching products against the report's artifact. */
    public static VulnerabilityReport apply(VulnerabilityReport report, Collection<VexDocument> vex) {
        Set<String> subject = report.artifact() == null ? Set.of() : Set.of(report.artifact());
        return apply(report, vex, subject);
    }

    /**
     * Applies the statements of the VEX documents; a product equal to one of the subject
     * identifiers (image reference, artifact purl, digest) covers every package of the report.
     */
    public static VulnerabilityReport apply(VulnerabilityReport report, Collection<VexDocument> vex, Set<String> subjectIdentifiers) {
        List<Ranked> statements = new ArrayList<>();
        int order = 0;
        for (VexDocument document : vex) {
            for (VexStatement statement : document.statements()) {
                statements.add(new Ranked(statement, document.id(), epochMillis(statement.timestamp()), order++));
            }
        }
        statements.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Integer.compare(a.order, b.order));
        List<Vulnerability> out = new ArrayList<>(report.vulnerabilities().size());
        for (Vulnerability v : report.vulnerabilities()) {
            Ranked winner = null;
            for (Ranked candidate : statements) {
                if (appliesTo(candidate.statement, v, subjectIdentifiers)) {
                    winner = candidate; // sorted ascending: the last match is the latest
                }
            }
            out.add(winner == null ? v : v.withVex(winner.statement.status(), winner.statement.justification(),
                    winner.documentId == null ? "vex" : winner.documentId));
        }
        return report.withVulnerabilities(out);
    }

    /** Convenience over predicates: a VULNERABILITIES predicate and VEX predicates in, the updated predicate out. */
    public static ParsedEvidence apply(ParsedEvidence vulnerabilities, List<ParsedEvidence> vex) {
        if (vulnerabilities.kind() != EvidenceKind.VULNERABILITIES) {
            throw new IllegalArgumentException("expected VULNERABILITIES evidence, found " + vulnerabilities.kind());
        }
        List<VexDocument> documents = new ArrayList<>();
        for (ParsedEvidence document : vex) {
            if (document.kind() != EvidenceKind.VEX) {
                throw new IllegalArgumentException("expected VEX evidence, found " + document.kind());
            }
            documents.add(Predicates.toModel(document.predicate(), VexDocument.class));
        }
        VulnerabilityReport report = Predicates.toModel(vulnerabilities.predicate(), VulnerabilityReport.class);
        return new ParsedEvidence(EvidenceKind.VULNERABILITIES, vulnerabilities.format(), Predicates.toJson(apply(report, documents)));
    }

    private record Ranked(VexStatement statement, String documentId, long time, int order) {
    }

    static boolean appliesTo(VexStatement statement, Vulnerability v, Set<String> subjectIdentifiers) {
        if (!sameVulnerability(statement, v)) {
            return false;
        }
        if (statement.products().isEmpty()) {
            return true;
        }
        for (VexDocument.Product product : statement.products()) {
            if (product.subcomponents().isEmpty()) {
                if (subjectIdentifiers.contains(product.id()) || samePackage(product.id(), v)) {
                    return true;
                }
            } else {
                for (String sub : product.subcomponents()) {
                    if (samePackage(sub, v)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean sameVulnerability(VexStatement statement, Vulnerability v) {
        Set<String> ids = new HashSet<>();
        if (v.id() != null) {
            ids.add(v.id().toUpperCase(Locale.ROOT));
        }
        v.aliases().forEach(a -> ids.add(a.toUpperCase(Locale.ROOT)));
        if (ids.contains(statement.vulnerability().toUpperCase(Locale.ROOT))) {
            return true;
        }
        return statement.aliases().stream().anyMatch(a -> ids.contains(a.toUpperCase(Locale.ROOT)));
    }

    private static boolean samePackage(String productId, Vulnerability v) {
        if (v.affectedPackage() == null || v.affectedPackage().purl() == null) {
            return false;
        }
        Purl product = Purl.parse(productId);
        Purl vulnerable = Purl.parse(v.affectedPackage().purl());
        if (product == null || vulnerable == null) {
            return false;
        }
        return product.type.equals(vulnerable.type) && product.namespace.equals(vulnerable.namespace)
                && product.name.equals(vulnerable.name)
                && (product.version == null || product.version.equals(vulnerable.version));
    }

    /** The identifying parts of a package URL, percent-decoded, lower case except the version. */
    private record Purl(String type, String namespace, String name, String version) {
        static Purl parse(String text) {
            if (text == null || !text.startsWith("pkg:")) {
                return null;
            }
            String rest = text.substring(4);
            int cut = indexOfAny(rest, '?', '#');
            if (cut >= 0) {
                rest = rest.substring(0, cut);
            }
            String version = null;
            int at = rest.lastIndexOf('@');
            int lastSlash = rest.lastIndexOf('/');
            if (at > lastSlash) {
                version = decode(rest.substring(at + 1));
                rest = rest.substring(0, at);
            }
            int firstSlash = rest.indexOf('/');
            if (firstSlash <= 0) {
                return null;
            }
            String type = rest.substring(0, firstSlash).toLowerCase(Locale.ROOT);
            String path = rest.substring(firstSlash + 1);
            int nameSlash = path.lastIndexOf('/');
            String namespace = nameSlash < 0 ? "" : decode(path.substring(0, nameSlash)).toLowerCase(Locale.ROOT);
            String name = decode(nameSlash < 0 ? path : path.substring(nameSlash + 1)).toLowerCase(Locale.ROOT);
            return new Purl(type, namespace, name, version);
        }

        private static int indexOfAny(String text, char a, char b) {
            int i = text.indexOf(a);
            int j = text.indexOf(b);
            return i < 0 ? j : j < 0 ? i : Math.min(i, j);
        }

        private static String decode(String part) {
            try {
                return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return part;
            }
        }
    }

    private static long epochMillis(String timestamp) {
        if (timestamp == null) {
            return Long.MIN_VALUE;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
