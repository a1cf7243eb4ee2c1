package io.changegate.server.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.constraints.CompiledTemplate;
import io.changegate.constraints.Constraint;
import io.changegate.constraints.ConstraintException;
import io.changegate.constraints.PolicySet;
import io.changegate.constraints.PolicyStore;
import io.changegate.constraints.yaml.KubeYaml;
import io.changegate.constraints.yaml.ManifestException;
import io.changegate.server.Access;
import io.changegate.server.ApiTokens;
import io.changegate.server.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /v1/policies}: the admission templates and constraints being served. {@code POST /}
 * applies ConstraintTemplates and constraints (YAML or JSON, several documents at once, templates
 * first); a template that does not compile is refused with its errors and the previous version
 * keeps serving.
 */
public final class PolicyRoutes implements HttpService {
    private final PolicyStore store;
    private final Access access;

    public PolicyRoutes(PolicyStore store, Access access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", access.requiring(ApiTokens.POLICY_WRITE, this::apply))
                .get("/templates", access.requiring(ApiTokens.POLICY_READ, this::templates))
                .get("/constraints", access.requiring(ApiTokens.POLICY_READ, this::constraints))
                .delete("/templates/{kind}", access.requiring(ApiTokens.POLICY_WRITE, this::deleteTemplate))
                .delete("/constraints/{kind}/{name}", access.requiring(ApiTokens.POLICY_WRITE, this::deleteConstraint));
    }

    private void apply(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        String text = request.content().hasEntity()
                ? new String(request.content().as(byte[].class), StandardCharsets.UTF_8) : "";
        List<KubeYaml.Document> docs;
        try {
            docs = KubeYaml.parse("request body", text);
        } catch (ManifestException e) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, e.getMessage(), "body");
            return;
        }
        if (docs.isEmpty()) {
            JsonResponses.error(response, Status.BAD_REQUEST_400,
                    "the body holds no document: send a ConstraintTemplate or a constraint (YAML or JSON)", "body");
            return;
        }
        // Templates first, so that one request can carry a template and its constraints.
        List<KubeYaml.Document> ordered = new java.util.ArrayList<>(docs);
        ordered.sort(java.util.Comparator.comparing(d -> io.changegate.constraints.ConstraintTemplate.isTemplate(d.value()) ? 0 : 1));
        ObjectNode body = JsonResponses.object();
        ArrayNode applied = body.putArray("applied");
        for (KubeYaml.Document doc : ordered) {
            try {
                store.apply(doc);
            } catch (ConstraintException e) {
                body.put("error", e.getMessage());
                body.put("field", (String) null);
                JsonResponses.send(response, Status.create(422, "Unprocessable Entity"), body);
                return;
            }
            applied.add(io.changegate.constraints.Fields.string(doc.value(), "kind") + "/"
                    + io.changegate.constraints.Fields.string(doc.value(), "metadata", "name"));
        }
        JsonResponses.send(response, Status.OK_200, body);
    }

    private void templates(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        PolicySet set = store.current();
        ObjectNode body = JsonResponses.object();
        ArrayNode items = body.putArray("templates");
        for (CompiledTemplate t : set.templates()) {
            ObjectNode item = items.addObject();
            item.put("name", t.template().name());
            item.put("kind", t.template().kind());
            item.put("source", t.template().source());
            item.put("constraints", set.constraints().stream().filter(c -> c.kind().equals(t.template().kind())).count());
        }
        JsonResponses.send(response, Status.OK_200, body);
    }

    private void constraints(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        ObjectNode body = JsonResponses.object();
        ArrayNode items = body.putArray("constraints");
        for (Constraint c : store.current().constraints()) {
            ObjectNode item = items.addObject();
            item.put("kind", c.kind());
            item.put("name", c.name());
            item.put("enforcementAction", c.enforcementAction());
        }
        JsonResponses.send(response, Status.OK_200, body);
    }

    private void deleteTemplate(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        String kind = request.path().pathParameters().get("kind");
        if (!store.deleteTemplate(kind)) {
            JsonResponses.error(response, Status.NOT_FOUND_404, "no template of kind " + kind, "kind");
            return;
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    private void deleteConstraint(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        String kind = request.path().pathParameters().get("kind");
        String name = request.path().pathParameters().get("name");
        if (!store.deleteConstraint(kind, name)) {
            JsonResponses.error(response, Status.NOT_FOUND_404, "no constraint " + kind + "/" + name, "name");
            return;
        }
        response.status(Status.NO_CONTENT_204).send();
    }
}
