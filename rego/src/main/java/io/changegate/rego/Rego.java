package io.changegate.rego;

import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedding entry point: collect modules and base data, compile once, then evaluate a
 * prepared query many times, from many threads.
 *
 * <pre>{@code
 * PreparedQuery q = Rego.builder()
 *         .module("policy.rego", source)
 *         .prepare("data.k8s.admission.response");
 * Value response = q.evalValue(input);
 * }</pre>
 */
public final class Rego {
    private Rego() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects what a query needs; not thread-safe, used once. */
    public static final class Builder {
        final List<SourceFile> modules = new ArrayList<>();
        Value data = ObjectValue.EMPTY;
        RegoVersion defaultVersion = RegoVersion.V1;
        BuiltinRegistry builtins = BuiltinRegistry.standard();
        boolean coverage;

        private Builder() {
        }

        /** Adds a module in the builder's default Rego version. */
        public Builder module(String file, String source) {
            modules.add(new SourceFile(file, source, null));
            return this;
        }

        /** Adds a module in an explicit Rego version (Gatekeeper templates are v0). */
        public Builder module(String file, String source, RegoVersion version) {
            modules.add(new SourceFile(file, source, version));
            return this;
        }

        /** The version of modules added without an explicit one; V1 unless set. */
        public Builder regoVersion(RegoVersion version) {
            this.defaultVersion = version;
            return this;
        }

        /** The base document {@code data}; must be an object. */
        public Builder data(Value data) {
            if (!(data instanceof ObjectValue)) {
                throw new IllegalArgumentException("data must be an object, got " + data.typeName());
            }
            this.data = data;
            return this;
        }

        public Builder builtins(BuiltinRegistry registry) {
            this.builtins = registry;
            return this;
        }

        /**
         * Plans the query so that evaluations report coverage to {@link EvalOptions#coverage()};
         * off by default, since it costs a little on every expression.
         */
        public Builder coverage(boolean on) {
            this.coverage = on;
            return this;
        }

        public boolean coverage() {
            return coverage;
        }

        /**
         * Parses and compiles the modules and the query.
         *
         * @throws RegoException with {@code rego_parse_error}, {@code rego_compile_error},
         *                       {@code rego_unsafe_var_error}, … as OPA reports them
         */
        public PreparedQuery prepare(String query) throws RegoException {
            return io.changegate.rego.eval.Preparer.prepare(this, query);
        }

        /**
         * Parses and compiles the modules once, for preparing many queries against them.
         *
         * @throws RegoException with the modules' parse and compile errors, as {@link #prepare(String)} reports them
         */
        public CompiledModules compile() throws RegoException {
            return io.changegate.rego.eval.Preparer.compile(this);
        }

        public List<SourceFile> modules() {
            return List.copyOf(modules);
        }

        public Value data() {
            return data;
        }

        public RegoVersion defaultVersion() {
            return defaultVersion;
        }

        public BuiltinRegistry builtinRegistry() {
            return builtins;
        }
    }

    /** A module's source text; version null means the builder's default. */
    public record SourceFile(String file, String source, RegoVersion version) {
    }
}
