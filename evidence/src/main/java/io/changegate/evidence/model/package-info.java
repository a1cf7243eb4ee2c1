/**
 * The normalised predicate of each {@link io.changegate.evidence.model.EvidenceKind}, one
 * immutable record model per kind, so that one policy can judge any tool's output.
 *
 * <p><b>Field names are snake_case</b> when serialised to JSON (the form policies read), e.g.
 * {@code fixed_version}, {@code by_severity}, {@code cvss_score}. Every field is always present:
 * absent scalars are {@code null} and absent lists are {@code []}, so a policy never has to
 * guess whether a field exists. Each report kind has a top-level {@code summary} with counts.
 *
 * <p>Enumerated values are normalised across tools:
 * <ul>
 *   <li>severity: {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code UNKNOWN}
 *       (tools' "negligible", "info", "informational" and "none" become {@code LOW});</li>
 *   <li>VEX status: {@code not_affected}, {@code affected}, {@code fixed}, {@code under_investigation};</li>
 *   <li>finding level (SARIF): {@code error}, {@code warning}, {@code note}, {@code none};
 *       baseline state: {@code new}, {@code unchanged}, {@code updated}, {@code absent} or null;</li>
 *   <li>test case status: {@code passed}, {@code failed}, {@code error}, {@code skipped};</li>
 *   <li>DAST risk: {@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code INFORMATIONAL}.</li>
 * </ul>
 *
 * <p>Top-level shapes: SBOM {@code {components, dependencies, vulnerabilities, summary}};
 * vulnerabilities {@code {vulnerabilities, findings, summary}}; findings {@code {runs, findings, summary}};
 * DAST {@code {alerts, summary}}; tests {@code {summary, suites, cases}}; coverage
 * {@code {lines, branches, packages, files}}; provenance and VSA as their records; VEX {@code {statements}}.
 */
package io.changegate.evidence.model;
