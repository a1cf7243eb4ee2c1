package io.changegate.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Term;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing a syntax tree and parsing the text gives the same tree back, locations aside. */
class PrintParseRoundTripProperties {

    @Property(tries = 400)
    void printedTermsParseBackToTheSameTerm(@ForAll("terms") String source) throws RegoException {
        Term t;
        try {
            t = Parser.parseTerm(source);
        } catch (RegoException e) {
            Assume.that(false); // the generator can write ambiguous text such as `{a in b: c}`
            return;
        }
        String printed = RegoPrinter.print(t);
        Term again = Parser.parseTerm(printed);
        assertThat(AstEquality.equal(t, again)).as("%s printed as %s", source, printed).isTrue();
        assertThat(RegoPrinter.print(again)).isEqualTo(printed);
    }

    @Property(tries = 200)
    void printedModulesParseBackToTheSameModule(@ForAll("modules") String source) throws RegoException {
        Module m;
        try {
            m = Parser.parseModule("gen.rego", source, RegoVersion.V1);
        } catch (RegoException e) {
            Assume.that(false); // e.g. `every e in a in b { … }`: generated text that is not Rego
            return;
        }
        String printed = RegoPrinter.print(m);
        Module again;
        try {
            again = Parser.parseModule("gen.rego", printed, RegoVersion.V1);
        } catch (RegoException e) {
            throw new AssertionError(e.getMessage() + " in printed module:\n" + printed + "\nfrom:\n" + source, e);
        }
        assertThat(AstEquality.equal(m, again)).as("%s%nprinted as%n%s", source, printed).isTrue();
    }

    @Property(tries = 300)
    void arbitraryTextNeverCrashesTheParser(@ForAll("noise") String source) {
        try {
            Parser.parseModule("noise.rego", source, RegoVersion.V1);
        } catch (RegoException e) {
            assertThat(e.code()).isEqualTo("rego_parse_error");
        }
    }

    @Provide
    Arbitrary<String> terms() {
        return term(3);
    }

    @Provide
    Arbitrary<String> modules() {
        Arbitrary<String> rule = Arbitraries.oneOf(
                Combinators.combine(name(), term(2)).as((n, v) -> n + " := " + v),
                Combinators.combine(name(), term(2), body()).as((n, v, b) -> n + " := " + v + " if {\n" + b + "\n}"),
                Combinators.combine(name(), term(1), body()).as((n, k, b) -> n + " contains " + k + " if { " + b + " }"),
                Combinators.combine(name(), name(), body()).as((n, a, b) -> "f_" + n + "(" + a + ") := " + a + " if " + b.split("\n")[0]),
                Combinators.combine(name(), Arbitraries.of("1", "\"s\"", "[1, {\"a\": null}]", "{1, 2}", "false", "-2.5"))
                        .as((n, v) -> "default " + n + " := " + v),
                Combinators.combine(name(), term(1), term(1), body()).as((n, a, b, bd) ->
                        n + ".x[\"k\"] := " + a + " if { " + bd.replace("\n", "; ") + " } else := " + b));
        return rule.list().ofMinSize(1).ofMaxSize(5)
                .map(rules -> "package gen\n\nimport data.lib as l\n\n" + String.join("\n\n", rules) + "\n");
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("package", "p", "if", "{", "}", "[", "]", "(", ")", ":=", "=", "==",
                "x", "1", "-", "\"s\"", "`r`", ",", ";", "\n", " ", "some", "in", "every", "not", "with", "as", "else",
                "contains", "default", "import", ".", "|", "&", "+", "*", "#", "@", "!", "1.5e3", "0x", "\"\\u12");
        return tokens.list().ofMaxSize(40).map(ts -> String.join(" ", ts));
    }

    private Arbitrary<String> name() {
        return Arbitraries.of("p", "q", "allow", "deny", "r2", "msg");
    }

    private Arbitrary<String> body() {
        Arbitrary<String> expr = Arbitraries.oneOf(
                term(2),
                Combinators.combine(Arbitraries.of("x", "y", "z"), term(2)).as((v, t) -> v + " := " + t),
                Combinators.combine(term(1), term(1)).as((a, b) -> a + " = " + b),
                term(1).map(t -> "not " + t),
                Combinators.combine(Arbitraries.of("x", "y"), term(1)).as((v, t) -> "some " + v + " in " + t),
                term(1).map(t -> "some k, v in " + t),
                Arbitraries.of("some a, b"),
                Combinators.combine(term(1), term(1)).as((d, c) -> "every e in " + d + " { e != " + c + " }"),
                term(1).map(t -> "input.x with input as " + t + " with data.y as 1"));
        return expr.list().ofMinSize(1).ofMaxSize(4).map(es -> String.join("\n", es));
    }

    private Arbitrary<String> term(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.integers().between(-1000, 100000).map(String::valueOf),
                Arbitraries.of("1.5", "-0.25", "1e400", "12345678901234567890123", "0.1"),
                Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\n', '\t', '"', '\\').ofMaxLength(6)
                        .map(s -> {
                            StringBuilder sb = new StringBuilder();
                            StringLiterals.quote(s, sb);
                            return sb.toString();
                        }),
                Arbitraries.of("true", "false", "null", "`raw \\ text`"));
        Arbitrary<String> atom = Arbitraries.oneOf(scalar,
                Arbitraries.of("x", "y", "_", "input.a", "data.b.c", "input[\"odd key\"]", "x[0]", "input.if", "set()", "{}"));
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = term(depth - 1);
        return Arbitraries.oneOf(
                atom,
                sub.list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]"),
                sub.list().ofMinSize(1).ofMaxSize(3).map(l -> "{" + String.join(", ", l) + "}"),
                Combinators.combine(sub, sub).as((k, v) -> "{" + k + ": " + v + "}"),
                Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "%", "&", "|", "==", "!=", "<", "<=", ">", ">=", "in"), sub)
                        .as((a, op, b) -> a + " " + op + " " + b),
                Combinators.combine(sub, sub).as((a, b) -> "(" + a + ")"),
                sub.list().ofMaxSize(3).map(l -> "count(" + String.join(", ", l) + ")"),
                sub.map(s -> "strings.replace_n({\"a\": " + s + "}, x)"),
                sub.map(s -> "[(" + s + ") | some x in xs]"),
                sub.map(s -> "{k: (" + s + ") | some k, v in o}"),
                sub.map(s -> "{x | x := " + s + "}"),
                sub.map(s -> "f(" + s + ")[0].a"));
    }

}
