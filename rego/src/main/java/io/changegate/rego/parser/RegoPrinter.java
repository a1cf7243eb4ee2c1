package io.changegate.rego.parser;

import io.changegate.rego.ast.Annotation;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints syntax trees as Rego v1 source that parses back to the same tree (locations aside).
 *
 * <p>Operators are printed infix with the parentheses precedence requires; rule bodies one
 * expression per line; annotations as {@code # METADATA} blocks whose values are JSON (which is
 * YAML). Comments other than annotations are not kept.
 */
public final class RegoPrinter {
    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("equal", "=="), Map.entry("neq", "!="), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("lte", "<="), Map.entry("gte", ">="), Map.entry("or", "|"), Map.entry("and", "&"),
            Map.entry("plus", "+"), Map.entry("minus", "-"), Map.entry("mul", "*"), Map.entry("div", "/"),
            Map.entry("rem", "%"));
    private static final Set<String> KEYWORDS = Set.of("package", "import", "as", "default", "else", "not", "some",
            "with", "null", "true", "false", "in", "every", "contains", "if");

    private static final int PREC_IN = 1;
    private static final int PREC_REL = 2;
    private static final int PREC_OR = 3;
    private static final int PREC_AND = 4;
    private static final int PREC_ADD = 5;
    private static final int PREC_MUL = 6;
    private static final int PREC_TERM = 7;

    private RegoPrinter() {
    }

    public static String print(Module m) {
        StringBuilder sb = new StringBuilder();
        Set<Annotation> printed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Annotation a : m.annotations()) {
            annotation(a, sb);
        }
        if (m.pkg() != null) {
            sb.append("package ");
            List<Term> path = m.pkg().path().parts();
            for (int i = 1; i < path.size(); i++) {
                Term part = path.get(i);
                if (i == 1 && part instanceof Term.Scalar s && s.value() instanceof StringValue sv && isIdentifier(sv.value())) {
                    sb.append(sv.value());
                } else {
                    selector(part, sb);
                }
            }
            sb.append('\n');
        }
        if (!m.imports().isEmpty()) {
            sb.append('\n');
            for (Import imp : m.imports()) {
                sb.append("import ");
                ref(imp.path(), sb);
                if (imp.alias() != null) {
                    sb.append(" as ").append(imp.alias());
                }
                sb.append('\n');
            }
        }
        for (Rule r : m.rules()) {
            sb.append('\n');
            for (Annotation a : r.annotations()) {
                // A document-scoped annotation belongs to every rule of its document: print it once.
                if (printed.add(a)) {
                    annotation(a, sb);
                }
            }
            rule(r, sb);
        }
        return sb.toString();
    }

    public static String print(Body b) {
        StringBuilder sb = new StringBuilder();
        inlineBody(b, sb);
        return sb.toString();
    }

    public static String print(Term t) {
        StringBuilder sb = new StringBuilder();
        term(t, sb);
        return sb.toString();
    }

    private static void annotation(Annotation a, StringBuilder sb) {
        sb.append("# METADATA\n");
        var content = a.content();
        for (int i = 0; i < content.size(); i++) {
            Value key = content.keyAt(i);
            String name = key instanceof StringValue s ? s.value() : key.toJson();
            sb.append("# ").append(name).append(": ");
            if (name.equals("schemas") && content.valueAt(i) instanceof ArrayValue schemas) {
                schemas(schemas, sb);
            } else {
                sb.append(content.valueAt(i).toJson());
            }
            sb.append('\n');
        }
    }

    /** Schemas are written as OPA reads them: a list of one-entry maps from a ref to a schema ref or definition. */
    private static void schemas(ArrayValue schemas, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < schemas.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            ObjectValue s = (ObjectValue) schemas.get(i);
            sb.append('{');
            StringLiterals.quote(refText(s.get("path")), sb);
            sb.append(": ");
            Value schema = s.get("schema");
            if (schema != null) {
                StringLiterals.quote(refText(schema), sb);
            } else {
                Value def = s.get("definition");
                sb.append(def == null ? "null" : def.toJson());
            }
            sb.append('}');
        }
        sb.append(']');
    }

    private static String refText(Value path) {
        StringBuilder sb = new StringBuilder();
        if (path instanceof ArrayValue parts) {
            for (int i = 0; i < parts.size(); i++) {
                if (i == 0 && parts.get(0) instanceof StringValue head) {
                    sb.append(head.value());
                } else if (parts.get(i) instanceof StringValue sv && isIdentifier(sv.value())) {
                    sb.append('.').append(sv.value());
                } else {
                    sb.append('[').append(parts.get(i).toRego()).append(']');
                }
            }
        }
        return sb.toString();
    }

    private static void rule(Rule r, StringBuilder sb) {
        Rule.Head h = r.head();
        if (r.isDefault()) {
            sb.append("default ");
        }
        ruleRef(h.ref(), sb);
        if (h.args() != null) {
            sb.append('(');
            list(h.args(), sb);
            sb.append(')');
        }
        if (h.multiValue()) {
            sb.append(" contains ");
            term(h.key(), sb);
        } else if (h.value() != null) {
            sb.append(h.assign() ? " := " : " = ");
            term(h.value(), sb);
        }
        boolean trivial = isTrueBody(r.body());
        // An else chain needs a body before it, even a trivial one.
        if (!r.isDefault() && (!trivial || r.elseRule() != null || (h.value() == null && !h.multiValue()))) {
            ruleBody(r.body(), sb);
        }
        for (Rule e = r.elseRule(); e != null; e = e.elseRule()) {
            sb.append(" else");
            if (e.head().value() != null) {
                sb.append(e.head().assign() ? " := " : " = ");
                term(e.head().value(), sb);
            }
            if (!isTrueBody(e.body()) || e.head().value() == null || e.elseRule() != null) {
                ruleBody(e.body(), sb);
            }
        }
        sb.append('\n');
    }

    private static void ruleBody(Body b, StringBuilder sb) {
        sb.append(" if {\n");
        for (Expr e : b.exprs()) {
            StringBuilder line = new StringBuilder();
            expr(e, line);
            // A line starting with a negative number would continue the previous line as `a - n`.
            if (line.charAt(0) == '-') {
                int end = 1;
                while (end < line.length() && "0123456789.eE+-".indexOf(line.charAt(end)) >= 0
                        && !(line.charAt(end) == '-' && "eE".indexOf(line.charAt(end - 1)) < 0)) {
                    end++;
                }
                line.insert(end, ')').insert(0, '(');
            }
            sb.append('\t').append(line).append('\n');
        }
        sb.append('}');
    }

    private static boolean isTrueBody(Body b) {
        if (b == null || b.exprs().size() != 1) {
            return false;
        }
        Expr e = b.exprs().get(0);
        return !e.negated() && e.withs().isEmpty() && e.kind() instanceof Expr.TermExpr te
                && te.term() instanceof Term.Scalar s && s.value() == BooleanValue.TRUE;
    }

    private static void ruleRef(Term.Ref ref, StringBuilder sb) {
        List<Term> parts = ref.parts();
        term(parts.get(0), sb);
        for (int i = 1; i < parts.size(); i++) {
            selector(parts.get(i), sb);
        }
    }

    private static void inlineBody(Body b, StringBuilder sb) {
        List<Expr> exprs = b.exprs();
        for (int i = 0; i < exprs.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            expr(exprs.get(i), sb);
        }
    }

    private static void expr(Expr e, StringBuilder sb) {
        if (e.negated()) {
            sb.append("not ");
        }
        switch (e.kind()) {
            case Expr.TermExpr te -> {
                if (te.term() instanceof Term.Call c && c.args().size() == 2 && isOp(c, "eq", "assign")) {
                    operand(c.args().get(0), PREC_IN, sb);
                    sb.append(isOp(c, "eq") ? " = " : " := ");
                    operand(c.args().get(1), PREC_IN, sb);
                } else {
                    term(te.term(), sb);
                }
            }
            case Expr.SomeVars sv -> {
                sb.append("some ");
                for (int i = 0; i < sv.vars().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(sv.vars().get(i).name());
                }
            }
            case Expr.SomeIn si -> {
                sb.append("some ");
                if (si.key() != null) {
                    operand(si.key(), PREC_REL, sb);
                    sb.append(", ");
                }
                operand(si.value(), PREC_REL, sb);
                sb.append(" in ");
                operand(si.collection(), PREC_REL, sb);
            }
            case Expr.Every ev -> {
                sb.append("every ");
                if (ev.key() != null) {
                    operand(ev.key(), PREC_REL, sb);
                    sb.append(", ");
                }
                operand(ev.value(), PREC_REL, sb);
                sb.append(" in ");
                operand(ev.domain(), PREC_REL, sb);
                sb.append(" { ");
                inlineBody(ev.body(), sb);
                sb.append(" }");
            }
            case Expr.Block bl -> {
                sb.append("{ ");
                inlineBody(bl.body(), sb);
                sb.append(" }");
            }
        }
        for (Expr.With w : e.withs()) {
            sb.append(" with ");
            ref(w.target(), sb);
            sb.append(" as ");
            operand(w.value(), PREC_IN, sb);
        }
    }

    private static void term(Term t, StringBuilder sb) {
        operand(t, 0, sb);
    }

    /** Prints a term in a position that binds at least as tightly as {@code min}. */
    private static void operand(Term t, int min, StringBuilder sb) {
        int prec = precedence(t);
        boolean parens = prec < min;
        if (parens) {
            sb.append('(');
        }
        switch (t) {
            case Term.Scalar s -> scalar(s.value(), sb);
            case Term.Var v -> sb.append(v.name());
            case Term.Ref r -> ref(r, sb);
            case Term.ArrayTerm a -> {
                sb.append('[');
                list(a.elements(), sb);
                sb.append(']');
            }
            case Term.SetTerm s -> {
                if (s.elements().isEmpty()) {
                    sb.append("set()");
                } else {
                    sb.append('{');
                    list(s.elements(), sb);
                    sb.append('}');
                }
            }
            case Term.ObjectTerm o -> {
                sb.append('{');
                for (int i = 0; i < o.entries().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    operand(o.entries().get(i).key(), PREC_TERM, sb);
                    sb.append(": ");
                    operand(o.entries().get(i).value(), PREC_TERM, sb);
                }
                sb.append('}');
            }
            case Term.ArrayComprehension c -> {
                sb.append('[');
                operand(c.head(), PREC_TERM, sb);
                sb.append(" | ");
                inlineBody(c.body(), sb);
                sb.append(']');
            }
            case Term.SetComprehension c -> {
                sb.append('{');
                operand(c.head(), PREC_TERM, sb);
                sb.append(" | ");
                inlineBody(c.body(), sb);
                sb.append('}');
            }
            case Term.ObjectComprehension c -> {
                sb.append('{');
                operand(c.key(), PREC_TERM, sb);
                sb.append(": ");
                operand(c.value(), PREC_TERM, sb);
                sb.append(" | ");
                inlineBody(c.body(), sb);
                sb.append('}');
            }
            case Term.Call c -> call(c, prec, sb);
        }
        if (parens) {
            sb.append(')');
        }
    }

    private static void call(Term.Call c, int prec, StringBuilder sb) {
        String op = infixOperator(c);
        if (op != null) {
            List<Term> args = c.args();
            if (args.size() == 3) {
                operand(args.get(0), PREC_REL, sb);
                sb.append(", ");
                operand(args.get(1), PREC_REL, sb);
            } else {
                operand(args.get(0), prec, sb);
            }
            sb.append(' ').append(op).append(' ');
            operand(args.get(args.size() - 1), prec + 1, sb);
            return;
        }
        ref(c.operator(), sb);
        sb.append('(');
        list(c.args(), sb);
        sb.append(')');
    }

    /** Elements of arrays, sets and argument lists: operators are parenthesised for clarity and safety. */
    private static void list(List<Term> terms, StringBuilder sb) {
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            operand(terms.get(i), PREC_TERM, sb);
        }
    }

    private static int precedence(Term t) {
        if (!(t instanceof Term.Call c) || infixOperator(c) == null) {
            return PREC_TERM;
        }
        return switch (RegoParser.opName(c)) {
            case "internal.member_2", "internal.member_3" -> PREC_IN;
            case "equal", "neq", "lt", "gt", "lte", "gte" -> PREC_REL;
            case "or" -> PREC_OR;
            case "and" -> PREC_AND;
            case "plus", "minus" -> PREC_ADD;
            default -> PREC_MUL;
        };
    }

    private static String infixOperator(Term.Call c) {
        String name = RegoParser.opName(c);
        if (name.equals("internal.member_2") && c.args().size() == 2) {
            return "in";
        }
        if (name.equals("internal.member_3") && c.args().size() == 3) {
            return "in";
        }
        String op = INFIX.get(name);
        return op != null && c.args().size() == 2 && c.operator().parts().size() == 1 ? op : null;
    }

    private static boolean isOp(Term.Call c, String... names) {
        if (c.operator().parts().size() != 1 || !(c.operator().head() instanceof Term.Var v)) {
            return false;
        }
        for (String n : names) {
            if (v.name().equals(n)) {
                return true;
            }
        }
        return false;
    }

    private static void ref(Term.Ref r, StringBuilder sb) {
        List<Term> parts = r.parts();
        Term head = parts.get(0);
        if (head instanceof Term.Var v) {
            sb.append(v.name());
        } else {
            operand(head, PREC_TERM, sb);
            if (head instanceof Term.Call c && infixOperator(c) == null && parts.size() == 1) {
                return;
            }
        }
        for (int i = 1; i < parts.size(); i++) {
            selector(parts.get(i), sb);
        }
    }

    private static void selector(Term part, StringBuilder sb) {
        if (part instanceof Term.Scalar s && s.value() instanceof StringValue sv && isIdentifier(sv.value())) {
            sb.append('.').append(sv.value());
        } else {
            sb.append('[');
            term(part, sb);
            sb.append(']');
        }
    }

    private static void scalar(Value v, StringBuilder sb) {
        if (v instanceof StringValue s) {
            StringLiterals.quote(s.value(), sb);
        } else {
            sb.append(v.toJson());
        }
    }

    /** True for strings that can follow a dot in a ref: identifiers that are not keywords. */
    static boolean isIdentifier(String s) {
        if (s.isEmpty() || KEYWORDS.contains(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Lexer.isLetter(c) || (i > 0 && Lexer.isDecimal(c));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
