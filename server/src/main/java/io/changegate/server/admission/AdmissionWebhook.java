package io.changegate.server.admission;

import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.PolicyStore;
import io.changegate.constraints.admission.AdmissionCheck;
import io.changegate.constraints.admission.AdmissionReviewHandler;
import io.changegate.server.ChangegateServer;

/** Wires the admission webhook ({@code /v1/admit}) and its policy API ({@code /v1/policies}) into a server. */
public final class AdmissionWebhook {
    private AdmissionWebhook() {
    }

    /** Adds the webhook's routes, evaluating whatever {@code store} serves at each request. */
    public static ChangegateServer.Builder install(ChangegateServer.Builder server, PolicyStore store,
                                                   ExemptNamespaces exempt) {
        return install(server, store, exempt, AdmissionCheck.NONE);
    }

    /** Adds the webhook's routes; {@code alsoCheck} (the deployment gate) judges each request beside the constraints. */
    public static ChangegateServer.Builder install(ChangegateServer.Builder server, PolicyStore store,
                                                   ExemptNamespaces exempt, AdmissionCheck alsoCheck) {
        AdmissionReviewHandler handler = new AdmissionReviewHandler(store::current, exempt, alsoCheck);
        return server.service("/v1/admit", access -> new AdmissionRoutes(handler))
                .service("/v1/policies", access -> new PolicyRoutes(store, access));
    }
}
