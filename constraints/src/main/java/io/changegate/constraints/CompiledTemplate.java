package io.changegate.constraints;

import io.changegate.constraints.schema.OpenApiSchema;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template compiled once for one inventory: its {@code violation} query, prepared, and its
 * parameter schema. Immutable and safe to evaluate from many threads.
 */
public final class CompiledTemplate {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([^\\s#]+)");
    private static final Pattern VIOLATION = Pattern.compile("(?m)^\\s*violation(\\s*\\[|\\s+contains\\b|\\s+if\\b)");
    private static final BuiltinRegistry BUILTINS =
            BuiltinRegistry.standard().toBuilder().add(new ExternalDataBuiltin()).build();

    private final ConstraintTemplate template;
    private final OpenApiSchema schema;
    private final PreparedQuery violations;
    private final boolean referential;

    private CompiledTemplate(ConstraintTemplate template, PreparedQuery violations) {
        this.template = template;
        this.schema = template.schema() == null ? null : new OpenApiSchema(template.schema());
        this.violations = violations;
        this.referential = template.rego().contains("data.inventory")
                || template.libs().stream().anyMatch(l -> l.contains("data.inventory"));
    }

    /**
     * Compiles a template's Rego with {@code data.inventory} from {@code inventory}.
     *
     * @throws ConstraintException naming the template and carrying the Rego errors
     */
    public static CompiledTemplate compile(ConstraintTemplate template, Inventory inventory) {
        String at = template.source() + " (ConstraintTemplate " + template.name() + ")";
        Matcher pkg = PACKAGE.matcher(template.rego());
        if (!pkg.find()) {
            throw new ConstraintException(at + ": the Rego has no package declaration");
        }
        if (!VIOLATION.matcher(template.rego()).find()) {
            throw new ConstraintException(at + ": the Rego must define the rule violation[{\"msg\": msg}]");
        }
        Rego.Builder rego = Rego.builder().builtins(BUILTINS).regoVersion(template.regoVersion());
        rego.module(template.name() + "/rego.rego", template.rego(), template.regoVersion());
        List<String> libs = template.libs();
        for (int i = 0; i < libs.size(); i++) {
            Matcher lib = PACKAGE.matcher(libs.get(i));
            if (!lib.find() || !(lib.group(1).equals("lib") || lib.group(1).startsWith("lib."))) {
                throw new ConstraintException(at + ": libs[" + i + "] must declare a package under lib (package lib.…)");
            }
            rego.module(template.name() + "/libs/" + i + ".rego", libs.get(i), template.regoVersion());
        }
        if (inventory.value() != null) {
            rego.data(ObjectValue.of("inventory", inventory.value()));
        }
        try {
            return new CompiledTemplate(template, rego.prepare("data." + pkg.group(1) + ".violation"));
        } catch (RegoException e) {
            throw new ConstraintException(at + ": the Rego does not compile:\n" + e.getMessage());
        }
    }

    /** This template compiled against another inventory; itself when its Rego never reads the inventory. */
    public CompiledTemplate withInventory(Inventory inventory) {
        return referential ? compile(template, inventory) : this;
    }

    public ConstraintTemplate template() {
        return template;
    }

    /** Whether the Rego reads {@code data.inventory}. */
    public boolean referential() {
        return referential;
    }

    /** Schema errors of a constraint's parameters (Kubernetes' wording); empty when valid. */
    public List<String> validateParameters(Value parameters) {
        return schema == null ? List.of() : schema.validate(parameters, "spec.parameters");
    }

    /** The {@code violation} set for one input, or null when undefined. */
    Value violations(Value input) throws RegoException {
        return violations.evalValue(input);
    }
}
