package io.changegate.evidence.formats;

import io.changegate.evidence.model.CoverageReport;
import io.changegate.evidence.model.CoverageReport.Ratio;
import io.changegate.evidence.model.CoverageReport.Unit;
import io.changegate.evidence.model.EvidenceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * JaCoCo XML reports (DTD 1.0 and 1.1, with or without groups). Ratios come from the LINE and
 * BRANCH counters; the report's own counters give the totals, or the sum of its packages when
 * it has none. Files are the {@code <sourcefile>} elements, or the classes of a package without
 * any (as written for sources JaCoCo could not name).
 */
final class JacocoReader implements FormatReader {
    @Override
    public List<String> names() {
        return List.of("jacoco");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        return source.syntax() == Source.Syntax.XML && source.xml().name().equals("report");
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        if (source.syntax() != Source.Syntax.XML) {
            throw source.error("expected JaCoCo XML, found a document that is not XML");
        }
        XmlElement report = source.xml();
        if (!report.name().equals("report")) {
            throw EvidenceFormatException.at(source.name(), report.line(), report.column(),
                    "expected a JaCoCo <report> root element, found <" + report.name() + ">");
        }
        List<Unit> packages = new ArrayList<>();
        List<Unit> files = new ArrayList<>();
        collect(source, report, packages, files);
        Ratio lines = counter(source, report, "LINE");
        Ratio branches = counter(source, report, "BRANCH");
        if (report.children("counter").isEmpty()) {
            lines = packages.stream().map(Unit::lines).reduce(Ratio.EMPTY, Ratio::plus);
            branches = packages.stream().map(Unit::branches).reduce(Ratio.EMPTY, Ratio::plus);
        }
        return Predicates.parsed(EvidenceKind.COVERAGE, "jacoco-xml", new CoverageReport("jacoco", lines, branches, packages, files));
    }

    private void collect(Source source, XmlElement container, List<Unit> packages, List<Unit> files) throws EvidenceFormatException {
        for (XmlElement child : container.children()) {
            if (child.name().equals("group")) {
                collect(source, child, packages, files);
            } else if (child.name().equals("package")) {
                String name = child.attr("name") == null ? "" : child.attr("name");
                packages.add(new Unit(name, counter(source, child, "LINE"), counter(source, child, "BRANCH")));
                List<XmlElement> sourceFiles = child.children("sourcefile");
                List<XmlElement> units = sourceFiles.isEmpty() ? child.children("class") : sourceFiles;
                for (XmlElement unit : units) {
                    String unitName = unit.attr("name") == null ? "" : unit.attr("name");
                    String path = sourceFiles.isEmpty() || name.isEmpty() ? unitName : name + "/" + unitName;
                    files.add(new Unit(path, counter(source, unit, "LINE"), counter(source, unit, "BRANCH")));
                }
            }
        }
    }

    /** The element's own counter of a type, zero when absent. */
    private static Ratio counter(Source source, XmlElement element, String type) throws EvidenceFormatException {
        for (XmlElement counter : element.children("counter")) {
            if (type.equals(counter.attr("type"))) {
                long missed = count(source, counter, "missed");
                long covered = count(source, counter, "covered");
                return Ratio.of(covered, covered + missed);
            }
        }
        return Ratio.EMPTY;
    }

    private static long count(Source source, XmlElement counter, String attribute) throws EvidenceFormatException {
        String text = counter.attr(attribute);
        if (text == null || !text.matches("\\d{1,15}")) {
            throw EvidenceFormatException.at(source.name(), counter.line(), counter.column(),
                    "expected a non-negative integer " + attribute + " attribute on <counter>, found "
                            + (text == null ? "none" : "\"" + text + "\""));
        }
        return Long.parseLong(text);
    }
}
