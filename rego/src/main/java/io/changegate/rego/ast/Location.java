package io.changegate.rego.ast;

/** A position in Rego source: file name, 1-based row and column. */
public record Location(String file, int row, int col) {
    public static final Location NONE = new Location("", 0, 0);

    /** {@code file:row} as OPA prints it in evaluation errors. */
    public String fileRow() {
        return file + ":" + row;
    }

    @Override
    public String toString() {
        return file + ":" + row + ":" + col;
    }
}
