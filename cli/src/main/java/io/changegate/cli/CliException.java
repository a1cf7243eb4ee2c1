package io.changegate.cli;

/** A failure to report to the user as one clear message, without a stack trace. */
public class CliException extends Exception {
    private final int exitCode;

    public CliException(String message) {
        this(message, 1);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
