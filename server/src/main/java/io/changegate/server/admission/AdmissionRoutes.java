package io.changegate.server.admission;

import io.changegate.constraints.admission.AdmissionReviewHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/admit}: the validating admission webhook. The API server authenticates the
 * webhook by its TLS certificate; the webhook does not ask the API server for a bearer token.
 */
public final class AdmissionRoutes implements HttpService {
    private final AdmissionReviewHandler handler;

    public AdmissionRoutes(AdmissionReviewHandler handler) {
        this.handler = handler;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::admit);
    }

    private void admit(ServerRequest request, ServerResponse response) {
        byte[] body = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
        AdmissionReviewHandler.Answer answer = handler.handle(body);
        response.status(Status.create(answer.status()));
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(answer.bytes());
    }
}
