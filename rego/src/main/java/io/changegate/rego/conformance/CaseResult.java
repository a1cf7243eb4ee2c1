package io.changegate.rego.conformance;

/**
 * The outcome of one conformance case.
 *
 * @param id       the case id ({@code file#index note})
 * @param status   passed, failed or skipped
 * @param message  why it failed or was skipped; empty when it passed
 * @param expected what the case wanted, rendered for people (null when not applicable)
 * @param actual   what the engine gave, rendered for people (null when not applicable)
 */
public record CaseResult(String id, Status status, String message, String expected, String actual) {

    /** How a case ended. */
    public enum Status {
        PASSED, FAILED, SKIPPED;

        /** The lower-case name used in reports. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static CaseResult passed(String id) {
        return new CaseResult(id, Status.PASSED, "", null, null);
    }

    public static CaseResult skipped(String id, String reason) {
        return new CaseResult(id, Status.SKIPPED, reason, null, null);
    }

    public static CaseResult failed(String id, String message, String expected, String actual) {
        return new CaseResult(id, Status.FAILED, message, expected, actual);
    }
}
