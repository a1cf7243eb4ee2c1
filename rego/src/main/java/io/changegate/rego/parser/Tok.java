package io.changegate.rego.parser;

/** Token kinds, named as OPA names them in error messages ("unexpected assign token"). */
enum Tok {
    ILLEGAL("illegal"), EOF("eof"), WHITESPACE("whitespace"), IDENT("identifier"), NUMBER("number"), STRING("string"),
    LBRACK("["), RBRACK("]"), LBRACE("{"), RBRACE("}"), LPAREN("("), RPAREN(")"), COMMA(","), COLON(":"),
    ADD("plus"), SUB("minus"), MUL("mul"), QUO("div"), REM("rem"), AND("and"), OR("or"),
    UNIFY("eq"), EQUAL("equal"), ASSIGN("assign"), NEQ("neq"), GT("gt"), LT("lt"), GTE("gte"), LTE("lte"),
    DOT("."), SEMICOLON(";"),
    // Keywords. The first group is always reserved; the second only in v1 or after a future import.
    PACKAGE("package"), IMPORT("import"), AS("as"), DEFAULT("default"), ELSE("else"), NOT("not"),
    SOME("some"), WITH("with"), NULL("null"), TRUE("true"), FALSE("false"),
    IN("in"), EVERY("every"), CONTAINS("contains"), IF("if");

    final String display;

    Tok(String display) {
        this.display = display;
    }

    /** True for keywords of either group: OPA calls these "keyword" rather than "token" in errors. */
    boolean isKeyword() {
        return ordinal() >= PACKAGE.ordinal();
    }

    /** True for the keywords that v0 only reserves after an import. */
    boolean isFutureKeyword() {
        return ordinal() >= IN.ordinal();
    }

    static Tok keyword(String text) {
        return switch (text) {
            case "package" -> PACKAGE;
            case "import" -> IMPORT;
            case "as" -> AS;
            case "default" -> DEFAULT;
            case "else" -> ELSE;
            case "not" -> NOT;
            case "some" -> SOME;
            case "with" -> WITH;
            case "null" -> NULL;
            case "true" -> TRUE;
            case "false" -> FALSE;
            case "in" -> IN;
            case "every" -> EVERY;
            case "contains" -> CONTAINS;
            case "if" -> IF;
            default -> null;
        };
    }
}
