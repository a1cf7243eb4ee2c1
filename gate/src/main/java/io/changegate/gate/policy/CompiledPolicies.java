package io.changegate.gate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.gate.Mode;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Annotation;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A policy bundle compiled for decisions: the policies it defines (every package under
 * {@code changegate.policies} with a {@code violation} rule) with their METADATA, the policy set
 * of each environment, and one prepared query per environment that evaluates exactly the
 * policies that are not {@code off} there. Immutable and thread-safe.
 */
public final class CompiledPolicies {
    private static final String PREFIX = "data.changegate.policies.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PolicyBundle bundle;
    private final Map<String, PolicyInfo> policies;
    private final Map<String, EnvironmentPolicySet> environments;
    private final Rego.Builder template;
    private final Map<String, PreparedQuery> queries = new ConcurrentHashMap<>();

    private CompiledPolicies(PolicyBundle bundle, Map<String, PolicyInfo> policies,
                             Map<String, EnvironmentPolicySet> environments, Rego.Builder template) {
        this.bundle = bundle;
        this.policies = policies;
        this.environments = environments;
        this.template = template;
    }

    /** Parses the bundle's modules, reads their METADATA and the environments; errors name the file. */
    public static CompiledPolicies compile(PolicyBundle bundle) throws RegoException {
        Map<String, PolicyInfo> policies = new TreeMap<>();
        ObjectNode data = bundle.data();
        Rego.Builder builder = Rego.builder().data(Json.parse(data.toString()));
        for (Map.Entry<String, String> module : bundle.modules().entrySet()) {
            Module parsed = Parser.parseModule(module.getKey(), module.getValue(), RegoVersion.V1);
            builder.module(module.getKey(), module.getValue());
            String pkg = dotted(parsed.pkg().path());
            boolean hasViolation = parsed.rules().stream().anyMatch(r -> "violation".equals(name(r)));
            if (pkg.startsWith(PREFIX) && hasViolation) {
                String id = pkg.substring(PREFIX.length());
                policies.put(id, info(id, parsed));
            }
        }
        Map<String, EnvironmentPolicySet> environments = new TreeMap<>();
        JsonNode envs = data.path("changegate").path("environments");
        envs.properties().forEach(e -> environments.put(e.getKey(),
                EnvironmentPolicySet.read(e.getKey(), e.getValue(), policies.keySet())));
        if (environments.isEmpty()) {
            throw new IllegalArgumentException(bundle.revision() + ": the bundle defines no environments"
                    + " (data.changegate.environments in a data.json)");
        }
        CompiledPolicies compiled = new CompiledPolicies(bundle, Map.copyOf(policies), Map.copyOf(environments), builder);
        // Compile every environment's query now, so that a broken policy fails the load, not a decision.
        for (String env : environments.keySet()) {
            compiled.query(env);
        }
        return compiled;
    }

    public PolicyBundle bundle() {
        return bundle;
    }

    public Map<String, PolicyInfo> policies() {
        return policies;
    }

    public Set<String> environmentNames() {
        return environments.keySet();
    }

    /** The policy set of an environment, or an error naming the environments there are. */
    public EnvironmentPolicySet environment(String name) {
        EnvironmentPolicySet set = environments.get(name);
        if (set == null) {
            throw new IllegalArgumentException("environment: unknown environment '" + name + "'; policy bundle "
                    + bundle.revision() + " defines " + String.join(", ", new TreeMap<>(environments).keySet()));
        }
        return set;
    }

    /**
     * Evaluates the environment's policies over {@code input} and returns the raw violations of
     * each policy that is not off, by policy id.
     */
    public Map<String, List<ObjectValue>> evaluate(String environment, Value input, long nowNanos) throws RegoException {
        Value result = query(environment).eval(input, io.changegate.rego.EvalOptions.DEFAULT.withNow(nowNanos))
                .getFirst().bindings().get("x");
        Map<String, List<ObjectValue>> byPolicy = new LinkedHashMap<>();
        ObjectValue all = (ObjectValue) result;
        for (int i = 0; i < all.size(); i++) {
            String id = ((StringValue) all.keyAt(i)).value();
            List<ObjectValue> violations = new ArrayList<>();
            for (Value v : ((io.changegate.rego.value.SetValue) all.valueAt(i)).asList()) {
                if (v instanceof ObjectValue o) {
                    violations.add(o);
                }
            }
            byPolicy.put(id, violations);
        }
        return byPolicy;
    }

    private PreparedQuery query(String environment) throws RegoException {
        PreparedQuery existing = queries.get(environment);
        if (existing != null) {
            return existing;
        }
        EnvironmentPolicySet set = environment(environment);
        String object = set.modes().entrySet().stream()
                .filter(e -> e.getValue() != Mode.OFF)
                .map(e -> Json.quote(e.getKey()) + ": " + PREFIX + e.getKey() + ".violation")
                .collect(Collectors.joining(", ", "x := {", "}"));
        Rego.Builder builder = Rego.builder().data(template.data());
        template.modules().forEach(m -> builder.module(m.file(), m.source()));
        PreparedQuery prepared = builder.prepare(object);
        queries.put(environment, prepared);
        return prepared;
    }

    private static PolicyInfo info(String id, Module module) {
        JsonNode meta = MAPPER.createObjectNode();
        for (Annotation annotation : module.annotations()) {
            if (annotation.scope().equals("package")) {
                try {
                    meta = MAPPER.readTree(Json.write(annotation.content()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        JsonNode custom = meta.path("custom");
        return new PolicyInfo(id, meta.path("title").asText(id), custom.path("owner").asText("unowned"),
                custom.path("severity").asText("medium"), custom.path("remediation").asText(""));
    }

    private static String name(Rule rule) {
        return rule.head().ref().parts().getFirst() instanceof Term.Var v ? v.name() : "";
    }

    private static String dotted(Term.Ref ref) {
        return ref.parts().stream().map(part -> switch (part) {
            case Term.Var v -> v.name();
            case Term.Scalar s when s.value() instanceof StringValue str -> str.value();
            default -> part.toString();
        }).collect(Collectors.joining("."));
    }
}
