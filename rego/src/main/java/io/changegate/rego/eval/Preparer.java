package io.changegate.rego.eval;

import io.changegate.rego.CompiledModules;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.ObjectValue;
import java.util.ArrayList;
import java.util.List;

/** Parses and compiles modules and a query into a {@link PreparedQuery}. */
public final class Preparer {
    private Preparer() {
    }

    public static PreparedQuery prepare(Rego.Builder builder, String query) throws RegoException {
        List<Module> modules = parseModules(builder);
        Body body = Parser.parseQuery(query);
        return prepare(modules, (ObjectValue) builder.data(), builder, body, query);
    }

    private static List<Module> parseModules(Rego.Builder builder) throws RegoException {
        List<Module> modules = new ArrayList<>();
        List<RegoError> parseErrors = new ArrayList<>();
        for (Rego.SourceFile f : builder.modules()) {
            RegoVersion v = f.version() != null ? f.version() : builder.defaultVersion();
            try {
                modules.add(Parser.parseModule(f.file(), f.source(), v));
            } catch (RegoException e) {
                parseErrors.addAll(e.errors());
            }
        }
        if (!parseErrors.isEmpty()) {
            throw new RegoException(parseErrors);
        }
        return modules;
    }

    private static PreparedQuery prepare(List<Module> modules, ObjectValue data, Rego.Builder builder, Body body,
                                         String queryText) throws RegoException {
        return planQuery(compileModules(modules, data, builder), data, body, queryText);
    }

    private static Compiler compileModules(List<Module> modules, ObjectValue data, Rego.Builder builder)
            throws RegoException {
        Compiler compiler = new Compiler(builder.builtinRegistry(), data);
        compiler.coverage = builder.coverage();
        for (Module m : modules) {
            compiler.addModule(m);
        }
        compiler.compileRules();
        if (!compiler.errors.isEmpty()) {
            throw new RegoException(compiler.sortedErrors());
        }
        return compiler;
    }

    private static PreparedQuery planQuery(Compiler compiler, ObjectValue data, Body body, String queryText)
            throws RegoException {
        BodyPlanner.QueryPlan plan;
        try {
            plan = new BodyPlanner(new Compiler.ModuleScope(compiler, null, List.of()), null).planQuery(body);
        } catch (Compiler.CompileError e) {
            compiler.error(e.error);
            throw new RegoException(compiler.sortedErrors());
        }
        if (!compiler.errors.isEmpty()) {
            throw new RegoException(compiler.sortedErrors());
        }
        return new CompiledQuery(plan, data, body, queryText);
    }

    // ------------------------------------------------ compile once, prepare many (Rego.Builder#compile)

    public static CompiledModules compile(Rego.Builder builder) throws RegoException {
        ObjectValue data = (ObjectValue) builder.data();
        return new Compiled(compileModules(parseModules(builder), data, builder), data);
    }

    /**
     * Compiled modules shared by the queries prepared from them. Planning a query only reads the
     * compiled rules, but records its errors (and caches builtin callables) in the compiler, so
     * queries are planned one at a time and each starts with no errors.
     */
    private record Compiled(Compiler compiler, ObjectValue data) implements CompiledModules {
        @Override
        public PreparedQuery prepare(String query) throws RegoException {
            Body body = Parser.parseQuery(query);
            synchronized (compiler) {
                try {
                    return planQuery(compiler, data, body, query);
                } finally {
                    compiler.errors.clear();
                }
            }
        }
    }
}
