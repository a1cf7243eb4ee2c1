package io.changegate.evidence.model;

import java.util.List;

/**
 * Code coverage, from JaCoCo or Cobertura XML.
 *
 * @param tool     {@code jacoco} or {@code cobertura}
 * @param lines    line coverage over the whole report
 * @param branches branch coverage over the whole report
 * @param packages per package
 * @param files    per source file (path as the report gives it, package-qualified for JaCoCo)
 */
public record CoverageReport(String tool, Ratio lines, Ratio branches, List<Unit> packages, List<Unit> files) {
    public CoverageReport {
        packages = List.copyOf(packages);
        files = List.copyOf(files);
    }

    /** Covered out of total; {@code ratio} is covered/total rounded to 4 places, null when total is 0. */
    public record Ratio(long covered, long total, Double ratio) {
        public static final Ratio EMPTY = of(0, 0);

        public static Ratio of(long covered, long total) {
            return new Ratio(covered, total, total == 0 ? null : Math.round(covered * 10_000.0 / total) / 10_000.0);
        }

        public Ratio plus(Ratio other) {
            return of(covered + other.covered, total + other.total);
        }
    }

    /** Coverage of one package or file. */
    public record Unit(String name, Ratio lines, Ratio branches) {
    }
}
