package io.changegate.evidence.model;

import java.util.List;

/**
 * One static-analysis or configuration finding.
 *
 * @param tool          the tool that reported it
 * @param category      {@code sast} (SARIF), {@code misconfiguration}, {@code secret} or {@code iac}
 * @param ruleId        the rule identifier
 * @param level         {@code error}, {@code warning}, {@code note} or {@code none}
 * @param severity      the SARIF {@code security-severity} or tool severity when given, else derived from the level
 * @param suppressed    true when an accepted suppression applies (SARIF: a non-empty {@code suppressions} with none rejected or under review)
 * @param suppressions  the suppression kinds present, e.g. {@code inSource}, {@code external}
 * @param baselineState {@code new}, {@code unchanged}, {@code updated}, {@code absent}, or null when not compared
 */
public record Finding(String tool, String category, String ruleId, String ruleName, String level, Severity severity,
                      String message, Location location, boolean suppressed, List<String> suppressions,
                      String baselineState) {
    public Finding {
        suppressions = List.copyOf(suppressions);
        severity = severity == null ? Severity.UNKNOWN : severity;
    }

    /** A place in a file; line and column are 1-based, null when unknown. */
    public record Location(String file, Integer line, Integer column) {
    }
}
