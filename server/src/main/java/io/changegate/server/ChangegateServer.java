package io.changegate.server;

import io.changegate.evidence.store.EvidenceService;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.StoreException;
import io.changegate.server.evidence.EvidenceRoutes;
import io.changegate.server.evidence.LogRoutes;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Changegate HTTP server: the evidence REST API and its log, on Helidon SE.
 *
 * <p>Each resource is a small {@link HttpService} registered under its path; more resources (the
 * admission webhook, the gate) are added the same way with {@link Builder#service}.
 */
public final class ChangegateServer {
    private static final Logger LOG = Logger.getLogger(ChangegateServer.class.getName());

    private final WebServer webServer;

    private ChangegateServer(WebServer webServer) {
        this.webServer = webServer;
    }

    /** A builder; a store and the API tokens are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening; returns this server.
     *
     * @throws IllegalStateException when it cannot listen (Helidon logs the cause and does not throw)
     */
    public ChangegateServer start() {
        webServer.start();
        if (!webServer.isRunning()) {
            throw new IllegalStateException("the server did not start: the address is in use or cannot be bound");
        }
        return this;
    }

    /** Stops listening and finishes in-flight requests. */
    public void stop() {
        webServer.stop();
    }

    /** The port the server listens on (the actual one when 0 was asked for). */
    public int port() {
        return webServer.port();
    }

    /** Configures a {@link ChangegateServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private EvidenceStore store;
        private EvidenceService evidenceService;
        private ApiTokens tokens;
        private final Map<String, Function<Access, HttpService>> extraServices = new LinkedHashMap<>();
        private javax.net.ssl.SSLContext tls;

        private Builder() {
        }

        /** The address to bind; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The evidence store served under /v1/evidence and /v1/log. */
        public Builder store(EvidenceStore store) {
            this.store = store;
            return this;
        }

        /** How submissions are read and verified; by default the standard readers without trust material. */
        public Builder evidenceService(EvidenceService evidenceService) {
            this.evidenceService = evidenceService;
            return this;
        }

        /** The accepted bearer tokens. */
        public Builder tokens(ApiTokens tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Adds a resource under {@code path}; it receives the server's {@link Access} guard. */
        public Builder service(String path, Function<Access, HttpService> service) {
            extraServices.put(path, service);
            return this;
        }

        /** Serves HTTPS only, with this TLS context (the admission webhook requires TLS). */
        public Builder tls(javax.net.ssl.SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /** Builds the server, not yet started. */
        public ChangegateServer build() {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(tokens, "tokens");
            EvidenceService service = evidenceService != null ? evidenceService : EvidenceService.standard(store);
            Access access = new Access(tokens);
            List<Map.Entry<String, HttpService>> services = new ArrayList<>();
            services.add(Map.entry("/v1/evidence", new EvidenceRoutes(service, access)));
            services.add(Map.entry("/v1/log", new LogRoutes(store, access)));
            extraServices.forEach((path, factory) -> services.add(Map.entry(path, factory.apply(access))));
            var webServerBuilder = WebServer.builder()
                    .host(host)
                    .port(port)
                    .shutdownHook(false)
                    .routing(routing -> route(routing, services));
            if (tls != null) {
                webServerBuilder.tls(t -> t.sslContext(tls));
            }
            WebServer webServer = webServerBuilder.build();
            return new ChangegateServer(webServer);
        }

        private static void route(HttpRouting.Builder routing, List<Map.Entry<String, HttpService>> services) {
            services.forEach(entry -> routing.register(entry.getKey(), entry.getValue()));
            routing.error(IllegalArgumentException.class, (request, response, e) ->
                    JsonResponses.error(response, Status.BAD_REQUEST_400, e.getMessage(), null));
            routing.error(StoreException.class, (request, response, e) -> {
                LOG.log(Level.SEVERE, "evidence store failure on " + request.path().path(), e);
                JsonResponses.error(response, Status.SERVICE_UNAVAILABLE_503,
                        "the evidence store is unavailable; try again later", null);
            });
            routing.error(Exception.class, (request, response, e) -> {
                LOG.log(Level.SEVERE, "unexpected failure on " + request.path().path(), e);
                JsonResponses.error(response, Status.INTERNAL_SERVER_ERROR_500, "internal error", null);
            });
        }
    }
}
