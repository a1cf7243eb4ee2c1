package io.changegate.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Guards handlers with bearer-token scopes: 401 without a valid token, 403 without the scope. */
public final class Access {
    private final ApiTokens tokens;

    public Access(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** A handler that runs {@code handler} only for callers holding {@code scope}. */
    public Handler requiring(String scope, ScopedHandler handler) {
        return (request, response) -> {
            String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
            var caller = tokens.authenticate(header);
            if (caller.isEmpty()) {
                response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                JsonResponses.error(response, Status.UNAUTHORIZED_401, header == null
                        ? "authentication required: send Authorization: Bearer <token>"
                        : "the bearer token is not valid", null);
                return;
            }
            if (!caller.get().may(scope)) {
                JsonResponses.error(response, Status.FORBIDDEN_403,
                        "the token of team " + caller.get().team() + " lacks the scope " + scope, null);
                return;
            }
            handler.handle(request, response, caller.get());
        };
    }

    /** A handler that also receives the authenticated caller. */
    @FunctionalInterface
    public interface ScopedHandler {
        void handle(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) throws Exception;
    }
}
