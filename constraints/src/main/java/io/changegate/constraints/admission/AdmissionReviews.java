package io.changegate.constraints.admission;

import io.changegate.constraints.ConstraintException;
import io.changegate.constraints.Fields;
import io.changegate.constraints.Review;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Reads AdmissionReview documents ({@code admission.k8s.io/v1} and {@code v1beta1}) into reviews. */
public final class AdmissionReviews {
    /** The API versions of AdmissionReview accepted, answered in the same version. */
    public static final List<String> API_VERSIONS = List.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

    private AdmissionReviews() {
    }

    /**
     * The review of an AdmissionReview's request.
     *
     * @throws ConstraintException naming every required field that is missing
     */
    public static Review reviewOf(Value admissionReview, String where) {
        if (!(admissionReview instanceof ObjectValue)) {
            throw new ConstraintException(where + ": expected an AdmissionReview object, found "
                    + (admissionReview == null ? "nothing" : admissionReview.typeName()));
        }
        String apiVersion = Fields.string(admissionReview, "apiVersion");
        if (!Fields.string(admissionReview, "kind").equals("AdmissionReview") || !API_VERSIONS.contains(apiVersion)) {
            throw new ConstraintException(where + ": expected kind AdmissionReview with apiVersion admission.k8s.io/v1,"
                    + " found kind \"" + Fields.string(admissionReview, "kind") + "\", apiVersion \"" + apiVersion + "\"");
        }
        if (!(Fields.at(admissionReview, "request") instanceof ObjectValue request)) {
            throw new ConstraintException(where + ": request is required");
        }
        if (!(request.get("object") instanceof ObjectValue) && !(request.get("oldObject") instanceof ObjectValue)) {
            throw new ConstraintException(where + ": request.object is required (request.oldObject for DELETE)");
        }
        return Review.ofRequest(request);
    }

    /**
     * Checks what a webhook needs beyond {@link #reviewOf}: {@code request.uid}, {@code request.kind}
     * and the object, listing every missing field at once.
     */
    static void requireWebhookFields(Value admissionReview) {
        ObjectValue request = Fields.object(admissionReview, "request");
        if (request == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!(request.get("uid") instanceof StringValue uid) || uid.value().isEmpty()) {
            missing.add("request.uid");
        }
        if (Fields.string(request, "kind", "kind").isEmpty()) {
            missing.add("request.kind");
        }
        if (!(request.get("object") instanceof ObjectValue) && !(request.get("oldObject") instanceof ObjectValue)) {
            missing.add("request.object");
        }
        if (!missing.isEmpty()) {
            throw new ConstraintException("invalid AdmissionReview: missing " + String.join(", ", missing));
        }
    }
}
