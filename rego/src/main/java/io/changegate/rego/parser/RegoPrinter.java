package io.changegate.rego.parser;

import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Term;

/** Prints the AST back as canonical Rego v1 source. */
public final class RegoPrinter {
    private RegoPrinter() {
    }

    public static String print(Module m) {
        throw new UnsupportedOperationException("printer not implemented yet");
    }

    public static String print(Body b) {
        throw new UnsupportedOperationException("printer not implemented yet");
    }

    public static String print(Term t) {
        throw new UnsupportedOperationException("printer not implemented yet");
    }
}
