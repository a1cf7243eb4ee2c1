package io.changegate.rego.parser;

import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.Value;

/** Parses Rego source into the AST of {@code io.changegate.rego.ast}. */
public final class Parser {
    private Parser() {
    }

    public static Module parseModule(String file, String source, RegoVersion version) throws RegoException {
        throw notYet(file);
    }

    public static Body parseQuery(String source) throws RegoException {
        throw notYet("");
    }

    public static Term parseTerm(String source) throws RegoException {
        throw notYet("");
    }

    public static Value parseValue(String source) throws RegoException {
        throw notYet("");
    }

    private static RegoException notYet(String file) {
        return new RegoException(new RegoError("rego_parse_error", "parser not implemented yet", new Location(file, 1, 1)));
    }
}
