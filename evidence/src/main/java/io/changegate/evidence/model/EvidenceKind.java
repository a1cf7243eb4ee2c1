package io.changegate.evidence.model;

/** The kind of evidence a document carries; each kind has one normalised predicate model. */
public enum EvidenceKind {
    /** A software bill of materials: {@link Sbom}. */
    SBOM,
    /** Vulnerability scan results: {@link VulnerabilityReport}. */
    VULNERABILITIES,
    /** Static analysis findings: {@link FindingsReport}. */
    FINDINGS,
    /** Dynamic application security testing alerts: {@link DastReport}. */
    DAST,
    /** Test results: {@link TestReport}. */
    TESTS,
    /** Code coverage: {@link CoverageReport}. */
    COVERAGE,
    /** SLSA build provenance: {@link Provenance}. */
    PROVENANCE,
    /** A SLSA verification summary attestation: {@link VerificationSummary}. */
    VSA,
    /** Vulnerability exploitability statements: {@link VexDocument}. */
    VEX
}
