package io.changegate.gate.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A time-boxed emergency bypass opened by an authorised person: while active, a denied decision
 * in its environment (for its artifacts, when listed) is allowed "by break-glass", still
 * evaluated and recorded, and leaves a retro-approval task open.
 *
 * @param id          identifier
 * @param environment the environment it opens
 * @param artifacts   the artifact digests it is limited to; empty for any
 * @param invokedBy   the authorised person who opened it
 * @param reason      why, e.g. the incident
 * @param ticket      the incident ticket, or null
 * @param opened      when it was opened
 * @param expires     when it closes by itself
 */
public record BreakGlass(String id, String environment, List<String> artifacts, String invokedBy, String reason,
                         String ticket, Instant opened, Instant expires) {
    public BreakGlass {
        artifacts = List.copyOf(artifacts);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(opened) && now.isBefore(expires);
    }

    public boolean covers(String env, List<String> digests) {
        return environment.equals(env) && (artifacts.isEmpty() || artifacts.containsAll(digests));
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("environment", environment);
        artifacts.forEach(json.putArray("artifacts")::add);
        json.put("invoked_by", invokedBy);
        json.put("reason", reason);
        json.put("ticket", ticket);
        json.put("opened", opened.toString());
        json.put("expires", expires.toString());
        return json;
    }

    public static BreakGlass fromJson(String source, JsonNode json) {
        try {
            List<String> artifacts = new ArrayList<>();
            json.path("artifacts").forEach(a -> artifacts.add(a.asText()));
            return new BreakGlass(ExceptionGrant.text(json, "id"), ExceptionGrant.text(json, "environment"), artifacts,
                    ExceptionGrant.text(json, "invoked_by"), ExceptionGrant.text(json, "reason"),
                    ExceptionGrant.text(json, "ticket"), ExceptionGrant.instant(json, "opened"),
                    ExceptionGrant.instant(json, "expires"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }
}
