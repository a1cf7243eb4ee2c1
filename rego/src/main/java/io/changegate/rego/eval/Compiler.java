package io.changegate.rego.eval;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.builtins.Builtin;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles modules into the planned {@code data} tree, in named stages: collect rules into
 * the tree, group them by path and kind (checking conflicts), then plan every definition.
 */
final class Compiler {
    private static final int MAX_ERRORS = 10;

    final BuiltinRegistry builtins;
    final DocNode root = new DocNode(List.of());
    final List<RegoError> errors = new ArrayList<>();
    private final Map<DocNode, List<PendingRule>> pending = new LinkedHashMap<>();
    private final Map<String, BuiltinCallable> builtinCallables = new HashMap<>();
    final Map<RuleGroup, java.util.Set<RuleGroup>> dependencies = new HashMap<>();

    /** A rule waiting to be planned, with the module it came from and its dynamic head suffix. */
    record PendingRule(Rule rule, ModuleScope scope, List<Term> dynamicPath) {
    }

    private final io.changegate.rego.value.ObjectValue baseData;
    /** Whether to plan coverage goals before every expression. */
    boolean coverage;
    private final List<Module> modules = new ArrayList<>();

    Compiler(BuiltinRegistry builtins, io.changegate.rego.value.ObjectValue baseData) {
        this.builtins = builtins;
        this.baseData = baseData;
    }

    /** Stage 1: places a module's rules into the data tree by their static paths. */
    void addModule(Module m) {
        modules.add(m);
        checkImports(m);
        List<Value> pkg = packagePath(m.pkg().path());
        ModuleScope scope = new ModuleScope(this, m, pkg);
        for (Rule r : m.rules()) {
            List<Term> ref = r.head().ref().parts();
            List<Value> staticPath = new ArrayList<>(pkg);
            staticPath.add(StringValue.of(((Term.Var) ref.get(0)).name()));
            int i = 1;
            for (; i < ref.size(); i++) {
                if (ref.get(i) instanceof Term.Scalar s && s.value() instanceof StringValue) {
                    staticPath.add(s.value());
                } else {
                    break;
                }
            }
            List<Term> dynamic = ref.subList(i, ref.size());
            DocNode node = root;
            node.markRules();
            for (Value key : staticPath) {
                node = node.childOrCreate(key);
                node.markRules();
            }
            pending.computeIfAbsent(node, n -> new ArrayList<>()).add(new PendingRule(r, scope, List.copyOf(dynamic)));
        }
    }

    /** {@code trace(note)}: true; the note would go to an evaluation tracer, which this engine does not keep. */
    private static final Builtin TRACE = io.changegate.rego.builtins.Builtins.fn("trace",
            List.of(io.changegate.rego.builtins.Type.STRING), io.changegate.rego.builtins.Type.BOOLEAN, (ctx, a) -> {
                if (!(a[0] instanceof StringValue)) {
                    throw io.changegate.rego.builtins.BuiltinException.typeError(
                            "trace: operand 1 must be string but got " + a[0].typeName());
                }
                return io.changegate.rego.value.BooleanValue.TRUE;
            });

    static List<Value> packagePath(Term.Ref path) {
        List<Value> out = new ArrayList<>();
        for (int i = 1; i < path.parts().size(); i++) {
            Term t = path.parts().get(i);
            if (t instanceof Term.Scalar s) {
                out.add(s.value());
            } else if (t instanceof Term.Var v) {
                out.add(StringValue.of(v.name()));
            }
        }
        return out;
    }

    /** Stages 2 and 3: groups rules by path and kind, then plans every definition. */
    void compileRules() {
        for (Map.Entry<DocNode, List<PendingRule>> e : pending.entrySet()) {
            group(e.getKey(), e.getValue());
        }
        checkPaths();
        if (!errors.isEmpty()) {
            return;
        }
        for (Map.Entry<DocNode, List<PendingRule>> e : pending.entrySet()) {
            RuleGroup g = e.getKey().group;
            for (PendingRule p : e.getValue()) {
                try {
                    plan(g, p);
                } catch (CompileError ce) {
                    error(ce.error);
                }
            }
        }
        new RecursionCheck(this).run(pending);
        for (DocNode node : pending.keySet()) {
            if (node.group != null) {
                node.group.buildIndex();
            }
        }
    }

    private void group(DocNode node, List<PendingRule> rules) {
        RuleGroup.Kind kind = null;
        boolean conflicting = false;
        int arity = -1;
        List<Location> defaults = new ArrayList<>();
        for (PendingRule p : rules) {
            Rule.Head h = p.rule().head();
            RuleGroup.Kind k = h.isFunction() ? RuleGroup.Kind.FUNCTION
                    : h.multiValue() ? RuleGroup.Kind.MULTI
                    : p.dynamicPath().isEmpty() ? RuleGroup.Kind.COMPLETE : RuleGroup.Kind.DYNAMIC;
            if (kind != null && kind != k) {
                conflicting = true;
            }
            if (k == RuleGroup.Kind.FUNCTION) {
                if (arity >= 0 && arity != h.args().size()) {
                    conflicting = true;
                }
                arity = h.args().size();
            }
            kind = k;
            if (p.rule().isDefault()) {
                defaults.add(p.rule().location());
            }
        }
        String name = node.name();
        if (conflicting) {
            error(new RegoError("rego_type_error", "conflicting rules " + name + " found", rules.get(0).rule().location()));
            return;
        }
        if (defaults.size() > 1) {
            StringBuilder where = new StringBuilder();
            for (Location l : defaults) {
                where.append(where.isEmpty() ? "" : ", ").append(l.fileRow());
            }
            error(new RegoError("rego_type_error", "multiple default rules " + name + " found at " + where,
                    defaults.get(0)));
            return;
        }
        RuleGroup g = new RuleGroup(name, kind);
        g.arity = Math.max(arity, 0);
        g.path = node.path;
        node.group = g;
    }

    /** A complete rule's scalar type when every definition's value is a scalar of that type, else null. */
    io.changegate.rego.builtins.Type scalarType(RuleGroup g) {
        if (g.kind != RuleGroup.Kind.COMPLETE) {
            return null;
        }
        DocNode node = root;
        for (Value k : g.path) {
            node = node.child(k);
        }
        String type = null;
        for (PendingRule p : pending.getOrDefault(node, List.of())) {
            for (Rule r = p.rule(); r != null; r = r.elseRule()) {
                Term v = r.head().value();
                String t = v == null ? "boolean" : v instanceof Term.Scalar sc ? sc.value().typeName() : null;
                if (t == null || (type != null && !type.equals(t))) {
                    return null;
                }
                type = t;
            }
        }
        return type == null ? null : new io.changegate.rego.builtins.Type.Named(type);
    }

    /** Two imports of one name: OPA reports the later one as shadowing the earlier. */
    private void checkImports(Module m) {
        Map<String, Import> seen = new HashMap<>();
        for (Import imp : m.imports()) {
            List<Term> parts = imp.path().parts();
            StringBuilder text = new StringBuilder();
            for (Term t : parts) {
                text.append(text.isEmpty() ? "" : ".")
                        .append(t instanceof Term.Var v ? v.name() : ((Term.Scalar) t).value() instanceof StringValue sv
                                ? sv.value() : t.toString());
            }
            String name = imp.alias() != null ? imp.alias() : text.toString();
            Import prev = seen.putIfAbsent(name, imp);
            if (prev != null) {
                error(new RegoError("rego_compile_error", "import must not shadow import " + text, imp.location()));
            }
        }
    }

    /** Rule paths must not collide with packages, with rules below them, or with base data. */
    private void checkPaths() {
        for (Map.Entry<DocNode, List<PendingRule>> e : pending.entrySet()) {
            DocNode node = e.getKey();
            RuleGroup g = node.group;
            if (g == null) {
                continue;
            }
            Location at = e.getValue().get(0).rule().location();
            boolean variablePath = e.getValue().stream().anyMatch(r -> !r.dynamicPath().isEmpty());
            if (!variablePath) {
                List<String> below = new ArrayList<>();
                for (DocNode child : node.children.values()) {
                    collectRulePaths(child, below);
                }
                if (!below.isEmpty()) {
                    below.sort(null);
                    error(new RegoError("rego_type_error", "rule " + g.name + " conflicts with " + below, at));
                }
            }
            Value base = baseData;
            for (Value k : node.path) {
                base = base instanceof io.changegate.rego.value.ObjectValue o ? o.get(k) : null;
            }
            if (base != null) {
                StringBuilder path = new StringBuilder();
                for (Value k : node.path) {
                    path.append(path.isEmpty() ? "" : "/").append(k instanceof StringValue sv ? sv.value() : k.toString());
                }
                error(new RegoError("rego_compile_error", "conflicting rule for data path " + path + " found", at));
            }
        }
        for (Module m : modules) {
            DocNode node = root;
            for (Value k : packagePath(m.pkg().path())) {
                node = node == null ? null : node.child(k);
            }
            if (node != null && node.group != null && !pending.get(node).isEmpty()) {
                Rule r = pending.get(node).get(0).rule();
                String pkgName = m.pkg().path().parts().subList(1, m.pkg().path().parts().size()).stream()
                        .map(t -> t instanceof Term.Scalar sc && sc.value() instanceof StringValue sv ? sv.value()
                                : t.toString())
                        .reduce((a, b) -> a + "." + b).orElse("");
                Term last = r.head().ref().parts().get(r.head().ref().parts().size() - 1);
                String ruleName = last instanceof Term.Var v ? v.name()
                        : last instanceof Term.Scalar sc && sc.value() instanceof StringValue sv ? sv.value() : last.toString();
                error(new RegoError("rego_type_error", "package " + pkgName + " conflicts with rule " + ruleName
                        + " defined at " + r.location().fileRow(), m.pkg().location()));
            }
        }
    }

    private static void collectRulePaths(DocNode node, List<String> out) {
        if (node.group != null) {
            out.add(node.name());
        }
        for (DocNode child : node.children.values()) {
            collectRulePaths(child, out);
        }
    }

    /** The value of {@code rego.metadata.chain()} for a rule: its annotations, then its packages'. */
    Value metadataChain(Rule rule, Module module, List<Value> rulePath) {
        List<Value> chain = new ArrayList<>();
        io.changegate.rego.value.ObjectValue.Builder first = io.changegate.rego.value.ObjectValue.builder();
        first.put("path", io.changegate.rego.value.ArrayValue.of(rulePath));
        Value ruleAnnotations = ruleAnnotations(rule, "rule");
        if (ruleAnnotations != null) {
            first.put("annotations", ruleAnnotations);
        }
        chain.add(first.build());
        Value document = ruleAnnotations(rule, "document");
        if (document != null) {
            chain.add(io.changegate.rego.value.ObjectValue.of("annotations", document, "path",
                    io.changegate.rego.value.ArrayValue.of(rulePath)));
        }
        List<Value> pkg = packagePath(module.pkg().path());
        for (io.changegate.rego.ast.Annotation a : module.annotations()) {
            if (a.scope().equals("package")) {
                chain.add(io.changegate.rego.value.ObjectValue.of("annotations", a.content(), "path",
                        io.changegate.rego.value.ArrayValue.of(pkg)));
            }
        }
        for (int len = pkg.size(); len >= 0; len--) {
            for (Module m : modules) {
                List<Value> other = packagePath(m.pkg().path());
                if (other.size() == len && other.equals(pkg.subList(0, len))) {
                    for (io.changegate.rego.ast.Annotation a : m.annotations()) {
                        if (a.scope().equals("subpackages")) {
                            chain.add(io.changegate.rego.value.ObjectValue.of("annotations", a.content(), "path",
                                    io.changegate.rego.value.ArrayValue.of(other)));
                        }
                    }
                }
            }
        }
        return io.changegate.rego.value.ArrayValue.of(chain);
    }

    /** The rule's annotation of one scope, or null. */
    static Value ruleAnnotations(Rule rule, String scope) {
        for (io.changegate.rego.ast.Annotation a : rule.annotations()) {
            if (a.scope().equals(scope)) {
                return a.content();
            }
        }
        return null;
    }

    private void plan(RuleGroup g, PendingRule p) {
        Rule r = p.rule();
        RuleDef def = new BodyPlanner(p.scope(), g).planRule(r, p.dynamicPath());
        if (r.isDefault()) {
            g.defaultDef = def;
        } else {
            g.defs.add(def);
        }
    }

    BuiltinCallable builtin(String name) {
        BuiltinCallable c = builtinCallables.get(name);
        if (c == null) {
            Builtin b = name.equals("trace") && builtins.get(name) == null ? TRACE : builtins.get(name);
            if (b == null) {
                return null;
            }
            c = new BuiltinCallable(b, b.isRelation());
            builtinCallables.put(name, c);
        }
        return c;
    }

    /** Records that {@code owner} reads the document at {@code node}, so every rule at or below it. */
    void dependOn(RuleGroup owner, DocNode node) {
        java.util.Set<RuleGroup> deps = dependencies.computeIfAbsent(owner, g -> new java.util.LinkedHashSet<>());
        collectGroups(node, deps);
    }

    private static void collectGroups(DocNode node, java.util.Set<RuleGroup> out) {
        if (!node.hasRules()) {
            return;
        }
        if (node.group != null) {
            out.add(node.group);
        }
        for (DocNode child : node.children.values()) {
            collectGroups(child, out);
        }
    }

    void error(RegoError e) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(e);
        }
    }

    List<RegoError> sortedErrors() {
        List<RegoError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing((RegoError e) -> e.location() == null ? "" : e.location().file())
                .thenComparingInt(e -> e.location() == null ? 0 : e.location().row())
                .thenComparingInt(e -> e.location() == null ? 0 : e.location().col()));
        return sorted;
    }

    /** A compile error raised while planning one definition. */
    static final class CompileError extends RuntimeException {
        final RegoError error;

        CompileError(String code, String message, Location location) {
            super(message, null, false, false);
            this.error = new RegoError(code, message, location);
        }
    }

    /** Name resolution inside one module: its package, imports and the rules they reach. */
    static final class ModuleScope {
        final Compiler compiler;
        final Module module;
        final List<Value> pkg;
        final Map<String, Term.Ref> imports = new HashMap<>();

        ModuleScope(Compiler compiler, Module module, List<Value> pkg) {
            this.compiler = compiler;
            this.module = module;
            this.pkg = pkg;
            if (module != null) {
                for (Import imp : module.imports()) {
                    List<Term> parts = imp.path().parts();
                    String head = ((Term.Var) parts.get(0)).name();
                    if (!head.equals("data") && !head.equals("input")) {
                        continue;
                    }
                    String alias = imp.alias();
                    if (alias == null) {
                        Term last = parts.get(parts.size() - 1);
                        alias = last instanceof Term.Scalar s && s.value() instanceof StringValue sv ? sv.value()
                                : last instanceof Term.Var v ? v.name() : null;
                    }
                    if (alias != null) {
                        imports.put(alias, imp.path());
                    }
                }
            }
        }

        /** The reference a global name stands for (an import or a rule of the package), or null. */
        Term.Ref resolve(String name, Location at) {
            if (name.equals("input") || name.equals("data")) {
                return new Term.Ref(List.of(new Term.Var(name, at)), at);
            }
            Term.Ref imported = imports.get(name);
            if (imported != null) {
                return imported;
            }
            if (module == null) {
                return null;
            }
            DocNode node = compiler.root;
            for (Value v : pkg) {
                node = node.child(v);
                if (node == null) {
                    return null;
                }
            }
            DocNode rule = node.child(StringValue.of(name));
            if (rule == null || !rule.hasRules()) {
                return null;
            }
            List<Term> parts = new ArrayList<>();
            parts.add(new Term.Var("data", at));
            for (Value v : pkg) {
                parts.add(new Term.Scalar(v, at));
            }
            parts.add(new Term.Scalar(StringValue.of(name), at));
            return new Term.Ref(parts, at);
        }
    }
}
