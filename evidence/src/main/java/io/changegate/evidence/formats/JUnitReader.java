package io.changegate.evidence.formats;

import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.TestReport;

import java.util.ArrayList;
import java.util.List;

/**
 * JUnit-style XML as written by Maven Surefire, pytest, jest-junit, PHPUnit (nested suites),
 * Nette Tester, googletest and others. Totals are counted from the test cases, not taken from
 * the (often inconsistent) suite attributes. A case's outcome: {@code <error>}, else
 * {@code <failure>}, else {@code <skipped>} or a googletest {@code status="notrun"}; Surefire's
 * {@code flakyFailure} and {@code rerunFailure} leave a case passed.
 */
final class JUnitReader implements FormatReader {
    @Override
    public List<String> names() {
        return List.of("junit");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() != Source.Syntax.XML) {
            return false;
        }
        String root = source.xml().name();
        return root.equals("testsuites") || root.equals("testsuite");
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        if (source.syntax() != Source.Syntax.XML) {
            throw source.error("expected JUnit XML, found a document that is not XML");
        }
        XmlElement root = source.xml();
        if (!root.name().equals("testsuites") && !root.name().equals("testsuite")) {
            throw EvidenceFormatException.at(source.name(), root.line(), root.column(),
                    "expected a <testsuites> or <testsuite> root element, found <" + root.name() + ">");
        }
        List<TestReport.TestCase> cases = new ArrayList<>();
        collect(source, root, root.name().equals("testsuite") ? root.attr("name") : null, cases);
        return Predicates.parsed(EvidenceKind.TESTS, "junit-xml", TestReport.of(cases));
    }

    private void collect(Source source, XmlElement element, String suite, List<TestReport.TestCase> into) throws EvidenceFormatException {
        for (XmlElement child : element.children()) {
            switch (child.name()) {
                case "testsuite" -> collect(source, child, child.attr("name"), into);
                case "testcase" -> into.add(testCase(source, child, suite));
                default -> {
                    // properties, system-out and the like describe the run, not its cases
                }
            }
        }
    }

    private TestReport.TestCase testCase(Source source, XmlElement c, String suite) throws EvidenceFormatException {
        // jest-junit writes name="" for untitled tests: present but empty is a real case.
        String name = c.attributes().get("name");
        if (name == null) {
            throw EvidenceFormatException.at(source.name(), c.line(), c.column(), "expected a name attribute on <testcase>");
        }
        XmlElement error = c.child("error");
        XmlElement failure = c.child("failure");
        XmlElement skipped = c.child("skipped");
        String status;
        XmlElement outcome;
        if (error != null) {
            status = "error";
            outcome = error;
        } else if (failure != null) {
            status = "failed";
            outcome = failure;
        } else if (skipped != null || "notrun".equals(c.attr("status")) || "skipped".equals(c.attr("result"))
                || "disabled".equals(c.attr("status"))) {
            status = "skipped";
            outcome = skipped;
        } else {
            status = "passed";
            outcome = null;
        }
        String message = null;
        String type = null;
        if (outcome != null) {
            message = outcome.attr("message") != null ? outcome.attr("message") : outcome.textOrNull();
            type = outcome.attr("type");
        }
        return new TestReport.TestCase(suite, c.attr("classname"), name, status, seconds(c.attr("time")), message, type);
    }

    /** Seconds; some writers use thousands separators ("1,234.5"), which are dropped. */
    private static Double seconds(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.replace(",", ""));
            return Double.isFinite(value) && value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
