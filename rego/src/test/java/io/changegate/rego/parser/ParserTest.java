package io.changegate.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParserTest {

    static Module v1(String src) throws RegoException {
        return Parser.parseModule("p.rego", src, RegoVersion.V1);
    }

    static Module v0(String src) throws RegoException {
        return Parser.parseModule("p.rego", src, RegoVersion.V0);
    }

    static Rule rule(String src) throws RegoException {
        return v1("package t\n" + src).rules().get(0);
    }

    static String printed(String term) throws RegoException {
        return RegoPrinter.print(Parser.parseTerm(term));
    }

    static RegoError errorOf(RegoVersion version, String src) {
        try {
            Parser.parseModule("p.rego", src, version);
        } catch (RegoException e) {
            assertThat(e.code()).isEqualTo("rego_parse_error");
            return e.errors().get(0);
        }
        throw new AssertionError("expected a parse error for:\n" + src);
    }

    static String messageOf(String src) {
        return errorOf(RegoVersion.V1, src).message();
    }

    @Nested
    class Terms {
        @Test
        void scalarsKeepTheirExactValues() throws RegoException {
            assertThat(Parser.parseValue("12345678901234567890123")).isEqualTo(NumberValue.of(new BigInteger("12345678901234567890123")));
            assertThat(Parser.parseValue("-1.5e3")).isEqualTo(NumberValue.of(-1500));
            assertThat(Parser.parseValue(".5")).isEqualTo(NumberValue.parse("0.5"));
            assertThat(Parser.parseValue("\"a\\u00e9\\ud83d\\ude00\\n\"")).isEqualTo(StringValue.of("aé😀\n"));
            assertThat(Parser.parseValue("`raw\\n`")).isEqualTo(StringValue.of("raw\\n"));
        }

        @Test
        void setsAndObjectsWithNonStringKeysAreValues() throws RegoException {
            assertThat(Parser.parseValue("{1, 2, 2}")).isEqualTo(SetValue.of(NumberValue.of(1), NumberValue.of(2)));
            assertThat(Parser.parseValue("set()")).isEqualTo(SetValue.EMPTY);
            Value o = Parser.parseValue("{[1]: {\"a\"}, 2: null}");
            assertThat(o).isInstanceOf(ObjectValue.class);
            assertThat(((ObjectValue) o).size()).isEqualTo(2);
        }

        @Test
        void nonGroundTermsAreNotValues() {
            assertThatThrownBy(() -> Parser.parseValue("[x]")).isInstanceOf(RegoException.class)
                    .hasMessageContaining("expected a ground value");
        }

        @Test
        void refsSplitIntoVarHeadAndStringParts() throws RegoException {
            Term.Ref r = (Term.Ref) Parser.parseTerm("a.b[c][\"d\"]");
            assertThat(r.parts()).hasSize(4);
            assertThat(r.head()).isEqualTo(new Term.Var("a", new Location("", 1, 1)));
            assertThat(((Term.Scalar) r.parts().get(1)).value()).isEqualTo(StringValue.of("b"));
            assertThat(r.parts().get(2)).isInstanceOf(Term.Var.class);
            assertThat(((Term.Scalar) r.parts().get(3)).value()).isEqualTo(StringValue.of("d"));
        }

        @Test
        void refsMayStartWithCallsAndComposites() throws RegoException {
            assertThat(((Term.Ref) Parser.parseTerm("f(x)[0]")).head()).isInstanceOf(Term.Call.class);
            assertThat(((Term.Ref) Parser.parseTerm("[1, 2][i]")).head()).isInstanceOf(Term.ArrayTerm.class);
            assertThat(((Term.Ref) Parser.parseTerm("{\"a\": 1}.a")).head()).isInstanceOf(Term.ObjectTerm.class);
        }

        @Test
        void inputAndDataAloneAreRefs() throws RegoException {
            assertThat(Parser.parseTerm("input")).isInstanceOf(Term.Ref.class);
            assertThat(Parser.parseTerm("data")).isInstanceOf(Term.Ref.class);
            assertThat(Parser.parseTerm("x")).isInstanceOf(Term.Var.class);
        }

        @Test
        void dottedFunctionNamesAreRefs() throws RegoException {
            Term.Call c = (Term.Call) Parser.parseTerm("strings.replace_n({\"a\": \"b\"}, s)");
            assertThat(RegoParser.opName(c)).isEqualTo("strings.replace_n");
            assertThat(c.args()).hasSize(2);
        }

        @Test
        void operatorsFollowOpaPrecedence() throws RegoException {
            assertThat(printed("1 + 2 * 3 - 4 % 5")).isEqualTo("(1 + (2 * 3)) - (4 % 5)".replace("(1 + (2 * 3))", "1 + 2 * 3").replace("(4 % 5)", "4 % 5"));
            Term.Call c = (Term.Call) Parser.parseTerm("a | b & c == d + e");
            assertThat(RegoParser.opName(c)).isEqualTo("equal");
            Term.Call lhs = (Term.Call) c.args().get(0);
            assertThat(RegoParser.opName(lhs)).isEqualTo("or");
            Term.Call in = (Term.Call) Parser.parseTerm("x in xs == true");
            assertThat(RegoParser.opName(in)).isEqualTo("internal.member_2");
            Term.Call kv = (Term.Call) Parser.parseTerm("k, v in xs");
            assertThat(RegoParser.opName(kv)).isEqualTo("internal.member_3");
            assertThat(kv.args()).hasSize(3);
        }

        @Test
        void binaryOperatorsAreLeftAssociative() throws RegoException {
            Term.Call c = (Term.Call) Parser.parseTerm("8 - 4 - 2");
            assertThat(c.args().get(0)).isInstanceOf(Term.Call.class);
            assertThat(printed("8 - (4 - 2)")).isEqualTo("8 - (4 - 2)");
        }

        @Test
        void negativeNumberLiteralsFoldIntoTheScalar() throws RegoException {
            assertThat(Parser.parseTerm("-5")).isEqualTo(new Term.Scalar(NumberValue.of(-5), new Location("", 1, 1)));
            Term.Call c = (Term.Call) Parser.parseTerm("x - -5");
            assertThat(c.args().get(1)).isInstanceOf(Term.Scalar.class);
        }

        @Test
        void comprehensionsOfEachKind() throws RegoException {
            assertThat(Parser.parseTerm("[x | x := xs[_]]")).isInstanceOf(Term.ArrayComprehension.class);
            assertThat(Parser.parseTerm("{x | some x in xs}")).isInstanceOf(Term.SetComprehension.class);
            assertThat(Parser.parseTerm("{k: v | some k, v in o}")).isInstanceOf(Term.ObjectComprehension.class);
            assertThat(Parser.parseTerm("[(x * 2) | some x in [1]]")).isInstanceOf(Term.ArrayComprehension.class);
            assertThat(Parser.parseTerm("{a | b}")).isInstanceOf(Term.SetComprehension.class);
        }

        @Test
        void emptySetIsASetTermAndEmptyBracesAnObject() throws RegoException {
            assertThat(Parser.parseTerm("set()")).isInstanceOf(Term.SetTerm.class);
            assertThat(Parser.parseTerm("{}")).isInstanceOf(Term.ObjectTerm.class);
        }

        @Test
        void whitespaceEndsARef() throws RegoException {
            Body b = Parser.parseQuery("x [1]");
            assertThat(b.exprs()).hasSize(2);
        }
    }

    @Nested
    class Expressions {
        @Test
        void someDeclarationsAndSomeIn() throws RegoException {
            Body b = Parser.parseQuery("some x, y; some v in xs; some k, v in o");
            assertThat(b.exprs().get(0).kind()).isInstanceOf(Expr.SomeVars.class);
            assertThat(((Expr.SomeVars) b.exprs().get(0).kind()).vars()).hasSize(2);
            Expr.SomeIn one = (Expr.SomeIn) b.exprs().get(1).kind();
            assertThat(one.key()).isNull();
            Expr.SomeIn two = (Expr.SomeIn) b.exprs().get(2).kind();
            assertThat(two.key()).isInstanceOf(Term.Var.class);
        }

        @Test
        void everyWithOneAndTwoVariables() throws RegoException {
            Body b = Parser.parseQuery("every x in xs { x > 0 }\nevery k, v in o { k != v }");
            Expr.Every e1 = (Expr.Every) b.exprs().get(0).kind();
            assertThat(e1.key()).isNull();
            assertThat(e1.body().exprs()).hasSize(1);
            assertThat(((Expr.Every) b.exprs().get(1).kind()).key()).isNotNull();
        }

        @Test
        void negationAndSeveralWiths() throws RegoException {
            Expr e = Parser.parseQuery("not data.p with input.x as 1 with data.q as {2}").exprs().get(0);
            assertThat(e.negated()).isTrue();
            assertThat(e.withs()).hasSize(2);
            assertThat(RegoPrinter.print(e.withs().get(0).target())).isEqualTo("input.x");
        }

        @Test
        void assignmentAndUnificationAreCalls() throws RegoException {
            Expr e = Parser.parseQuery("x := [1, 2]").exprs().get(0);
            Term.Call c = (Term.Call) ((Expr.TermExpr) e.kind()).term();
            assertThat(RegoParser.opName(c)).isEqualTo("assign");
            Expr u = Parser.parseQuery("[a, b] = [1, 2]").exprs().get(0);
            assertThat(RegoParser.opName((Term.Call) ((Expr.TermExpr) u.kind()).term())).isEqualTo("eq");
        }

        @Test
        void expressionsSeparateByNewlineOrSemicolon() throws RegoException {
            assertThat(Parser.parseQuery("a; b\nc").exprs()).hasSize(3);
        }

        @Test
        void keywordsMayFollowADotInRefs() throws RegoException {
            Term.Ref r = (Term.Ref) Parser.parseTerm("input.if.contains");
            assertThat(r.parts()).hasSize(3);
        }
    }

    @Nested
    class Rules {
        @Test
        void completeRulesWithAndWithoutValue() throws RegoException {
            Rule r = rule("p := 1");
            assertThat(r.head().value()).isNotNull();
            assertThat(r.head().assign()).isTrue();
            Rule q = rule("q if input.x");
            assertThat(q.head().value()).isNull();
            assertThat(q.body().exprs()).hasSize(1);
            Rule u = rule("u = 2 if { true }");
            assertThat(u.head().assign()).isFalse();
        }

        @Test
        void multiValueRulesUseContains() throws RegoException {
            Rule r = rule("p contains x if some x in [1]");
            assertThat(r.head().multiValue()).isTrue();
            assertThat(r.head().key()).isInstanceOf(Term.Var.class);
            assertThat(r.head().ref().parts()).hasSize(1);
            Rule bare = rule("q contains 1");
            assertThat(bare.head().multiValue()).isTrue();
        }

        @Test
        void refHeadsKeepTheWholeRef() throws RegoException {
            Rule r = rule("p.q[x].r := 1 if x := 2");
            assertThat(RegoPrinter.print(r.head().ref())).isEqualTo("p.q[x].r");
            assertThat(r.head().multiValue()).isFalse();
            Rule obj = rule("p[x] := 1 if x := \"a\"");
            assertThat(obj.head().ref().parts()).hasSize(2);
            assertThat(obj.head().key()).isNull();
        }

        @Test
        void functionsHaveArguments() throws RegoException {
            Rule f = rule("f(x, y) := x + y");
            assertThat(f.head().isFunction()).isTrue();
            assertThat(f.head().args()).hasSize(2);
            Rule g = rule("g(x) if x > 1");
            assertThat(g.head().args()).hasSize(1);
            assertThat(g.head().value()).isNull();
        }

        @Test
        void defaultRulesAndFunctions() throws RegoException {
            Rule d = rule("default p := false");
            assertThat(d.isDefault()).isTrue();
            Rule f = rule("default f(_) := 1");
            assertThat(f.isDefault()).isTrue();
            assertThat(f.head().args()).hasSize(1);
        }

        @Test
        void elseChainsNest() throws RegoException {
            Rule r = rule("p := 1 if false\nelse := 2 if { false } else = 3 if true else if { true }");
            assertThat(r.elseRule()).isNotNull();
            assertThat(r.elseRule().elseRule().head().assign()).isFalse();
            Rule last = r.elseRule().elseRule().elseRule();
            assertThat(last.head().value()).isNull();
            assertThat(last.elseRule()).isNull();
        }

        @Test
        void v0SyntaxWithoutIfAndContains() throws RegoException {
            Module m = v0("package t\np { true }\nq[x] { x := 1 }\nr[x] = y { x := 1; y := 2 }\nf(x) = y { y := x }\ns { a } { b }\n");
            assertThat(m.rules()).hasSize(6);
            Rule q = m.rules().get(1);
            assertThat(q.head().multiValue()).isTrue();
            assertThat(q.head().ref().parts()).hasSize(1);
            Rule r = m.rules().get(2);
            assertThat(r.head().multiValue()).isFalse();
            assertThat(r.head().ref().parts()).hasSize(2);
            assertThat(m.rules().get(4).head().ref().parts()).hasSize(1);
            assertThat(m.rules().get(5).head().ref()).usingRecursiveComparison().ignoringFields("location")
                    .isNotNull();
        }

        @Test
        void v0KeywordsComeWithImports() throws RegoException {
            Module m = v0("package t\nimport future.keywords.in\nimport future.keywords.if\np if { 1 in [1] }\n");
            assertThat(m.rules()).hasSize(1);
            Module all = v0("package t\nimport rego.v1\np contains x if some x in [1]\n");
            assertThat(all.rules().get(0).head().multiValue()).isTrue();
            // Without the import, `in` and `if` are ordinary names in v0.
            Module plain = v0("package t\nin := 1\nif := 2\n");
            assertThat(plain.rules()).hasSize(2);
        }

        @Test
        void importsWithAliases() throws RegoException {
            Module m = v1("package a.b\nimport data.x.y as z\nimport input.q\nimport future.keywords.in\nimport rego.v1\n");
            assertThat(m.imports()).hasSize(4);
            assertThat(m.imports().get(0).alias()).isEqualTo("z");
            assertThat(RegoPrinter.print(m.pkg().path())).isEqualTo("data.a.b");
        }
    }

    @Nested
    class Errors {
        @Test
        void unexpectedTokensAreNamedAsOpaNamesThem() {
            assertThat(messageOf("package test\np if {\n")).isEqualTo("unexpected eof token");
            assertThat(messageOf("package\n\np := 1\n")).isEqualTo("unexpected assign token");
            assertThat(messageOf("package test\np := {1:}\n")).isEqualTo("unexpected } token");
            assertThat(messageOf("package test\np := 1 @ 2\n")).isEqualTo("illegal token");
            assertThat(messageOf("package test\np := $\"a{1}\"\n")).isEqualTo("illegal token");
            assertThat(messageOf("package test\np := [x * 2 | some x in [1, 2, 3]]\n")).isEqualTo("unexpected some keyword");
        }

        @Test
        void messagesForMisplacedExpressionsMatchOpa() {
            assertThat(messageOf("package test\np if every x in [1] x > 0\n"))
                    .isEqualTo("unexpected identifier token: expected \\n or ; or }");
            assertThat(messageOf("package test\np if every x { x > 0 }\n"))
                    .isEqualTo("unexpected { token: expected \\n or ; or }");
            assertThat(messageOf("package test\np if not not true\n")).isEqualTo("unexpected eof token");
            assertThat(messageOf("package test\np if not every x in [1] { x == 1 }\n")).isEqualTo("unexpected eof token");
            assertThat(messageOf("package test\np := -x if x := 3\n")).isEqualTo("unexpected identifier token: expected number");
            assertThat(messageOf("package test\np := -\"a\"\n")).isEqualTo("unexpected string token: expected number");
            assertThat(messageOf("package test\np if some a, b, c in [1]\n")).isEqualTo("unexpected in keyword");
            assertThat(messageOf("package test\nq := 1\np := y if y := q with 1 as 1\n")).isEqualTo("unexpected assign token");
        }

        @Test
        void ruleShapeErrors() {
            assertThat(messageOf("p := 1\n")).isEqualTo("package expected");
            assertThat(messageOf("package test\np\n")).isEqualTo("var cannot be used for rule name");
            assertThat(messageOf("package test\nevery := 1\n")).isEqualTo("every keyword cannot be used for rule name");
            assertThat(messageOf("package test\nq := 1\np := q with input as {}\n"))
                    .isEqualTo("expressions using with keyword cannot be used for rule head");
            assertThat(messageOf("package test\np contains 1 if false\n\nelse := 2\n"))
                    .isEqualTo("else keyword cannot be used on multi-value rules");
            assertThat(messageOf("package test\np := \"abc\"[0]\n")).isEqualTo("illegal ref (head cannot be string)");
        }

        @Test
        void defaultRuleValuesMustBeConstant() {
            assertThat(messageOf("package test\ndefault p := x\n")).isEqualTo("illegal default rule (value cannot contain var)");
            assertThat(messageOf("package test\ndefault p := input.x\n")).isEqualTo("illegal default rule (value cannot contain ref)");
            assertThat(messageOf("package test\ndefault p contains 1\n")).isEqualTo("illegal default rule (must have a value)");
            assertThat(messageOf("package test\ndefault p := [1, y]\n")).isEqualTo("illegal default rule (value cannot contain var)");
        }

        @Test
        void v1RequiresIfAndContains() {
            assertThat(messageOf("package test\np { true }\n")).isEqualTo("`if` keyword is required before rule body");
            assertThat(messageOf("package test\np[x] { x := 1 }\n")).isEqualTo("`if` keyword is required before rule body");
            RegoException e = org.junit.jupiter.api.Assertions.assertThrows(RegoException.class,
                    () -> v1("package test\np[x] { x := 1 }\n"));
            assertThat(e.errors()).extracting(RegoError::message)
                    .contains("`contains` keyword is required for partial set rules");
            assertThat(messageOf("package test\nf(x) { x }\n")).isEqualTo("`if` keyword is required before function body");
        }

        @Test
        void importErrors() {
            assertThat(messageOf("package test\nimport foo.bar\n")).isEqualTo(
                    "unexpected import path, must begin with one of: {data, future, input, rego}, got: foo (hint: if this is unexpected, try updating OPA)");
            assertThat(messageOf("package test\nimport future.keywords.nope\n"))
                    .isEqualTo("unexpected keyword, must be one of [contains every if in]");
            assertThat(messageOf("package test\nimport rego.v3\n")).isEqualTo("invalid import `rego.v3`, must be `rego.v1`");
        }

        @Test
        void negatedBodiesNeedTheirImport() {
            assertThat(messageOf("package test\np if not { input.a; input.b }\n")).isNotEmpty();
            assertThatCode(() -> Parser.parseModule("p.rego",
                    "package test\nimport future.keywords.not\np if not { input.a; input.b }\n", RegoVersion.V1))
                    .doesNotThrowAnyException();
            assertThatCode(() -> Parser.parseModule("p.rego", "package test\nimport rego.v2\np if not { input.a }\n",
                    RegoVersion.V1)).doesNotThrowAnyException();
        }

        @Test
        void errorsCarryRowAndColumn() {
            RegoError e = errorOf(RegoVersion.V1, "package test\n\np := {1:}\n");
            assertThat(e.location()).isEqualTo(new Location("p.rego", 3, 9));
            RegoError eof = errorOf(RegoVersion.V1, "package");
            assertThat(eof.location()).isEqualTo(new Location("p.rego", 1, 7));
            RegoError col = errorOf(RegoVersion.V1, "package test\np := \"é\" @");
            assertThat(col.location()).isEqualTo(new Location("p.rego", 2, 10));
            assertThat(col.toStringWithColumn()).isEqualTo("p.rego:2:10: rego_parse_error: illegal token");
        }

        @Test
        void emptyModule() {
            RegoError e = errorOf(RegoVersion.V1, "# just a comment\n");
            assertThat(e.message()).isEqualTo("empty module");
            assertThat(e.toString()).isEqualTo("p.rego:0: rego_parse_error: empty module");
        }

        @Test
        void scannerErrors() {
            assertThat(messageOf("package test\np := \"abc\n")).isEqualTo("non-terminated string");
            assertThat(messageOf("package test\np := 01\n")).isEqualTo("unexpected number token: expected number without leading zero");
            assertThat(messageOf("package test\np := 1 ! 2\n")).isEqualTo("illegal ! character");
            assertThat(messageOf("package test\np := \"\\q\"\n")).isEqualTo("illegal escape sequence");
        }

        @Test
        void deepNestingIsRefusedWithoutExhaustingTheStack() {
            String deep = "package t\np := " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
            assertThat(messageOf(deep)).isEqualTo("max parsing recursion depth exceeded");
            String ok = "package t\np := " + "[".repeat(900) + "]".repeat(900) + "\n";
            org.assertj.core.api.Assertions.assertThatCode(() -> v1(ok)).doesNotThrowAnyException();
            String objects = "package t\np := " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000) + "\n";
            assertThat(messageOf(objects)).isEqualTo("max parsing recursion depth exceeded");
        }

        @Test
        void atMostTenErrorsAreReported() {
            StringBuilder src = new StringBuilder("package t\n");
            for (int i = 0; i < 20; i++) {
                src.append("p").append(i).append(" { true }\n");
            }
            RegoException e = org.junit.jupiter.api.Assertions.assertThrows(RegoException.class, () -> v1(src.toString()));
            assertThat(e.errors()).hasSize(10);
        }
    }

    @Nested
    class Annotations {
        @Test
        void metadataAttachesToTheFollowingRule() throws RegoException {
            Module m = v1("# METADATA\n# title: Pkg\npackage test\n\n# METADATA\n# title: Allow rule\n# custom:\n#   severity: high\np := 1\n");
            assertThat(m.annotations()).hasSize(1);
            assertThat(m.annotations().get(0).scope()).isEqualTo("package");
            Rule p = m.rules().get(0);
            assertThat(p.annotations()).hasSize(1);
            assertThat(p.annotations().get(0).scope()).isEqualTo("rule");
            assertThat(p.annotations().get(0).content().get("title")).isEqualTo(StringValue.of("Allow rule"));
            assertThat(p.annotations().get(0).content().get("scope")).isEqualTo(StringValue.of("rule"));
            assertThat(m.comments()).hasSize(6);
        }

        @Test
        void invalidYamlAndUnknownScopesAreParseErrors() {
            assertThat(messageOf("package test\n# METADATA\n# title: [unclosed\np := 1\n"))
                    .isEqualTo("yaml: line 1: did not find expected ',' or ']'");
            assertThat(messageOf("package test\n# METADATA\n# scope: bogus\np := 1\n"))
                    .isEqualTo("invalid annotation scope 'bogus'. Use one of 'rule', 'document', 'package', or 'subpackages'");
            assertThat(messageOf("package test\n# METADATA\n# scope: package\np := 1\n"))
                    .isEqualTo("annotation scope 'package' must be applied to package (have rule)");
        }

        @Test
        void authorsRelatedResourcesAndSchemasTakeOpasShape() throws RegoException {
            Module m = v1("package test\n# METADATA\n# authors:\n# - Jane Doe <jane@example.com>\n"
                    + "# related_resources:\n# - https://example.com\n# schemas:\n# - input: schema.input\n# entrypoint: true\np := 1\n");
            ObjectValue c = m.rules().get(0).annotations().get(0).content();
            assertThat(c.get("authors").toJson()).isEqualTo("[{\"email\":\"jane@example.com\",\"name\":\"Jane Doe\"}]");
            assertThat(c.get("related_resources").toJson()).isEqualTo("[{\"ref\":\"https://example.com\"}]");
            assertThat(c.get("schemas").toJson()).isEqualTo("[{\"path\":[\"input\"],\"schema\":[\"schema\",\"input\"]}]");
            assertThat(m.rules().get(0).annotations().get(0).scope()).isEqualTo("document");
        }
    }

    @Test
    void parsedQueriesHaveNoFileName() throws RegoException {
        Body b = Parser.parseQuery("x := 1");
        assertThat(b.exprs().get(0).location()).isEqualTo(new Location("", 1, 1));
        assertThat(List.of(b.location().file())).containsExactly("");
    }
}
