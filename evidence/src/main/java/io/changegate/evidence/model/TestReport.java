package io.changegate.evidence.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test results, from JUnit-style XML; totals are counted from the test cases themselves. */
public record TestReport(Totals summary, List<Suite> suites, List<TestCase> cases) {

    /** Case counts; {@code failures} are assertion failures, {@code errors} unexpected exceptions. */
    public record Totals(int tests, int passed, int failures, int errors, int skipped, double timeSeconds) {
        static Totals of(List<TestCase> cases) {
            int failures = 0, errors = 0, skipped = 0;
            double time = 0;
            for (TestCase c : cases) {
                switch (c.status()) {
                    case "failed" -> failures++;
                    case "error" -> errors++;
                    case "skipped" -> skipped++;
                    default -> { }
                }
                time += c.timeSeconds() == null ? 0 : c.timeSeconds();
            }
            return new Totals(cases.size(), cases.size() - failures - errors - skipped, failures, errors, skipped,
                    Math.round(time * 1000) / 1000.0);
        }
    }

    /** The cases of one suite, counted. */
    public record Suite(String name, Totals totals) {
    }

    /**
     * One test case.
     *
     * @param status {@code passed}, {@code failed}, {@code error} or {@code skipped}
     */
    public record TestCase(String suite, String className, String name, String status, Double timeSeconds,
                           String message, String type) {
    }

    public static TestReport of(List<TestCase> cases) {
        Map<String, List<TestCase>> bySuite = new LinkedHashMap<>();
        for (TestCase c : cases) {
            bySuite.computeIfAbsent(c.suite() == null ? "" : c.suite(), k -> new ArrayList<>()).add(c);
        }
        List<Suite> suites = new ArrayList<>();
        bySuite.forEach((name, members) -> suites.add(new Suite(name, Totals.of(members))));
        return new TestReport(Totals.of(cases), List.copyOf(suites), List.copyOf(cases));
    }
}
