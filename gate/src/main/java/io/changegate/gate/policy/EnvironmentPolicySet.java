package io.changegate.gate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.gate.Mode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy set of one environment, from the bundle's {@code data.changegate.environments.<name>}:
 * a default mode, and per policy a mode and parameters.
 *
 * @param name    the environment
 * @param modes   the mode of every policy of the bundle in this environment
 * @param params  parameters per policy id, given to policies as {@code input.params}
 */
public record EnvironmentPolicySet(String name, Map<String, Mode> modes, ObjectNode params) {
    public EnvironmentPolicySet {
        modes = Map.copyOf(modes);
    }

    static EnvironmentPolicySet read(String name, JsonNode config, Iterable<String> policyIds) {
        String where = "data.changegate.environments." + name;
        Mode fallback = Mode.parse(config.path("default_mode").asText("enforce"), where + ".default_mode");
        Map<String, Mode> modes = new LinkedHashMap<>();
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        JsonNode policies = config.path("policies");
        for (String id : policyIds) {
            JsonNode policy = policies.path(id);
            modes.put(id, policy.has("mode") ? Mode.parse(policy.get("mode").asText(), where + ".policies." + id + ".mode") : fallback);
            if (policy.path("params").isObject()) {
                params.set(id, policy.get("params"));
            }
        }
        policies.fieldNames().forEachRemaining(id -> {
            if (!modes.containsKey(id)) {
                throw new IllegalArgumentException(where + ".policies." + id + ": no policy " + id + " in the bundle");
            }
        });
        return new EnvironmentPolicySet(name, modes, params);
    }
}
