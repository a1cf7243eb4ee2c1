package io.changegate.server.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.gate.ArtifactRef;
import io.changegate.gate.Decision;
import io.changegate.gate.DecisionJson;
import io.changegate.gate.DecisionService;
import io.changegate.gate.GateRequest;
import io.changegate.server.Access;
import io.changegate.server.ApiTokens;
import io.changegate.server.ChangegateServer;
import io.changegate.server.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/decisions}: the deploy API of the gate. A request in, the decision out — the same
 * {@link DecisionService} path as {@code changegate gate}, so the answer is the JSON that
 * {@code changegate gate --format json} prints, signed record included. The body:
 * <pre>{"environment": "prod", "artifacts": [{"digest": "sha256:…", "name": "registry/app"} or "[NAME@]sha256:…"],
 *  "change": "JIRA-123", "author": "alice", "deployer": "bob", "source": "ci|api", "namespace": "payments"}</pre>
 * Without {@code deployer}, the caller's team is the deployer. Requires the {@code decision:write} scope.
 */
public final class DecisionRoutes implements HttpService {
    /** The largest request accepted, in bytes. */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("environment", "artifacts", "change", "author", "deployer", "source", "namespace");
    private static final Set<String> SOURCES = Set.of("ci", "api");

    private final DecisionService gate;
    private final Access access;

    public DecisionRoutes(DecisionService gate, Access access) {
        this.gate = gate;
        this.access = access;
    }

    /** Adds {@code /v1/decisions}, answered by {@code gate}, to a server. */
    public static ChangegateServer.Builder install(ChangegateServer.Builder server, DecisionService gate) {
        return server.service("/v1/decisions", access -> new DecisionRoutes(gate, access));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", access.requiring(ApiTokens.DECISION_WRITE, this::decide));
    }

    private void decide(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) throws IOException {
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            JsonResponses.error(response, Status.REQUEST_ENTITY_TOO_LARGE_413,
                    "the request is larger than " + MAX_REQUEST_BYTES + " bytes", null);
            return;
        }
        GateRequest gateRequest;
        try {
            gateRequest = read(body, caller);
        } catch (BadRequest e) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, e.getMessage(), e.field);
            return;
        }
        Decision decision;
        try {
            decision = gate.decide(gateRequest);
        } catch (IllegalArgumentException e) {
            // The policies cannot judge this request, e.g. an environment no policy set defines.
            String message = e.getMessage() == null ? "the request cannot be judged" : e.getMessage();
            int colon = message.indexOf(':');
            String field = colon > 0 && FIELDS.contains(message.substring(0, colon)) ? message.substring(0, colon) : null;
            JsonResponses.error(response, Status.BAD_REQUEST_400, message, field);
            return;
        } catch (DecisionService.GateFailure e) {
            JsonResponses.error(response, Status.INTERNAL_SERVER_ERROR_500, "the gate could not decide: " + e.getMessage(), null);
            return;
        }
        JsonResponses.send(response, Status.OK_200, DecisionJson.write(decision, true));
    }

    /** Reads the request body, naming the field at fault. */
    static GateRequest read(byte[] body, ApiTokens.Caller caller) throws BadRequest {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            int detail = problem.indexOf(" (for ");
            var at = e.getLocation();
            throw new BadRequest("the request body is not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": " + (detail > 0 ? problem.substring(0, detail) : problem), null);
        } catch (IOException e) {
            throw new BadRequest("the request body cannot be read: " + e.getMessage(), null);
        }
        if (json == null || !json.isObject()) {
            throw new BadRequest("expected a JSON object {\"environment\": …, \"artifacts\": […]}", null);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequest("unknown field '" + name + "'; expected " + String.join(", ", new java.util.TreeSet<>(FIELDS)), name);
            }
        }
        String environment = text(json, "environment", "");
        if (environment == null) {
            throw new BadRequest("a target environment is required, e.g. \"environment\": \"prod\"", "environment");
        }
        JsonNode list = json.get("artifacts");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new BadRequest("at least one artifact is required, e.g. \"artifacts\": [{\"digest\": \"sha256:…\"}]", "artifacts");
        }
        List<ArtifactRef> artifacts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            artifacts.add(artifact(list.get(i), "artifacts[" + i + "]"));
        }
        String source = text(json, "source", "");
        if (source != null && !SOURCES.contains(source)) {
            throw new BadRequest("expected ci or api, not '" + source + "'", "source");
        }
        String deployer = text(json, "deployer", "");
        return new GateRequest(environment, artifacts, text(json, "change", ""), text(json, "author", ""),
                deployer != null ? deployer : caller.team(), source != null ? source : "api", text(json, "namespace", ""), null);
    }

    private static ArtifactRef artifact(JsonNode node, String where) throws BadRequest {
        String digest;
        String name;
        if (node.isTextual()) {
            int at = node.asText().lastIndexOf('@');
            digest = at < 0 ? node.asText() : node.asText().substring(at + 1);
            name = at < 0 ? null : node.asText();
        } else if (node.isObject()) {
            digest = text(node, "digest", where + ".");
            name = text(node, "name", where + ".");
            if (digest == null) {
                throw new BadRequest("an artifact needs its digest, e.g. {\"digest\": \"sha256:…\"}", where + ".digest");
            }
        } else {
            throw new BadRequest("expected {\"digest\": \"sha256:…\", \"name\": …} or \"[NAME@]sha256:…\"", where);
        }
        try {
            return ArtifactRef.of(digest, name);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage(), node.isObject() ? where + ".digest" : where);
        }
    }

    private static String text(JsonNode json, String field, String prefix) throws BadRequest {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest("expected a string, found " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                    prefix + field);
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    /** A request that cannot be read, with the field at fault (null for the whole body). */
    static final class BadRequest extends Exception {
        final String field;

        BadRequest(String message, String field) {
            super(message);
            this.field = field;
        }
    }
}
