package io.changegate.evidence.formats;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Thrown when a document is not the evidence it claims to be; the message names the source,
 * the location (line and column, or a JSON pointer) and what was expected.
 */
public final class EvidenceFormatException extends Exception {
    private final String sourceName;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    private EvidenceFormatException(String sourceName, int line, int column, String field, String problem, Throwable cause) {
        super(render(sourceName, line, column, field, problem), cause, false, cause != null);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    /** A problem at a line and column (1-based; column may be 0 when unknown). */
    public static EvidenceFormatException at(String sourceName, int line, int column, String problem) {
        return new EvidenceFormatException(sourceName, line, column, null, problem, null);
    }

    /** A problem at a line and column, caused by a lower-level parser error. */
    public static EvidenceFormatException at(String sourceName, int line, int column, String problem, Throwable cause) {
        return new EvidenceFormatException(sourceName, line, column, null, problem, cause);
    }

    /** A problem in a field, named by a JSON pointer (e.g. {@code /runs/0/results}) or an XML path. */
    public static EvidenceFormatException inField(String sourceName, String field, String problem) {
        return new EvidenceFormatException(sourceName, -1, -1, field, problem, null);
    }

    /** A problem with the document as a whole. */
    public static EvidenceFormatException of(String sourceName, String problem) {
        return new EvidenceFormatException(sourceName, -1, -1, null, problem, null);
    }

    public String sourceName() {
        return sourceName;
    }

    /** The 1-based line of the problem, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The 1-based column of the problem, when known. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** The JSON pointer or XML path of the offending field, when known. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The message without the source and location prefix. */
    public String problem() {
        return problem;
    }

    private static String render(String sourceName, int line, int column, String field, String problem) {
        StringBuilder text = new StringBuilder(sourceName == null ? "<input>" : sourceName).append(": ");
        if (line > 0) {
            text.append("line ").append(line);
            if (column > 0) {
                text.append(", column ").append(column);
            }
            text.append(": ");
        }
        if (field != null) {
            text.append(field.isEmpty() ? "at the document root" : "at " + field).append(": ");
        }
        return text.append(problem).toString();
    }
}
