package io.changegate.rego.parser;

import io.changegate.rego.ast.Annotation;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Structural equality of syntax trees that ignores source locations and comments: two modules
 * are equal when they mean the same program, however they were laid out.
 */
public final class AstEquality {
    private AstEquality() {
    }

    public static boolean equal(Module a, Module b) {
        return a.version() == b.version()
                && equal(a.pkg() == null ? null : a.pkg().path(), b.pkg() == null ? null : b.pkg().path())
                && list(a.imports(), b.imports(), AstEquality::equal)
                && list(a.rules(), b.rules(), AstEquality::equal)
                && list(a.annotations(), b.annotations(), AstEquality::equal);
    }

    public static boolean equal(Import a, Import b) {
        return equal(a.path(), b.path()) && Objects.equals(a.alias(), b.alias());
    }

    public static boolean equal(Annotation a, Annotation b) {
        return a.scope().equals(b.scope()) && a.content().equals(b.content());
    }

    public static boolean equal(Rule a, Rule b) {
        while (a != null && b != null) {
            if (a.isDefault() != b.isDefault() || !equal(a.head(), b.head()) || !equal(a.body(), b.body())
                    || !list(a.annotations(), b.annotations(), AstEquality::equal)) {
                return false;
            }
            a = a.elseRule();
            b = b.elseRule();
        }
        return a == null && b == null;
    }

    public static boolean equal(Rule.Head a, Rule.Head b) {
        return equal(a.ref(), b.ref())
                && (a.args() == null ? b.args() == null : b.args() != null && list(a.args(), b.args(), AstEquality::equal))
                && equal(a.key(), b.key()) && equal(a.value(), b.value())
                && a.assign() == b.assign() && a.multiValue() == b.multiValue();
    }

    public static boolean equal(Body a, Body b) {
        if (a == null || b == null) {
            return a == b;
        }
        return list(a.exprs(), b.exprs(), AstEquality::equal);
    }

    public static boolean equal(Expr a, Expr b) {
        if (a.negated() != b.negated() || !list(a.withs(), b.withs(), (x, y) -> equal(x.target(), y.target()) && equal(x.value(), y.value()))) {
            return false;
        }
        return switch (a.kind()) {
            case Expr.TermExpr x -> b.kind() instanceof Expr.TermExpr y && equal(x.term(), y.term());
            case Expr.SomeVars x -> b.kind() instanceof Expr.SomeVars y && list(x.vars(), y.vars(), AstEquality::equal);
            case Expr.SomeIn x -> b.kind() instanceof Expr.SomeIn y && equal(x.key(), y.key())
                    && equal(x.value(), y.value()) && equal(x.collection(), y.collection());
            case Expr.Every x -> b.kind() instanceof Expr.Every y && equal(x.key(), y.key()) && equal(x.value(), y.value())
                    && equal(x.domain(), y.domain()) && equal(x.body(), y.body());
            case Expr.Block x -> b.kind() instanceof Expr.Block y && equal(x.body(), y.body());
        };
    }

    public static boolean equal(Term a, Term b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (a) {
            case Term.Scalar x -> b instanceof Term.Scalar y && x.value().equals(y.value());
            case Term.Var x -> b instanceof Term.Var y && x.name().equals(y.name());
            case Term.Ref x -> b instanceof Term.Ref y && list(x.parts(), y.parts(), AstEquality::equal);
            case Term.ArrayTerm x -> b instanceof Term.ArrayTerm y && list(x.elements(), y.elements(), AstEquality::equal);
            case Term.SetTerm x -> b instanceof Term.SetTerm y && list(x.elements(), y.elements(), AstEquality::equal);
            case Term.ObjectTerm x -> b instanceof Term.ObjectTerm y && list(x.entries(), y.entries(),
                    (p, q) -> equal(p.key(), q.key()) && equal(p.value(), q.value()));
            case Term.ArrayComprehension x -> b instanceof Term.ArrayComprehension y && equal(x.head(), y.head()) && equal(x.body(), y.body());
            case Term.SetComprehension x -> b instanceof Term.SetComprehension y && equal(x.head(), y.head()) && equal(x.body(), y.body());
            case Term.ObjectComprehension x -> b instanceof Term.ObjectComprehension y && equal(x.key(), y.key())
                    && equal(x.value(), y.value()) && equal(x.body(), y.body());
            case Term.Call x -> b instanceof Term.Call y && equal(x.operator(), y.operator()) && list(x.args(), y.args(), AstEquality::equal);
        };
    }

    private static <T> boolean list(List<T> a, List<T> b, BiPredicate<T, T> eq) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq.test(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
