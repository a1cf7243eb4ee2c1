package io.changegate.constraints.admission;

import io.changegate.constraints.Constraint;
import io.changegate.constraints.ConstraintException;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.Fields;
import io.changegate.constraints.PolicySet;
import io.changegate.constraints.Review;
import io.changegate.constraints.ReviewResult;
import io.changegate.constraints.Violation;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers a validating-webhook call: an AdmissionReview in, an AdmissionReview out, as Gatekeeper
 * answers it. Violations of {@code deny} constraints refuse the request with every one listed as
 * {@code [constraint-name] message}; {@code warn} constraints become {@code warnings}; {@code dryrun}
 * ones never affect the answer. A template failing on the input refuses the request with code 500,
 * as Gatekeeper does. An {@link AdmissionCheck} (the deployment gate) may judge the same request;
 * its findings join the constraints'. Transport-free: the HTTP layer passes bytes in and sends
 * {@link Answer} out.
 */
public final class AdmissionReviewHandler {
    private final Supplier<PolicySet> policies;
    private final ExemptNamespaces exempt;
    private final AdmissionCheck alsoCheck;

    public AdmissionReviewHandler(Supplier<PolicySet> policies, ExemptNamespaces exempt) {
        this(policies, exempt, AdmissionCheck.NONE);
    }

    /** A handler that also asks {@code alsoCheck} (e.g. the deployment gate) about every review it answers. */
    public AdmissionReviewHandler(Supplier<PolicySet> policies, ExemptNamespaces exempt, AdmissionCheck alsoCheck) {
        this.policies = policies;
        this.exempt = exempt;
        this.alsoCheck = alsoCheck;
    }

    /**
     * The HTTP status and JSON body to send: 200 with an AdmissionReview, or 400 with
     * {@code {"error": …}} when the body is not a valid AdmissionReview.
     */
    public record Answer(int status, String json) {
        public byte[] bytes() {
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Handles one request body. */
    public Answer handle(byte[] body) {
        Value doc;
        try {
            doc = Json.parse(body);
        } catch (JsonException e) {
            return badRequest("the request body is not JSON: " + e.getMessage());
        }
        Review review;
        try {
            if (Fields.string(doc, "kind").equals("AdmissionReview")
                    && AdmissionReviews.API_VERSIONS.contains(Fields.string(doc, "apiVersion"))) {
                AdmissionReviews.requireWebhookFields(doc);
            }
            review = AdmissionReviews.reviewOf(doc, "AdmissionReview");
        } catch (ConstraintException e) {
            String message = e.getMessage();
            return badRequest(message.startsWith("invalid AdmissionReview") ? message : "invalid " + message);
        }
        return new Answer(200, Json.write(decide(doc, review)));
    }

    /** The AdmissionReview answering {@code request}, for callers that already parsed it. */
    public ObjectValue decide(Value admissionReview, Review review) {
        String uid = Fields.string(admissionReview, "request", "uid");
        ObjectValue.Builder response = ObjectValue.builder(5);
        response.put("uid", StringValue.of(uid));
        if (exempt.exempts(review)) {
            response.put("allowed", BooleanValue.TRUE);
        } else {
            ReviewResult result = policies.get().review(review, Constraint.WEBHOOK);
            AdmissionCheck.Outcome also = alsoCheck.check(review);
            List<String> errors = concat(result.errors(), also.errors());
            List<String> denials = concat(result.withAction("deny").stream().map(Violation::render).toList(), also.denials());
            List<String> warnings = concat(result.withAction("warn").stream().map(Violation::render).toList(), also.warnings());
            if (!errors.isEmpty()) {
                response.put("allowed", BooleanValue.FALSE);
                response.put("status", status(500, "InternalError", String.join("\n", errors)));
            } else if (!denials.isEmpty()) {
                response.put("allowed", BooleanValue.FALSE);
                response.put("status", status(403, "Forbidden", String.join("\n", denials)));
            } else {
                response.put("allowed", BooleanValue.TRUE);
                response.put("status", ObjectValue.of("code", NumberValue.of(200)));
            }
            if (!warnings.isEmpty()) {
                response.put("warnings", ArrayValue.of(warnings.stream().map(w -> (Value) StringValue.of(w)).toList()));
            }
            if (!also.auditAnnotations().isEmpty()) {
                ObjectValue.Builder annotations = ObjectValue.builder(also.auditAnnotations().size());
                new java.util.TreeMap<>(also.auditAnnotations()).forEach((k, v) -> annotations.put(k, StringValue.of(v)));
                response.put("auditAnnotations", annotations.build());
            }
        }
        return ObjectValue.of("apiVersion", StringValue.of(Fields.string(admissionReview, "apiVersion")),
                "kind", StringValue.of("AdmissionReview"), "response", response.build());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return second.isEmpty() ? first : java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static ObjectValue status(int code, String reason, String message) {
        return ObjectValue.of("code", NumberValue.of(code), "reason", StringValue.of(reason),
                "message", StringValue.of(message));
    }

    private static Answer badRequest(String message) {
        return new Answer(400, Json.write(ObjectValue.of("error", StringValue.of(message))));
    }
}
