package io.changegate.rego.parser;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Comment;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Formats Rego source canonically, the way {@code opa fmt} lays it out: tabs, one blank line
 * between rules (adjacent one-line rules stay together), imports grouped and sorted, rules in
 * Rego v1 syntax ({@code if}, {@code contains}, {@code :=}), comments kept where they were, and
 * arrays, objects, sets, calls and comprehensions written over several lines when the source
 * spread them over several lines.
 *
 * <p>The layout decisions need where things were in the source, so the formatter works on the
 * syntax tree together with the source text (for raw strings and number spellings too).
 */
public final class RegoFormatter {
    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("equal", "=="), Map.entry("neq", "!="), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("lte", "<="), Map.entry("gte", ">="), Map.entry("or", "|"), Map.entry("and", "&"),
            Map.entry("plus", "+"), Map.entry("minus", "-"), Map.entry("mul", "*"), Map.entry("div", "/"),
            Map.entry("rem", "%"));
    private static final int PREC_ASSIGN = 0;
    private static final int PREC_IN = 1;
    private static final int PREC_REL = 2;
    private static final int PREC_OR = 3;
    private static final int PREC_AND = 4;
    private static final int PREC_ADD = 5;
    private static final int PREC_MUL = 6;
    private static final int PREC_TERM = 7;
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** How to read and write a module. */
    public enum Mode {
        /** Parse as Rego v1, write Rego v1 (opa fmt's default). */
        V1,
        /** Parse as Rego v0, write Rego v1 with {@code import rego.v1} so it reads the same in both (opa fmt --rego-v1). */
        V0_TO_V1
    }

    private final String[] lines;
    private final Deque<Comment> comments;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private int level;
    /** The source row of the last thing written on the current line, for trailing comments. */
    private int lastRow;

    private RegoFormatter(String source, List<Comment> cs) {
        this.lines = source.split("\n", -1);
        List<Comment> sorted = new ArrayList<>(cs);
        sorted.sort(Comparator.comparingInt((Comment c) -> c.location().row()).thenComparingInt(c -> c.location().col()));
        this.comments = new ArrayDeque<>(sorted);
    }

    /**
     * Formats a module's source.
     *
     * @throws RegoException when the source does not parse
     */
    public static String format(String file, String source, Mode mode) throws RegoException {
        Module m = Parser.parseModule(file, source, mode == Mode.V0_TO_V1 ? RegoVersion.V0 : RegoVersion.V1);
        RegoFormatter f = new RegoFormatter(source, m.comments());
        f.module(m, mode);
        return f.finish();
    }

    private String finish() {
        flushLine();
        String s = out.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end) + "\n";
    }

    // ------------------------------------------------------------------ module structure

    private void module(Module m, Mode mode) {
        commentsBefore(m.pkg().location().row(), true);
        startLine();
        write("package ");
        List<Term> path = m.pkg().path().parts();
        for (int i = 1; i < path.size(); i++) {
            Term part = path.get(i);
            if (i == 1 && part instanceof Term.Scalar s && s.value() instanceof StringValue sv && RegoPrinter.isIdentifier(sv.value())) {
                write(sv.value());
            } else {
                selector(part);
            }
        }
        endLine(m.pkg().location().row());
        blankLine();

        List<Import> imports = new ArrayList<>(m.imports());
        boolean regoV1Imported = imports.stream().anyMatch(RegoFormatter::isRegoV1);
        if (mode == Mode.V0_TO_V1 && !regoV1Imported) {
            imports.add(0, new Import(new Term.Ref(List.of(new Term.Var("rego", Location.NONE),
                    new Term.Scalar(StringValue.of("v1"), Location.NONE)), Location.NONE), null, new Location("", 0, 0)));
            regoV1Imported = true;
        }
        if (regoV1Imported) {
            imports.removeIf(RegoFormatter::isFutureKeywords);
        }
        // Imports and rules are written in source order, each run of imports grouped by blank lines.
        List<Object> statements = new ArrayList<>(imports);
        statements.addAll(m.rules());
        statements.sort(Comparator.comparingInt(s -> location(s).row()));
        int i = 0;
        while (i < statements.size()) {
            if (statements.get(i) instanceof Import) {
                List<Import> run = new ArrayList<>();
                while (i < statements.size() && statements.get(i) instanceof Import imp) {
                    run.add(imp);
                    i++;
                }
                imports(run);
            } else {
                List<Rule> run = new ArrayList<>();
                while (i < statements.size() && statements.get(i) instanceof Rule r) {
                    run.add(r);
                    i++;
                }
                rules(run, i < statements.size() ? location(statements.get(i)).row() : lines.length + 1);
            }
        }
        // Comments after the last statement.
        while (!comments.isEmpty()) {
            Comment c = comments.poll();
            startLine();
            write(commentText(c));
            flushLine();
        }
    }

    private static Location location(Object statement) {
        return statement instanceof Import imp ? imp.location() : ((Rule) statement).location();
    }

    private static boolean isRegoV1(Import imp) {
        List<Term> p = imp.path().parts();
        return p.size() == 2 && p.get(0) instanceof Term.Var v && v.name().equals("rego")
                && p.get(1) instanceof Term.Scalar s && s.value().equals(StringValue.of("v1"));
    }

    private static boolean isFutureKeywords(Import imp) {
        List<Term> p = imp.path().parts();
        return p.get(0) instanceof Term.Var v && v.name().equals("future")
                && p.size() >= 2 && p.get(1) instanceof Term.Scalar s && s.value().equals(StringValue.of("keywords"));
    }

    private void imports(List<Import> run) {
        List<List<Import>> groups = new ArrayList<>();
        int lastImportRow = Integer.MIN_VALUE;
        for (Import imp : run) {
            int row = imp.location().row();
            if (groups.isEmpty() || row > lastImportRow + 1) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(imp);
            lastImportRow = Math.max(row, lastImportRow);
        }
        for (List<Import> group : groups) {
            commentsBefore(group.get(0).location().row(), true);
            List<Import> sorted = new ArrayList<>(group);
            sorted.sort(Comparator.comparing((Import imp) -> RegoPrinter.print(imp.path()))
                    .thenComparing(imp -> imp.alias() == null ? "" : imp.alias()));
            for (Import imp : sorted) {
                commentsBefore(imp.location().row(), false);
                startLine();
                write("import ");
                write(RegoPrinter.print(imp.path()));
                if (imp.alias() != null) {
                    write(" as " + imp.alias());
                }
                endLine(imp.location().row());
            }
            blankLine();
        }
    }

    private void rules(List<Rule> run, int followingRow) {
        for (int i = 0; i < run.size(); i++) {
            Rule r = run.get(i);
            int nextRow = i + 1 < run.size() ? run.get(i + 1).location().row() : followingRow;
            commentsBefore(r.location().row(), true);
            rule(r, lastCodeRow(r.location().row(), nextRow));
            if (i + 1 < run.size() && oneLiner(r) && oneLiner(run.get(i + 1))
                    && run.get(i + 1).location().row() == r.location().row() + 1) {
                continue;
            }
            blankLine();
        }
    }

    /** Rules of at most one expression that are not defaults may be kept on adjacent lines. */
    private static boolean oneLiner(Rule r) {
        return !r.isDefault() && r.body().exprs().size() <= 1;
    }

    /** The last row before {@code before} holding code (not blank, not only a comment), at least {@code from}. */
    private int lastCodeRow(int from, int before) {
        for (int row = Math.min(before - 1, lines.length); row > from; row--) {
            String t = lines[row - 1].strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return row;
            }
        }
        return from;
    }

    // ------------------------------------------------------------------ rules

    private void rule(Rule r, int endRow) {
        startLine();
        if (r.isDefault()) {
            write("default ");
        }
        Rule.Head h = r.head();
        ruleRef(h.ref());
        if (h.args() != null) {
            write("(");
            iterable(new ArrayList<>(h.args()), h.location().row(), el -> term((Term) el));
            write(")");
        }
        boolean constant = isTrueBody(r.body()) && r.elseRule() == null;
        if (h.multiValue()) {
            write(" contains ");
            term(h.key());
        } else if (h.value() != null) {
            write(" := ");
            operand(h.value(), PREC_ASSIGN);
        } else if (constant && h.args() == null) {
            write(" := true");
        }
        if (r.isDefault() || constant) {
            endLine(endRow);
            return;
        }
        body(r.body(), h.location().row(), endRow);
        for (Rule e = r.elseRule(); e != null; e = e.elseRule()) {
            boolean inline = !lines[e.location().row() - 1].strip().startsWith("else");
            if (inline) {
                write(" ");
            } else {
                flushLine();
                blankLine();
                startLine();
            }
            write("else");
            if (e.head().value() != null) {
                write(" := ");
                operand(e.head().value(), PREC_ASSIGN);
            }
            if (!isTrueBody(e.body())) {
                body(e.body(), e.location().row(), endRow);
            } else {
                lastRow = Math.max(lastRow, e.location().row());
            }
        }
        endLine(endRow);
    }

    /** Writes {@code if expr} when the one expression sits on the head's row, else {@code if { … }}. */
    private void body(Body b, int headRow, int endRow) {
        write(" if");
        List<Expr> exprs = b.exprs();
        if (exprs.size() == 1 && exprs.get(0).location().row() == headRow && !isSetTerm(exprs.get(0))) {
            write(" ");
            expr(exprs.get(0));
            return;
        }
        write(" {");
        endLine(headRow);
        level++;
        bodyLines(exprs);
        commentsBefore(closingRow(exprs, endRow), false);
        level--;
        startLine();
        write("}");
        lastRow = Math.max(lastRow, closingRow(exprs, endRow));
    }

    private int closingRow(List<Expr> exprs, int endRow) {
        int last = exprs.isEmpty() ? 0 : maxRow(exprs.get(exprs.size() - 1));
        for (int row = last + 1; row <= Math.min(endRow, lines.length); row++) {
            if (lines[row - 1].strip().startsWith("}")) {
                return row;
            }
        }
        return Math.max(last, endRow);
    }

    private void bodyLines(List<Expr> exprs) {
        int prevEnd = -1;
        for (Expr e : exprs) {
            int row = e.location().row();
            commentsBefore(row, true);
            if (prevEnd > 0 && row > prevEnd + 1 && !line.isEmpty()) {
                flushLine();
            }
            if (prevEnd > 0 && row > prevEnd + 1 && !blankBefore()) {
                blankLine();
            }
            startLine();
            expr(e);
            endLine(maxRow(e));
            prevEnd = maxRow(e);
        }
    }

    private boolean blankBefore() {
        return out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n';
    }

    private static boolean isTrueBody(Body b) {
        if (b == null || b.exprs().size() != 1) {
            return false;
        }
        Expr e = b.exprs().get(0);
        return !e.negated() && e.withs().isEmpty() && e.kind() instanceof Expr.TermExpr te
                && te.term() instanceof Term.Scalar s && s.value() == BooleanValue.TRUE;
    }

    private static boolean isSetTerm(Expr e) {
        return !e.negated() && e.kind() instanceof Expr.TermExpr te && te.term() instanceof Term.SetTerm;
    }

    private void ruleRef(Term.Ref ref) {
        List<Term> parts = ref.parts();
        term(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            selector(parts.get(i));
        }
    }

    // ------------------------------------------------------------------ expressions

    private void expr(Expr e) {
        if (e.negated()) {
            write("not ");
        }
        switch (e.kind()) {
            case Expr.TermExpr te -> {
                if (te.term() instanceof Term.Call c && c.args().size() == 2 && isOp(c, "eq", "assign")) {
                    operand(c.args().get(0), PREC_IN);
                    write(isOp(c, "eq") ? " = " : " := ");
                    operand(c.args().get(1), PREC_IN);
                } else {
                    term(te.term());
                }
            }
            case Expr.SomeVars sv -> {
                write("some ");
                for (int i = 0; i < sv.vars().size(); i++) {
                    if (i > 0) {
                        write(", ");
                    }
                    write(sv.vars().get(i).name());
                }
            }
            case Expr.SomeIn si -> {
                write("some ");
                if (si.key() != null) {
                    operand(si.key(), PREC_REL);
                    write(", ");
                }
                operand(si.value(), PREC_REL);
                write(" in ");
                operand(si.collection(), PREC_REL);
            }
            case Expr.Every ev -> {
                write("every ");
                if (ev.key() != null) {
                    operand(ev.key(), PREC_REL);
                    write(", ");
                }
                operand(ev.value(), PREC_REL);
                write(" in ");
                operand(ev.domain(), PREC_REL);
                write(" {");
                comprehensionBody(ev.body(), e.location().row());
                if (ev.body().exprs().size() == 1 && ev.body().exprs().get(0).location().row() == e.location().row()) {
                    write(" ");
                }
                write("}");
            }
            case Expr.Block bl -> {
                write("{");
                comprehensionBody(bl.body(), e.location().row());
                if (bl.body().exprs().size() == 1 && bl.body().exprs().get(0).location().row() == e.location().row()) {
                    write(" ");
                }
                write("}");
            }
        }
        int row = maxRowOfKind(e);
        boolean indented = false;
        for (Expr.With w : e.withs()) {
            if (w.location().row() > row) {
                if (!indented) {
                    level++;
                    indented = true;
                }
                endLine(row);
                startLine();
                row = w.location().row();
            } else {
                write(" ");
            }
            write("with ");
            write(RegoPrinter.print(w.target()));
            write(" as ");
            operand(w.value(), PREC_IN);
            row = Math.max(row, maxRow(w.value()));
        }
        if (indented) {
            level--;
        }
    }

    private void term(Term t) {
        operand(t, PREC_ASSIGN);
    }

    /** Writes a term in a position that binds at least as tightly as {@code min}, in parentheses if it binds less. */
    private void operand(Term t, int min) {
        int prec = precedence(t);
        boolean parens = prec < min;
        if (parens) {
            write("(");
        }
        switch (t) {
            case Term.Scalar s -> scalar(s);
            case Term.Var v -> write(v.name());
            case Term.Ref r -> ref(r);
            case Term.ArrayTerm a -> {
                write("[");
                iterable(new ArrayList<>(a.elements()), a.location().row(), el -> term((Term) el));
                write("]");
            }
            case Term.SetTerm s -> {
                if (s.elements().isEmpty()) {
                    write("set()");
                } else {
                    write("{");
                    iterable(new ArrayList<>(s.elements()), s.location().row(), el -> term((Term) el));
                    write("}");
                }
            }
            case Term.ObjectTerm o -> {
                write("{");
                iterable(new ArrayList<>(o.entries()), o.location().row(), entry -> {
                    Term.Entry en = (Term.Entry) entry;
                    term(en.key());
                    write(": ");
                    term(en.value());
                });
                write("}");
            }
            case Term.ArrayComprehension c -> {
                write("[");
                term(c.head());
                write(" |");
                comprehensionBody(c.body(), c.head().location().row());
                write("]");
            }
            case Term.SetComprehension c -> {
                write("{");
                term(c.head());
                write(" |");
                comprehensionBody(c.body(), c.head().location().row());
                write("}");
            }
            case Term.ObjectComprehension c -> {
                write("{");
                term(c.key());
                write(": ");
                term(c.value());
                write(" |");
                comprehensionBody(c.body(), c.key().location().row());
                write("}");
            }
            case Term.Call c -> call(c, prec);
        }
        if (parens) {
            write(")");
        }
    }

    private void comprehensionBody(Body b, int headRow) {
        List<Expr> exprs = b.exprs();
        boolean multiline = exprs.get(0).location().row() > headRow;
        for (int i = 1; i < exprs.size() && !multiline; i++) {
            multiline = exprs.get(i).location().row() > exprs.get(i - 1).location().row();
        }
        if (!multiline) {
            write(" ");
            for (int i = 0; i < exprs.size(); i++) {
                if (i > 0) {
                    write("; ");
                }
                expr(exprs.get(i));
            }
            return;
        }
        endLine(headRow);
        level++;
        bodyLines(exprs);
        int last = maxRow(exprs.get(exprs.size() - 1));
        commentsBefore(closingBracketRow(last), false);
        level--;
        startLine();
    }

    /** The row of the first line after {@code row} that starts with a closing bracket. */
    private int closingBracketRow(int row) {
        for (int r = row + 1; r <= lines.length; r++) {
            String s = lines[r - 1].strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return r;
            }
        }
        return row;
    }

    private void call(Term.Call c, int prec) {
        String op = infixOperator(c);
        if (op != null) {
            List<Term> args = c.args();
            if (args.size() == 3) {
                operand(args.get(0), PREC_REL);
                write(", ");
                operand(args.get(1), PREC_REL);
            } else {
                operand(args.get(0), prec);
            }
            write(" " + op + " ");
            operand(args.get(args.size() - 1), prec + 1);
            return;
        }
        ref(c.operator());
        write("(");
        iterable(new ArrayList<>(c.args()), c.location().row(), el -> term((Term) el));
        write(")");
    }

    /**
     * Writes elements separated by commas: on one line when they started on one row in the
     * source; otherwise one source row per line, indented, each line ending with a comma.
     */
    private void iterable(List<Object> elements, int openRow, java.util.function.Consumer<Object> each) {
        if (elements.isEmpty()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        int prev = Integer.MIN_VALUE;
        for (Object el : elements) {
            int row = rowOf(el);
            if (rows.isEmpty() || row > prev) {
                rows.add(new ArrayList<>());
            }
            rows.get(rows.size() - 1).add(el);
            prev = row;
        }
        if (rows.size() == 1) {
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    write(", ");
                }
                each.accept(elements.get(i));
            }
            return;
        }
        endLine(openRow);
        level++;
        int lastRowWritten = openRow;
        for (List<Object> row : rows) {
            commentsBefore(rowOf(row.get(0)), false);
            startLine();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    write(", ");
                }
                each.accept(row.get(i));
            }
            write(",");
            lastRowWritten = maxRowOf(row.get(row.size() - 1));
            endLine(lastRowWritten);
        }
        commentsBefore(closingBracketRow(lastRowWritten), false);
        level--;
        startLine();
    }

    private static int rowOf(Object el) {
        return el instanceof Term.Entry en ? en.key().location().row() : ((Term) el).location().row();
    }

    private static int maxRowOf(Object el) {
        return el instanceof Term.Entry en ? Math.max(maxRow(en.key()), maxRow(en.value())) : maxRow((Term) el);
    }

    private void ref(Term.Ref r) {
        List<Term> parts = r.parts();
        Term head = parts.get(0);
        if (head instanceof Term.Var v) {
            write(v.name());
        } else {
            operand(head, PREC_TERM);
        }
        for (int i = 1; i < parts.size(); i++) {
            selector(parts.get(i));
        }
    }

    private void selector(Term part) {
        if (part instanceof Term.Scalar s && s.value() instanceof StringValue sv && RegoPrinter.isIdentifier(sv.value())
                && !isRawOrBracketed(s)) {
            write("." + sv.value());
        } else {
            write("[");
            term(part);
            write("]");
        }
    }

    /** A string selector the source wrote in brackets stays in brackets. */
    private boolean isRawOrBracketed(Term.Scalar s) {
        String src = sourceAt(s.location());
        return !src.isEmpty() && (src.charAt(0) == '"' || src.charAt(0) == '`');
    }

    private void scalar(Term.Scalar s) {
        Value v = s.value();
        String src = sourceAt(s.location());
        if (v instanceof StringValue sv) {
            if (src.startsWith("`")) {
                int end = src.indexOf('`', 1);
                String raw = end > 0 ? src.substring(0, end + 1) : null;
                if (raw != null && raw.substring(1, raw.length() - 1).equals(sv.value())) {
                    write(raw);
                    return;
                }
                // A raw string over several lines: take it whole from the source.
                String whole = rawStringAt(s.location());
                if (whole != null && whole.substring(1, whole.length() - 1).equals(sv.value())) {
                    write(whole);
                    lastRow = Math.max(lastRow, s.location().row() + (int) whole.chars().filter(ch -> ch == '\n').count());
                    return;
                }
            }
            StringBuilder sb = new StringBuilder();
            StringLiterals.quote(sv.value(), sb);
            write(sb.toString());
            return;
        }
        if (v instanceof NumberValue n) {
            Matcher m = NUMBER.matcher(src);
            if (m.lookingAt()) {
                String text = m.group();
                try {
                    if (new BigDecimal(text).compareTo(new BigDecimal(n.toJson())) == 0) {
                        write(text);
                        return;
                    }
                } catch (NumberFormatException ignored) {
                    // fall through to the canonical spelling
                }
            }
        }
        write(v.toJson());
    }

    /** The source from a location to the end of its line; empty for locations outside the source. */
    private String sourceAt(Location l) {
        if (l == null || l.row() < 1 || l.row() > lines.length) {
            return "";
        }
        String ln = lines[l.row() - 1];
        int cps = ln.codePointCount(0, ln.length());
        if (l.col() < 1 || l.col() > cps) {
            return "";
        }
        return ln.substring(ln.offsetByCodePoints(0, l.col() - 1));
    }

    private String rawStringAt(Location l) {
        StringBuilder sb = new StringBuilder(sourceAt(l));
        int row = l.row();
        while (sb.indexOf("`", 1) < 0 && row < lines.length) {
            sb.append('\n').append(lines[row]);
            row++;
        }
        int end = sb.indexOf("`", 1);
        return end < 0 ? null : sb.substring(0, end + 1);
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
        if (name.equals("internal.member_2") && c.args().size() == 2
                || name.equals("internal.member_3") && c.args().size() == 3) {
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

    // ------------------------------------------------------------------ source rows

    private static int maxRow(Expr e) {
        int row = maxRowOfKind(e);
        for (Expr.With w : e.withs()) {
            row = Math.max(row, Math.max(w.location().row(), maxRow(w.value())));
        }
        return row;
    }

    private static int maxRowOfKind(Expr e) {
        int row = e.location().row();
        return switch (e.kind()) {
            case Expr.TermExpr te -> Math.max(row, maxRow(te.term()));
            case Expr.SomeVars sv -> sv.vars().stream().mapToInt(v -> v.location().row()).max().orElse(row);
            case Expr.SomeIn si -> Math.max(row, maxRow(si.collection()));
            case Expr.Every ev -> Math.max(Math.max(row, maxRow(ev.domain())),
                    ev.body().exprs().stream().mapToInt(RegoFormatter::maxRow).max().orElse(row));
            case Expr.Block bl -> bl.body().exprs().stream().mapToInt(RegoFormatter::maxRow).max().orElse(row);
        };
    }

    private static int maxRow(Term t) {
        int row = t.location() == null ? 0 : t.location().row();
        switch (t) {
            case Term.Ref r -> {
                for (Term p : r.parts()) {
                    row = Math.max(row, maxRow(p));
                }
            }
            case Term.ArrayTerm a -> {
                for (Term p : a.elements()) {
                    row = Math.max(row, maxRow(p));
                }
            }
            case Term.SetTerm s -> {
                for (Term p : s.elements()) {
                    row = Math.max(row, maxRow(p));
                }
            }
            case Term.ObjectTerm o -> {
                for (Term.Entry en : o.entries()) {
                    row = Math.max(row, Math.max(maxRow(en.key()), maxRow(en.value())));
                }
            }
            case Term.Call c -> {
                for (Term p : c.args()) {
                    row = Math.max(row, maxRow(p));
                }
            }
            case Term.ArrayComprehension c -> row = Math.max(row, Math.max(maxRow(c.head()), maxRow(c.body())));
            case Term.SetComprehension c -> row = Math.max(row, Math.max(maxRow(c.head()), maxRow(c.body())));
            case Term.ObjectComprehension c -> row = Math.max(row, Math.max(maxRow(c.value()), maxRow(c.body())));
            default -> {
            }
        }
        return row;
    }

    private static int maxRow(Body b) {
        return b.exprs().stream().mapToInt(RegoFormatter::maxRow).max().orElse(0);
    }

    // ------------------------------------------------------------------ output

    private void write(String s) {
        line.append(s);
    }

    private void startLine() {
        if (!line.isEmpty()) {
            flushLine();
        }
        line.append("\t".repeat(level));
    }

    /** Ends the current line, first appending the comments that the source had on {@code row} or before. */
    private void endLine(int row) {
        lastRow = Math.max(lastRow, row);
        while (!comments.isEmpty() && comments.peek().location().row() <= lastRow) {
            line.append(' ').append(commentText(comments.poll()));
        }
        flushLine();
        lastRow = 0;
    }

    private void flushLine() {
        if (line.isEmpty()) {
            return;
        }
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        out.append(line, 0, end).append('\n');
        line.setLength(0);
    }

    private void blankLine() {
        flushLine();
        if (out.length() > 0 && !blankBefore()) {
            out.append('\n');
        }
    }

    /**
     * Writes the comments that come before {@code row} on lines of their own, at the current
     * indentation, keeping blank lines between comment blocks and (when {@code keepGap}) one
     * between the last comment and the code that follows it.
     */
    private void commentsBefore(int row, boolean keepGap) {
        if (comments.isEmpty() || comments.peek().location().row() >= row) {
            return;
        }
        if (!line.isEmpty() && !line.toString().isBlank()) {
            // Comments inside a line's construct: keep them as trailing comments rather than lose them.
            while (!comments.isEmpty() && comments.peek().location().row() < row) {
                line.append(' ').append(commentText(comments.poll()));
            }
            return;
        }
        int prev = -1;
        while (!comments.isEmpty() && comments.peek().location().row() < row) {
            Comment c = comments.poll();
            if (prev > 0 && c.location().row() > prev + 1) {
                blankLine();
            }
            startLine();
            write(commentText(c));
            flushLine();
            prev = c.location().row();
        }
        if (keepGap && row > prev + 1) {
            blankLine();
        }
    }

    private static String commentText(Comment c) {
        return ("#" + c.text()).stripTrailing();
    }
}
