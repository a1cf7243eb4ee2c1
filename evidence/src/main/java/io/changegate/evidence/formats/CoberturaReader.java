package io.changegate.evidence.formats;

import io.changegate.evidence.model.CoverageReport;
import io.changegate.evidence.model.CoverageReport.Ratio;
import io.changegate.evidence.model.CoverageReport.Unit;
import io.changegate.evidence.model.EvidenceKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cobertura XML (Cobertura 1.9/2.x, coverage.py, coverlet, istanbul, gcovr…). Coverage is
 * counted from the classes' {@code <line>} elements rather than the root's rate attributes,
 * which writers spell differently ({@code line-rate}, {@code lineRate}) or omit. A line listed
 * by several classes of one file counts once (its best hits); branches come from
 * {@code condition-coverage="50% (1/2)"}, and branch lines without it add nothing. When no line
 * carries condition counts (istanbul), the overall branch ratio comes from the root's
 * {@code branches-covered}/{@code branches-valid}.
 */
final class CoberturaReader implements FormatReader {
    private static final Pattern CONDITION = Pattern.compile("\\((\\d{1,9})/(\\d{1,9})\\)");

    @Override
    public List<String> names() {
        return List.of("cobertura");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        return source.syntax() == Source.Syntax.XML && source.xml().name().equals("coverage");
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        if (source.syntax() != Source.Syntax.XML) {
            throw source.error("expected Cobertura XML, found a document that is not XML");
        }
        XmlElement coverage = source.xml();
        if (!coverage.name().equals("coverage")) {
            throw EvidenceFormatException.at(source.name(), coverage.line(), coverage.column(),
                    "expected a Cobertura <coverage> root element, found <" + coverage.name() + ">");
        }
        // package name -> file name -> line number -> best line
        Map<String, Map<String, Map<Long, LineHit>>> byPackage = new LinkedHashMap<>();
        for (XmlElement pkg : coverage.children("packages", "package")) {
            String packageName = pkg.attr("name") == null ? "" : pkg.attr("name");
            Map<String, Map<Long, LineHit>> files = byPackage.computeIfAbsent(packageName, k -> new LinkedHashMap<>());
            for (XmlElement cls : pkg.children("classes", "class")) {
                String file = cls.attr("filename") != null ? cls.attr("filename") : cls.attr("name");
                if (file == null) {
                    throw EvidenceFormatException.at(source.name(), cls.line(), cls.column(),
                            "expected a filename or name attribute on <class>");
                }
                Map<Long, LineHit> lines = files.computeIfAbsent(file, k -> new LinkedHashMap<>());
                for (XmlElement line : cls.children("lines", "line")) {
                    LineHit hit = lineHit(source, line);
                    lines.merge(hit.number, hit, LineHit::best);
                }
            }
        }
        List<Unit> packages = new ArrayList<>();
        List<Unit> files = new ArrayList<>();
        Ratio allLines = Ratio.EMPTY;
        Ratio allBranches = Ratio.EMPTY;
        for (var pkg : byPackage.entrySet()) {
            Ratio packageLines = Ratio.EMPTY;
            Ratio packageBranches = Ratio.EMPTY;
            for (var file : pkg.getValue().entrySet()) {
                long covered = 0, branchCovered = 0, branchTotal = 0;
                for (LineHit hit : file.getValue().values()) {
                    covered += hit.hits > 0 ? 1 : 0;
                    branchCovered += hit.branchCovered;
                    branchTotal += hit.branchTotal;
                }
                Ratio lines = Ratio.of(covered, file.getValue().size());
                Ratio branches = Ratio.of(branchCovered, branchTotal);
                files.add(new Unit(file.getKey(), lines, branches));
                packageLines = packageLines.plus(lines);
                packageBranches = packageBranches.plus(branches);
            }
            packages.add(new Unit(pkg.getKey(), packageLines, packageBranches));
            allLines = allLines.plus(packageLines);
            allBranches = allBranches.plus(packageBranches);
        }
        if (allBranches.total() == 0) {
            // istanbul counts branches only in the root attributes, not per line: use them then.
            Long covered = longAttr(coverage, "branches-covered");
            Long valid = longAttr(coverage, "branches-valid");
            if (covered != null && valid != null && covered <= valid) {
                allBranches = Ratio.of(covered, valid);
            }
        }
        return Predicates.parsed(EvidenceKind.COVERAGE, "cobertura-xml",
                new CoverageReport("cobertura", allLines, allBranches, packages, files));
    }

    private static Long longAttr(XmlElement element, String name) {
        String text = element.attr(name);
        return text != null && text.matches("\\d{1,15}") ? Long.valueOf(text) : null;
    }

    private record LineHit(long number, long hits, long branchCovered, long branchTotal) {
        LineHit best(LineHit other) {
            return new LineHit(number, Math.max(hits, other.hits),
                    Math.max(branchCovered, other.branchCovered), Math.max(branchTotal, other.branchTotal));
        }
    }

    private static LineHit lineHit(Source source, XmlElement line) throws EvidenceFormatException {
        String number = line.attr("number");
        String hits = line.attr("hits");
        if (number == null || !number.matches("-?\\d{1,15}")) {
            throw EvidenceFormatException.at(source.name(), line.line(), line.column(),
                    "expected an integer number attribute on <line>, found " + (number == null ? "none" : "\"" + number + "\""));
        }
        if (hits == null || !hits.matches("\\d{1,19}")) {
            throw EvidenceFormatException.at(source.name(), line.line(), line.column(),
                    "expected a non-negative integer hits attribute on <line>, found " + (hits == null ? "none" : "\"" + hits + "\""));
        }
        long branchCovered = 0, branchTotal = 0;
        String condition = line.attr("condition-coverage");
        // .NET writers spell the flag "True"; only an explicit false disables the condition counts.
        if (condition != null && !"false".equalsIgnoreCase(line.attr("branch"))) {
            Matcher m = CONDITION.matcher(condition);
            if (m.find()) {
                branchCovered = Long.parseLong(m.group(1));
                branchTotal = Long.parseLong(m.group(2));
            }
        }
        // hits can exceed a long in theory; saturate rather than fail on absurd counts
        long hitCount = hits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(hits);
        return new LineHit(Long.parseLong(number), hitCount, branchCovered, branchTotal);
    }
}
