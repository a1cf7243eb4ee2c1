package io.changegate.rego.parser;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Annotation;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Comment;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Package;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.value.BooleanValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed statements into a {@link Module}, as OPA's {@code parseModule} does: the package
 * first, expressions standing alone read as rules ({@code p := 1}, {@code p[x]}, {@code f(x)}),
 * Rego v1's rule checks, and {@code # METADATA} annotations attached to their rules.
 */
final class ModuleAssembler {
    private static final Set<String> OPERATORS = Set.of("eq", "assign", "equal", "neq", "lt", "lte", "gt", "gte",
            "plus", "minus", "mul", "div", "rem", "and", "or", "internal.member_2", "internal.member_3");
    private static final Set<String> V1_KEYWORDS = Set.of("package", "import", "as", "default", "else", "not", "some",
            "with", "null", "true", "false", "in", "every", "contains", "if");

    private final String file;
    private final RegoVersion version;
    private final boolean v1Checks;
    private final List<RegoError> errors = new ArrayList<>();

    private ModuleAssembler(String file, RegoVersion version, boolean v1Checks) {
        this.file = file;
        this.version = version;
        this.v1Checks = v1Checks;
    }

    /** Builds the module, or returns null and reports the problems into {@code errorsOut}. */
    static Module assemble(String file, RegoVersion version, boolean regoV1Import, List<RegoParser.Stmt> stmts,
                           List<Comment> comments, List<Metadata.Block> blocks, List<RegoError> errorsOut) {
        ModuleAssembler a = new ModuleAssembler(file, version, version == RegoVersion.V1 || regoV1Import);
        Module m = a.build(stmts, comments, blocks);
        errorsOut.addAll(a.errors);
        return m;
    }

    private Module build(List<RegoParser.Stmt> stmts, List<Comment> comments, List<Metadata.Block> blocks) {
        if (stmts.isEmpty()) {
            errors.add(new RegoError(RegoParser.PARSE_ERROR, "empty module", new Location(file, 0, 0)));
            return null;
        }
        Package pkg = null;
        if (stmts.get(0) instanceof RegoParser.PkgStmt ps) {
            pkg = ps.pkg();
        } else {
            error(stmts.get(0).location(), "package expected");
        }
        List<Import> imports = new ArrayList<>();
        List<RegoParser.Draft> rules = new ArrayList<>();
        List<RegoParser.Stmt> nodes = new ArrayList<>(stmts);
        for (int i = 1; i < stmts.size(); i++) {
            switch (stmts.get(i)) {
                case RegoParser.ImportStmt is -> imports.add(is.imp());
                case RegoParser.RuleStmt rs -> rules.add(rs.rule());
                case RegoParser.BodyStmt bs -> {
                    Object r = ruleFromBody(bs.body());
                    if (r instanceof String message) {
                        error(bs.body().exprs().get(0).location(), message);
                    } else {
                        RegoParser.Draft d = (RegoParser.Draft) r;
                        rules.add(d);
                        nodes.set(i, new RegoParser.RuleStmt(d));
                    }
                }
                case RegoParser.PkgStmt ps -> error(ps.pkg().location(), "unexpected package");
            }
        }
        if (v1Checks) {
            for (RegoParser.Draft rule : rules) {
                for (RegoParser.Draft r = rule; r != null; r = r.elseRule) {
                    checkRegoV1(r);
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        Map<RegoParser.Draft, List<Annotation>> ruleAnnotations = new IdentityHashMap<>();
        List<Annotation> moduleAnnotations = attachAnnotations(blocks, nodes, rules, ruleAnnotations);
        if (!errors.isEmpty()) {
            return null;
        }
        List<Rule> out = new ArrayList<>(rules.size());
        for (RegoParser.Draft d : rules) {
            out.add(toRule(d, ruleAnnotations.getOrDefault(d, List.of())));
        }
        return new Module(file, version, pkg, imports, out, moduleAnnotations, comments);
    }

    private void error(Location at, String message) {
        errors.add(new RegoError(RegoParser.PARSE_ERROR, message, at));
    }

    private void checkRegoV1(RegoParser.Draft rule) {
        String t = rule.args != null ? "function" : "rule";
        if (rule.ref.size() < 2 && rule.ref.get(0) instanceof Term.Var v && V1_KEYWORDS.contains(v.name())) {
            error(rule.loc, v.name() + " keyword cannot be used for rule name");
        }
        if (rule.generatedBody && rule.generatedValue) {
            error(rule.loc, t + " must have value assignment and/or body declaration");
        }
        if (rule.body != null && !rule.generatedBody && !rule.hasIf && !rule.isDefault) {
            error(rule.loc, "`if` keyword is required before " + t + " body");
        }
        if (rule.isMultiValue() && !rule.hasContains) {
            error(rule.loc, "`contains` keyword is required for partial set rules");
        }
    }

    /** Reads an expression standing alone as a rule, or returns the reason it cannot be one. */
    private Object ruleFromBody(Body body) {
        if (body.exprs().size() != 1) {
            return "multiple expressions cannot be used for rule head";
        }
        Expr expr = body.exprs().get(0);
        if (!expr.withs().isEmpty()) {
            return "expressions using with keyword cannot be used for rule head";
        }
        if (expr.negated()) {
            return "negated expressions cannot be used for rule head";
        }
        Term term;
        switch (expr.kind()) {
            case Expr.SomeVars s -> {
                return "'some' declarations cannot be used for rule head";
            }
            case Expr.SomeIn s -> {
                return "'some' declarations cannot be used for rule head";
            }
            case Expr.Every e -> {
                return "expression cannot be used for rule head";
            }
            case Expr.Block b -> {
                return "negated expressions cannot be used for rule head";
            }
            case Expr.TermExpr te -> term = te.term();
        }
        Location at = expr.location();
        if (!(term instanceof Term.Call call)) {
            if (term instanceof Term.Ref r) {
                if (!(r.head() instanceof Term.Var)) {
                    return "invalid rule head: " + RegoPrinter.print(r);
                }
                if (r.parts().size() > 2) {
                    RegoParser.Draft d = draft(r.parts(), r.location(), at);
                    d.value = new Term.Scalar(BooleanValue.TRUE, at);
                    d.generatedValue = true;
                    return d;
                }
                if (r.parts().size() == 1) {
                    return "refs cannot be used for rule head";
                }
                RegoParser.Draft d = draft(List.of(r.head()), r.location(), at);
                d.key = r.parts().get(1);
                return d;
            }
            return RegoParser.valueName(term) + " cannot be used for rule name";
        }
        String op = RegoParser.opName(call);
        if ((op.equals("eq") || op.equals("assign")) && call.args().size() == 2) {
            Object r = ruleFromEq(call.args().get(0), call.args().get(1), at);
            if (r instanceof RegoParser.Draft d) {
                d.assign = op.equals("assign");
            }
            return r;
        }
        if (isBuiltin(op)) {
            return "rule name conflicts with built-in function";
        }
        if (call.args().isEmpty()) {
            return "rule argument list must take at least one argument";
        }
        if (!(call.operator().head() instanceof Term.Var)) {
            return "invalid rule head: " + RegoPrinter.print(call.operator());
        }
        RegoParser.Draft d = draft(call.operator().parts(), call.operator().location(), at);
        d.args = call.args();
        d.value = new Term.Scalar(BooleanValue.TRUE, at);
        return d;
    }

    private Object ruleFromEq(Term lhs, Term rhs, Location at) {
        if (lhs instanceof Term.Call call) {
            if (!(call.operator().head() instanceof Term.Var)) {
                return "invalid rule head: " + RegoPrinter.print(call.operator());
            }
            RegoParser.Draft d = draft(call.operator().parts(), call.operator().location(), at);
            d.args = call.args();
            d.value = rhs;
            return d;
        }
        if (lhs instanceof Term.Ref r) {
            if (!(r.head() instanceof Term.Var)) {
                return "invalid rule head: " + RegoPrinter.print(r);
            }
            RegoParser.Draft d = draft(r.parts(), r.location(), at);
            d.value = rhs;
            return d;
        }
        if (lhs instanceof Term.Var v) {
            RegoParser.Draft d = draft(List.of(v), v.location(), at);
            d.value = rhs;
            return d;
        }
        return RegoParser.valueName(lhs) + " cannot be used for rule name";
    }

    private static RegoParser.Draft draft(List<Term> ref, Location refLoc, Location at) {
        RegoParser.Draft d = new RegoParser.Draft();
        d.ref = ref;
        d.refLoc = refLoc;
        d.loc = at;
        d.headLoc = at;
        d.body = RegoParser.trueBody(at);
        d.generatedBody = true;
        return d;
    }

    private static boolean isBuiltin(String name) {
        if (OPERATORS.contains(name)) {
            return true;
        }
        try {
            return BuiltinRegistry.standard().get(name) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Annotations

    private List<Annotation> attachAnnotations(List<Metadata.Block> blocks, List<RegoParser.Stmt> nodes,
                                               List<RegoParser.Draft> rules,
                                               Map<RegoParser.Draft, List<Annotation>> ruleAnnotations) {
        List<Annotation> moduleAnnotations = new ArrayList<>();
        record Attached(Annotation annotation, RegoParser.Stmt node) {
        }
        List<Attached> attached = new ArrayList<>();
        for (Metadata.Block b : blocks) {
            RegoParser.Stmt node = null;
            for (RegoParser.Stmt s : nodes) {
                if (s.location().row() > b.location().row()) {
                    node = s;
                    break;
                }
            }
            String scope = b.scope();
            if (scope.isEmpty()) {
                scope = switch (node) {
                    case RegoParser.RuleStmt r -> b.entrypoint() ? "document" : "rule";
                    case RegoParser.PkgStmt p -> "package";
                    case RegoParser.ImportStmt i -> "import";
                    case null, default -> "";
                };
            }
            String have = switch (node) {
                case RegoParser.RuleStmt r -> " (have rule)";
                case RegoParser.PkgStmt p -> " (have package)";
                case RegoParser.ImportStmt i -> " (have import)";
                case RegoParser.BodyStmt bs -> " (have body)";
                case null -> "";
            };
            switch (scope) {
                case "rule", "document" -> {
                    if (!(node instanceof RegoParser.RuleStmt)) {
                        error(b.location(), "annotation scope '" + scope + "' must be applied to rule" + have);
                        continue;
                    }
                }
                case "package", "subpackages" -> {
                    if (!(node instanceof RegoParser.PkgStmt)) {
                        error(b.location(), "annotation scope '" + scope + "' must be applied to package" + have);
                        continue;
                    }
                }
                default -> {
                    error(b.location(), "invalid annotation scope '" + scope
                            + "'. Use one of 'rule', 'document', 'package', or 'subpackages'");
                    continue;
                }
            }
            Annotation a = b.toAnnotation(scope);
            attached.add(new Attached(a, node));
            if (node instanceof RegoParser.PkgStmt) {
                moduleAnnotations.add(a);
            }
        }
        // As OPA: document-scoped annotations go to every rule of the document; a rule-scoped one
        // goes to the first rule of its document defined after it.
        List<Attached> pending = new ArrayList<>(attached);
        for (RegoParser.Draft rule : rules) {
            List<Term> path = groundPrefix(rule.ref);
            int found = -1;
            for (int i = 0; i < pending.size(); i++) {
                Attached at = pending.get(i);
                if (!(at.node() instanceof RegoParser.RuleStmt target) || !samePath(path, groundPrefix(target.rule().ref))) {
                    continue;
                }
                String scope = at.annotation().scope();
                if (scope.equals("document")) {
                    ruleAnnotations.computeIfAbsent(rule, k -> new ArrayList<>()).add(at.annotation());
                } else if (scope.equals("rule") && rule.loc.row() > at.annotation().location().row()) {
                    found = i;
                    ruleAnnotations.computeIfAbsent(rule, k -> new ArrayList<>()).add(at.annotation());
                }
            }
            if (found >= 0) {
                pending.remove(found);
            }
        }
        return moduleAnnotations;
    }

    private static List<Term> groundPrefix(List<Term> ref) {
        int n = 1;
        while (n < ref.size() && RegoParser.isGround(ref.get(n))) {
            n++;
        }
        return ref.subList(0, n);
    }

    private static boolean samePath(List<Term> a, List<Term> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!AstEquality.equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------

    private static Rule toRule(RegoParser.Draft top, List<Annotation> annotations) {
        List<RegoParser.Draft> chain = new ArrayList<>();
        for (RegoParser.Draft d = top; d != null; d = d.elseRule) {
            chain.add(d);
        }
        Rule next = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            RegoParser.Draft d = chain.get(i);
            boolean multi = d.isMultiValue();
            Rule.Head head = new Rule.Head(new Term.Ref(d.ref, d.refLoc), d.args, multi ? d.key : null,
                    d.generatedValue ? null : d.value, d.assign, multi, d.headLoc);
            next = new Rule(head, d.body, d.isDefault, next, i == 0 ? annotations : List.of(), d.loc);
        }
        return next;
    }
}
