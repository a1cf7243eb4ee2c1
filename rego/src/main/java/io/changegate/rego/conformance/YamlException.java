package io.changegate.rego.conformance;

/** A YAML document that could not be read, or a case file that is not in the expected format. */
public final class YamlException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;

    public YamlException(String file, int line, int column, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** {@code file:line:column: message}, leaving out the parts that are unknown. */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(super.getMessage()).toString();
    }
}
