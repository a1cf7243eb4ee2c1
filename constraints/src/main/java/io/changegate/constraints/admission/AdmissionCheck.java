package io.changegate.constraints.admission;

import io.changegate.constraints.Review;
import java.util.List;
import java.util.Map;

/**
 * A judgement made beside the constraints on the same admission request, such as the deployment
 * gate on a workload's images. Its denials, warnings and errors join the constraints' in the one
 * AdmissionReview answered; exempt namespaces are never checked.
 */
@FunctionalInterface
public interface AdmissionCheck {
    /** Checks nothing. */
    AdmissionCheck NONE = review -> Outcome.NONE;

    /** Judges one review; must not throw (failures are reported as {@link Outcome#errors}). */
    Outcome check(Review review);

    /**
     * What a check found.
     *
     * @param denials          each a line of the denial message, already in {@code [name] message} form
     * @param warnings         each a warning shown to the user, in the same form
     * @param errors           failures to judge; they refuse the request with code 500, as a failing template does
     * @param auditAnnotations added to the response's {@code auditAnnotations} (e.g. the id of a decision record)
     */
    record Outcome(List<String> denials, List<String> warnings, List<String> errors, Map<String, String> auditAnnotations) {
        public static final Outcome NONE = new Outcome(List.of(), List.of(), List.of(), Map.of());

        public Outcome {
            denials = List.copyOf(denials);
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
            auditAnnotations = Map.copyOf(auditAnnotations);
        }
    }
}
