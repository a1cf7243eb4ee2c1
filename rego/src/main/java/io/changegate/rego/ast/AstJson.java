package io.changegate.rego.ast;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's syntax tree as the JSON value OPA gives it ({@code rego.parse_module},
 * {@code opa parse --format json}): terms as {@code {"type", "value"}}, expressions with their
 * index, rules with head and body; locations are left out, as OPA leaves them out by default.
 */
public final class AstJson {
    private AstJson() {
    }

    /** The module as {@code rego.parse_module} returns it: package, imports and rules, without comments. */
    public static Value module(Module m) {
        return module(m, false);
    }

    /**
     * The module as {@code opa parse --format json} prints it; with {@code comments}, also its
     * annotations and comments ({@code Text} base64-encoded, as Go encodes a byte slice).
     */
    public static Value module(Module m, boolean comments) {
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("package", ObjectValue.of("path", ArrayValue.of(packagePath(m.pkg().path()))));
        if (!m.imports().isEmpty()) {
            List<Value> imports = new ArrayList<>();
            for (Import i : m.imports()) {
                ObjectValue.Builder ib = ObjectValue.builder().put("path", term(i.path()));
                if (i.alias() != null && !i.alias().isEmpty()) {
                    ib.put("alias", StringValue.of(i.alias()));
                }
                imports.add(ib.build());
            }
            b.put("imports", ArrayValue.of(imports));
        }
        if (!m.rules().isEmpty()) {
            List<Value> rules = new ArrayList<>();
            for (Rule r : m.rules()) {
                rules.add(rule(r));
            }
            b.put("rules", ArrayValue.of(rules));
        }
        if (comments && !m.annotations().isEmpty()) {
            List<Value> annotations = new ArrayList<>();
            for (Annotation a : m.annotations()) {
                annotations.add(a.content());
            }
            b.put("annotations", ArrayValue.of(annotations));
        }
        if (comments && !m.comments().isEmpty()) {
            List<Value> cs = new ArrayList<>();
            for (Comment c : m.comments()) {
                cs.add(ObjectValue.of("Text", StringValue.of(java.util.Base64.getEncoder()
                        .encodeToString(c.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
            }
            b.put("comments", ArrayValue.of(cs));
        }
        return b.build();
    }

    private static List<Value> packagePath(Term.Ref path) {
        List<Value> out = new ArrayList<>();
        List<Term> parts = path.parts();
        int start = 0;
        if (!(parts.getFirst() instanceof Term.Var v && v.name().equals("data"))) {
            out.add(ObjectValue.of("type", StringValue.of("var"), "value", StringValue.of("data")));
            if (parts.getFirst() instanceof Term.Var v) {
                out.add(ObjectValue.of("type", StringValue.of("string"), "value", StringValue.of(v.name())));
                start = 1;
            }
        }
        for (int i = start; i < parts.size(); i++) {
            out.add(term(parts.get(i)));
        }
        return out;
    }

    private static Value rule(Rule r) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (r.isDefault()) {
            b.put("default", BooleanValue.TRUE);
        }
        Rule.Head h = r.head();
        ObjectValue.Builder hb = ObjectValue.builder();
        List<Value> ref = new ArrayList<>();
        for (Term t : h.ref().parts()) {
            ref.add(term(t));
        }
        hb.put("ref", ArrayValue.of(ref));
        if (h.ref().parts().getFirst() instanceof Term.Var v && h.ref().parts().size() == 1) {
            hb.put("name", StringValue.of(v.name()));
        } else if (h.ref().parts().getFirst() instanceof Term.Var v) {
            hb.put("name", StringValue.of(v.name()));
        }
        if (h.isFunction()) {
            List<Value> args = new ArrayList<>();
            for (Term t : h.args()) {
                args.add(term(t));
            }
            hb.put("args", ArrayValue.of(args));
        }
        if (h.key() != null) {
            hb.put("key", term(h.key()));
        }
        if (h.value() != null) {
            hb.put("value", term(h.value()));
        } else if (!h.multiValue()) {
            hb.put("value", ObjectValue.of("type", StringValue.of("boolean"), "value", BooleanValue.TRUE));
        }
        if (h.assign()) {
            hb.put("assign", BooleanValue.TRUE);
        }
        b.put("head", hb.build());
        b.put("body", body(r.body()));
        if (r.elseRule() != null) {
            b.put("else", rule(r.elseRule()));
        }
        return b.build();
    }

    private static Value body(Body body) {
        List<Value> out = new ArrayList<>();
        List<Expr> exprs = body == null ? List.of() : body.exprs();
        if (exprs.isEmpty()) {
            out.add(ObjectValue.of("index", NumberValue.ZERO, "terms", ObjectValue.of("type", StringValue.of("boolean"), "value", BooleanValue.TRUE)));
            return ArrayValue.of(out);
        }
        for (int i = 0; i < exprs.size(); i++) {
            out.add(expr(exprs.get(i), i));
        }
        return ArrayValue.of(out);
    }

    private static Value expr(Expr e, int index) {
        ObjectValue.Builder b = ObjectValue.builder().put("index", NumberValue.of(index));
        if (e.negated()) {
            b.put("negated", BooleanValue.TRUE);
        }
        switch (e.kind()) {
            case Expr.TermExpr t -> {
                if (t.term() instanceof Term.Call c) {
                    List<Value> terms = new ArrayList<>();
                    terms.add(term(c.operator()));
                    for (Term arg : c.args()) {
                        terms.add(term(arg));
                    }
                    b.put("terms", ArrayValue.of(terms));
                } else {
                    b.put("terms", term(t.term()));
                }
            }
            case Expr.SomeVars s -> {
                List<Value> symbols = new ArrayList<>();
                for (Term.Var v : s.vars()) {
                    symbols.add(term(v));
                }
                b.put("terms", ObjectValue.of("symbols", ArrayValue.of(symbols)));
            }
            case Expr.SomeIn s -> {
                List<Value> args = new ArrayList<>();
                if (s.key() != null) {
                    args.add(term(s.key()));
                }
                args.add(term(s.value()));
                args.add(term(s.collection()));
                Value member = ObjectValue.of("type", StringValue.of("ref"), "value", ArrayValue.of(
                        ObjectValue.of("type", StringValue.of("var"), "value", StringValue.of("internal")),
                        ObjectValue.of("type", StringValue.of("string"), "value", StringValue.of(s.key() != null ? "member_3" : "member_2"))));
                List<Value> call = new ArrayList<>();
                call.add(member);
                call.addAll(args);
                b.put("terms", ObjectValue.of("symbols", ArrayValue.of(ObjectValue.of("type", StringValue.of("call"), "value", ArrayValue.of(call)))));
            }
            case Expr.Block bl -> b.put("terms", ObjectValue.of("body", body(bl.body())));
            case Expr.Every ev -> {
                ObjectValue.Builder eb = ObjectValue.builder();
                if (ev.key() != null) {
                    eb.put("key", term(ev.key()));
                }
                eb.put("value", term(ev.value())).put("domain", term(ev.domain())).put("body", body(ev.body()));
                b.put("terms", eb.build());
            }
        }
        if (!e.withs().isEmpty()) {
            List<Value> withs = new ArrayList<>();
            for (Expr.With w : e.withs()) {
                withs.add(ObjectValue.of("target", term(w.target()), "value", term(w.value())));
            }
            b.put("with", ArrayValue.of(withs));
        }
        return b.build();
    }

    /** A term as OPA renders it: {@code {"type": …, "value": …}}. */
    public static Value term(Term t) {
        return switch (t) {
            case Term.Scalar s -> typed(switch (s.value()) {
                case NullValue n -> "null";
                case BooleanValue x -> "boolean";
                case NumberValue x -> "number";
                default -> "string";
            }, s.value());
            case Term.Var v -> typed("var", StringValue.of(v.name()));
            case Term.Ref r -> typed("ref", terms(r.parts()));
            case Term.ArrayTerm a -> typed("array", terms(a.elements()));
            case Term.SetTerm s -> typed("set", terms(s.elements()));
            case Term.ObjectTerm o -> {
                List<Value> entries = new ArrayList<>();
                for (Term.Entry e : o.entries()) {
                    entries.add(ArrayValue.of(term(e.key()), term(e.value())));
                }
                yield typed("object", ArrayValue.of(entries));
            }
            case Term.ArrayComprehension c -> typed("arraycomprehension", ObjectValue.of("term", term(c.head()), "body", body(c.body())));
            case Term.SetComprehension c -> typed("setcomprehension", ObjectValue.of("term", term(c.head()), "body", body(c.body())));
            case Term.ObjectComprehension c -> typed("objectcomprehension",
                    ObjectValue.of("key", term(c.key()), "value", term(c.value()), "body", body(c.body())));
            case Term.Call c -> {
                List<Value> parts = new ArrayList<>();
                parts.add(term(c.operator()));
                for (Term arg : c.args()) {
                    parts.add(term(arg));
                }
                yield typed("call", ArrayValue.of(parts));
            }
        };
    }

    private static Value terms(List<Term> ts) {
        List<Value> out = new ArrayList<>();
        for (Term t : ts) {
            out.add(term(t));
        }
        return ArrayValue.of(out);
    }

    private static Value typed(String type, Value value) {
        return ObjectValue.of("type", StringValue.of(type), "value", value);
    }
}
