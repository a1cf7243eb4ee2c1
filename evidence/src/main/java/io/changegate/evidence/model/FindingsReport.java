package io.changegate.evidence.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Static-analysis findings, from SARIF 2.1.0 (any tool) or Snyk IaC. */
public record FindingsReport(List<Run> runs, List<Finding> findings, Summary summary) {

    /** One analysis run; {@code executionSuccessful} false means results may be missing. */
    public record Run(String tool, String version, boolean executionSuccessful, int results) {
    }

    /**
     * Counts for policies.
     *
     * @param open            findings neither suppressed nor {@code absent} from the current scan
     * @param byLevel         by SARIF level
     * @param bySeverity      by normalised severity, all findings
     * @param openBySeverity  by normalised severity, open findings only
     * @param byBaselineState by baseline state, {@code none} when not compared
     */
    public record Summary(int total, int open, int suppressed, Map<String, Integer> byLevel,
                          SeverityCounts bySeverity, SeverityCounts openBySeverity,
                          Map<String, Integer> byBaselineState, boolean allRunsSuccessful) {
    }

    public static FindingsReport of(List<Run> runs, List<Finding> findings) {
        Map<String, Integer> byLevel = new TreeMap<>();
        for (String level : List.of("error", "warning", "note", "none")) {
            byLevel.put(level, 0);
        }
        Map<String, Integer> byBaseline = new TreeMap<>();
        int suppressed = 0;
        for (Finding f : findings) {
            byLevel.merge(f.level(), 1, Integer::sum);
            byBaseline.merge(f.baselineState() == null ? "none" : f.baselineState(), 1, Integer::sum);
            suppressed += f.suppressed() ? 1 : 0;
        }
        List<Finding> open = findings.stream().filter(FindingsReport::isOpen).toList();
        return new FindingsReport(List.copyOf(runs), List.copyOf(findings),
                new Summary(findings.size(), open.size(), suppressed, byLevel,
                        SeverityCounts.of(findings, Finding::severity), SeverityCounts.of(open, Finding::severity),
                        byBaseline, runs.stream().allMatch(Run::executionSuccessful)));
    }

    static boolean isOpen(Finding f) {
        return !f.suppressed() && !"absent".equals(f.baselineState());
    }
}
