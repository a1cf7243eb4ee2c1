package io.changegate.rego.value;

/** A JSON document that could not be read, with the position of the problem. */
public final class JsonException extends RuntimeException {
    private final int line;
    private final int column;

    public JsonException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    @Override
    public String getMessage() {
        return "line " + line + ", column " + column + ": " + super.getMessage();
    }

    /** The message without the position. */
    public String reason() {
        return super.getMessage();
    }
}
