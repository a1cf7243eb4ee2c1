package io.changegate.cli;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.AstJson;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate parse}: prints a Rego file's syntax tree as {@code opa parse} does. */
@Command(name = "parse", sortOptions = false,
        description = {"Parse a Rego source file and print its AST, as `opa parse` does: "
                + "as an indented tree (pretty) or as OPA's AST JSON (json; comments included, locations left out).",
                "Exit code: 0 when the file parses, 1 when it does not (errors as JSON on stderr) or cannot be read."})
final class ParseCommand extends CliCommand {
    enum Format { pretty, json }

    /** Go's field order for the structs OPA encodes without sorting: the module and rule heads. */
    private static final List<String> MODULE_FIELDS = List.of("package", "imports", "annotations", "rules", "comments");
    private static final List<String> HEAD_FIELDS = List.of("name", "args", "key", "value", "assign", "ref");

    @Parameters(paramLabel = "FILE", description = "The Rego file to parse.")
    Path file;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.pretty;

    @Option(names = {"--v0", "--v0-compatible"}, description = "Parse the file as Rego v0.")
    boolean v0;

    @Override
    protected int execute() throws Exception {
        String source = FmtCommand.read(file);
        Module m;
        try {
            m = Parser.parseModule(file.toString(), source, v0 ? RegoVersion.V0 : RegoVersion.V1);
        } catch (RegoException e) {
            err().print(OpaOutput.errorsJson(e.errors()));
            return 1;
        }
        out().print(format == Format.json ? json(m) : pretty(m));
        return 0;
    }

    /** The AST JSON with OPA's layout: two-space indent, struct order for the module and heads, sorted keys elsewhere. */
    static String json(Module m) {
        StringBuilder sb = new StringBuilder();
        writeOrdered((ObjectValue) AstJson.module(m, true), MODULE_FIELDS, sb, 0);
        return sb.append('\n').toString();
    }

    private static void writeOrdered(ObjectValue o, List<String> order, StringBuilder sb, int depth) {
        sb.append('{');
        boolean first = true;
        for (String key : order) {
            Value v = o.get(StringValue.of(key));
            if (v == null) {
                continue;
            }
            sb.append(first ? "" : ",").append('\n').append("  ".repeat(depth + 1));
            sb.append(GoJson.quote(key)).append(": ");
            if (key.equals("rules") && v instanceof ArrayValue rules) {
                writeRules(rules, sb, depth + 1);
            } else {
                sb.append(GoJson.pretty(v, depth + 1));
            }
            first = false;
        }
        sb.append('\n').append("  ".repeat(depth)).append('}');
    }

    private static void writeRules(ArrayValue rules, StringBuilder sb, int depth) {
        sb.append('[');
        List<Value> items = rules.asList();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('\n').append("  ".repeat(depth + 1));
            writeRule((ObjectValue) items.get(i), sb, depth + 1);
        }
        sb.append('\n').append("  ".repeat(depth)).append(']');
    }

    /** A rule is encoded from a map (sorted keys), its head from a struct, its else branch as a rule. */
    private static void writeRule(ObjectValue rule, StringBuilder sb, int depth) {
        sb.append('{');
        boolean first = true;
        for (String key : List.of("annotations", "body", "default", "else", "head")) {
            Value v = rule.get(StringValue.of(key));
            if (v == null) {
                continue;
            }
            sb.append(first ? "" : ",").append('\n').append("  ".repeat(depth + 1));
            sb.append(GoJson.quote(key)).append(": ");
            switch (key) {
                case "head" -> writeOrdered((ObjectValue) v, HEAD_FIELDS, sb, depth + 1);
                case "else" -> writeRule((ObjectValue) v, sb, depth + 1);
                default -> sb.append(GoJson.pretty(v, depth + 1));
            }
            first = false;
        }
        sb.append('\n').append("  ".repeat(depth)).append('}');
    }

    // ------------------------------------------------------------------ pretty

    /**
     * The tree as OPA's {@code ast.Pretty} prints it: one node per line, indented one space per
     * level, composite terms by their type name, scalars and variables by their value.
     */
    static String pretty(Module m) {
        TreePrinter p = new TreePrinter();
        p.line(0, "module");
        p.line(1, "package");
        p.terms(2, m.pkg().path());
        for (Import imp : m.imports()) {
            p.line(1, "import");
            p.term(2, imp.path());
            if (imp.alias() != null && !imp.alias().isEmpty()) {
                p.line(2, imp.alias());
            }
        }
        for (Rule r : m.rules()) {
            p.rule(1, r);
        }
        return p.sb.toString();
    }

    private static final class TreePrinter {
        final StringBuilder sb = new StringBuilder();

        void line(int depth, String text) {
            sb.append(" ".repeat(depth)).append(text).append('\n');
        }

        void rule(int depth, Rule r) {
            line(depth, "rule");
            Rule.Head h = r.head();
            line(depth + 1, "head");
            term(depth + 2, h.ref());
            if (h.args() != null && !h.args().isEmpty()) {
                line(depth + 2, "args");
                h.args().forEach(a -> term(depth + 3, a));
            }
            if (h.key() != null) {
                term(depth + 2, h.key());
            }
            if (h.value() != null) {
                term(depth + 2, h.value());
            } else if (!h.multiValue()) {
                line(depth + 2, "true"); // the value OPA's parser gives a head written without one
            }
            body(depth + 1, r.body());
            if (r.elseRule() != null) {
                rule(depth + 1, r.elseRule());
            }
        }

        void body(int depth, Body b) {
            line(depth, "body");
            if (b == null || b.exprs().isEmpty()) {
                line(depth + 1, "expr index=0");
                line(depth + 2, "true");
                return;
            }
            for (int i = 0; i < b.exprs().size(); i++) {
                expr(depth + 1, b.exprs().get(i), i);
            }
        }

        void expr(int depth, Expr e, int index) {
            line(depth, "expr " + (e.negated() ? "negated " : "") + "index=" + index);
            switch (e.kind()) {
                case Expr.TermExpr t when t.term() instanceof Term.Call c -> {
                    term(depth + 1, c.operator());
                    c.args().forEach(a -> term(depth + 1, a));
                }
                case Expr.TermExpr t -> term(depth + 1, t.term());
                case Expr.SomeVars s -> {
                    line(depth + 1, "somedecl");
                    s.vars().forEach(v -> term(depth + 2, v));
                }
                case Expr.SomeIn s -> {
                    line(depth + 1, "somedecl");
                    line(depth + 2, "call");
                    line(depth + 3, "ref");
                    line(depth + 4, "internal");
                    line(depth + 4, s.key() != null ? "\"member_3\"" : "\"member_2\"");
                    if (s.key() != null) {
                        term(depth + 3, s.key());
                    }
                    term(depth + 3, s.value());
                    term(depth + 3, s.collection());
                }
                case Expr.Every ev -> {
                    line(depth + 1, "every");
                    if (ev.key() != null) {
                        term(depth + 2, ev.key());
                    }
                    term(depth + 2, ev.value());
                    term(depth + 2, ev.domain());
                    body(depth + 2, ev.body());
                }
                case Expr.Block bl -> body(depth + 1, bl.body());
            }
            for (Expr.With w : e.withs()) {
                line(depth + 1, "with");
                term(depth + 2, w.target());
                term(depth + 2, w.value());
            }
        }

        void terms(int depth, Term.Ref ref) {
            line(depth, "ref");
            ref.parts().forEach(p -> term(depth + 1, p));
        }

        void term(int depth, Term t) {
            switch (t) {
                case Term.Scalar s -> line(depth, s.value().toRego());
                case Term.Var v -> line(depth, v.name());
                case Term.Ref r -> terms(depth, r);
                case Term.ArrayTerm a -> {
                    line(depth, "array");
                    a.elements().forEach(x -> term(depth + 1, x));
                }
                case Term.SetTerm s -> {
                    line(depth, "set");
                    s.elements().forEach(x -> term(depth + 1, x));
                }
                case Term.ObjectTerm o -> {
                    line(depth, "object");
                    o.entries().forEach(en -> {
                        term(depth + 1, en.key());
                        term(depth + 1, en.value());
                    });
                }
                case Term.Call c -> {
                    line(depth, "call");
                    term(depth + 1, c.operator());
                    c.args().forEach(x -> term(depth + 1, x));
                }
                case Term.ArrayComprehension c -> {
                    line(depth, "arraycomprehension");
                    term(depth + 1, c.head());
                    body(depth + 1, c.body());
                }
                case Term.SetComprehension c -> {
                    line(depth, "setcomprehension");
                    term(depth + 1, c.head());
                    body(depth + 1, c.body());
                }
                case Term.ObjectComprehension c -> {
                    line(depth, "objectcomprehension");
                    term(depth + 1, c.key());
                    term(depth + 1, c.value());
                    body(depth + 1, c.body());
                }
            }
        }
    }
}
