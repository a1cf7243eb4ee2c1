package io.changegate.server.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.constraints.Fields;
import io.changegate.constraints.Review;
import io.changegate.constraints.admission.AdmissionCheck;
import io.changegate.evidence.store.StoreException;
import io.changegate.gate.ArtifactRef;
import io.changegate.gate.Decision;
import io.changegate.gate.DecisionService;
import io.changegate.gate.GateRequest;
import io.changegate.gate.Violation;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deployment gate at admission: the images of a Pod or of a workload's Pod template, when
 * referenced by digest, are judged by the same {@link DecisionService} as CI and the deploy API,
 * for the environment admission stands for. An image referenced by tag only cannot be matched to
 * its evidence, so the {@link TagPolicy} decides whether it is refused or admitted unchecked.
 *
 * <p>Findings are reported as {@code [gate:<policy>] message}; a Gatekeeper constraint name cannot
 * contain a colon, so they never look like a constraint's. The decision record's id goes into the
 * response's audit annotations. Deleting a workload is never judged.
 */
public final class ImageGate implements AdmissionCheck {
    /** The annotation on a workload (or its Pod template) naming its change ticket. */
    public static final String CHANGE_ANNOTATION = "changegate.io/change";
    /** The annotation naming who wrote the change, for separation of duties. */
    public static final String AUTHOR_ANNOTATION = "changegate.io/author";

    private static final Logger LOG = Logger.getLogger(ImageGate.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST_RULE = "gate:image-digest";

    private final DecisionService gate;
    private final String environment;
    private final TagPolicy tags;

    /** What to do with an image referenced by tag only (no {@code @sha256:…}). */
    public enum TagPolicy {
        /** Refuse it: the gate cannot tell which artifact a tag names. */
        DENY,
        /** Admit it without judging it, with a warning. */
        ALLOW;

        /** Parses {@code deny} or {@code allow}, naming {@code where} when it is neither. */
        public static TagPolicy parse(String text, String where) {
            for (TagPolicy policy : values()) {
                if (policy.name().equalsIgnoreCase(text)) {
                    return policy;
                }
            }
            throw new IllegalArgumentException(where + ": expected deny or allow, not '" + text + "'");
        }
    }

    public ImageGate(DecisionService gate, String environment, TagPolicy tags) {
        this.gate = Objects.requireNonNull(gate);
        this.environment = Objects.requireNonNull(environment);
        this.tags = Objects.requireNonNull(tags);
    }

    @Override
    public Outcome check(Review review) {
        ObjectValue request = review.request();
        String operation = Fields.string(request, "operation");
        if (operation.equals("DELETE") || operation.equals("CONNECT")
                || !(request.get("object") instanceof ObjectValue object)) {
            return Outcome.NONE;
        }
        Set<String> images = imagesOf(object);
        if (images.isEmpty()) {
            return Outcome.NONE;
        }
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<ArtifactRef> artifacts = new ArrayList<>();
        for (String image : images) {
            int at = image.lastIndexOf('@');
            if (at < 0) {
                if (tags == TagPolicy.DENY) {
                    denials.add("[" + DIGEST_RULE + "] image " + image + " is referenced by tag, not by digest; "
                            + environment + " admits images by digest only (" + image + "@sha256:…) so that their evidence can be checked");
                } else {
                    warnings.add("[" + DIGEST_RULE + "] image " + image
                            + " is referenced by tag only and was admitted without checking its evidence");
                }
                continue;
            }
            try {
                artifacts.add(ArtifactRef.of(image.substring(at + 1), image));
            } catch (IllegalArgumentException e) {
                denials.add("[" + DIGEST_RULE + "] image " + image + ": " + e.getMessage());
            }
        }
        if (artifacts.isEmpty()) {
            return new Outcome(denials, warnings, List.of(), Map.of());
        }
        Decision decision;
        try {
            decision = gate.decide(requestFor(review, object, operation, artifacts));
        } catch (DecisionService.GateFailure | IllegalArgumentException e) {
            LOG.warning("the gate could not judge an admission request: " + e.getMessage());
            return new Outcome(denials, warnings, List.of("the deployment gate could not decide: " + e.getMessage()), Map.of());
        } catch (StoreException e) {
            LOG.log(Level.SEVERE, "the evidence store failed during an admission request", e);
            return new Outcome(denials, warnings, List.of("the deployment gate could not decide: the evidence store is unavailable"), Map.of());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the gate failed on an admission request", e);
            return new Outcome(denials, warnings, List.of("the deployment gate failed; see the server log"), Map.of());
        }
        for (Violation v : decision.violations()) {
            if (v.blocks() && !decision.allowed()) {
                denials.add("[gate:" + v.policy() + "] " + v.msg());
            } else if (v.warns()) {
                warnings.add("[gate:" + v.policy() + "] " + v.msg());
            }
        }
        if (decision.allowed() && !"policy".equals(decision.allowedBy())) {
            warnings.add("[gate] " + decision.summary() + " (decision " + decision.id() + ")");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("changegate.io/decision-id", decision.id());
        annotations.put("changegate.io/decision", decision.summary());
        return new Outcome(denials, warnings, List.of(), annotations);
    }

    private GateRequest requestFor(Review review, ObjectValue object, String operation, List<ArtifactRef> artifacts) {
        ObjectValue request = review.request();
        ObjectNode kubernetes = JSON.createObjectNode();
        kubernetes.set("object", toJackson(object));
        kubernetes.put("operation", operation);
        ObjectValue template = podTemplateMetadata(object);
        String change = annotation(object, template, CHANGE_ANNOTATION);
        String author = annotation(object, template, AUTHOR_ANNOTATION);
        String deployer = Fields.string(request, "userInfo", "username");
        String namespace = Fields.string(request, "namespace");
        return new GateRequest(environment, artifacts, change, author, deployer, "admission",
                namespace.isEmpty() ? Fields.string(object, "metadata", "namespace") : namespace, kubernetes);
    }

    /** Every image of the Pod spec in {@code object}, in order, each once. */
    static Set<String> imagesOf(ObjectValue object) {
        Set<String> images = new LinkedHashSet<>();
        ObjectValue spec = podSpec(object);
        if (spec == null) {
            return images;
        }
        for (String field : List.of("containers", "initContainers", "ephemeralContainers")) {
            for (Value container : Fields.list(spec, field)) {
                String image = Fields.string(container, "image").strip();
                if (!image.isEmpty()) {
                    images.add(image);
                }
            }
        }
        return images;
    }

    /** The Pod spec of a Pod, of a CronJob's job template, or of any workload with {@code spec.template}, as the policy library reads it. */
    private static ObjectValue podSpec(ObjectValue object) {
        return switch (Fields.string(object, "kind")) {
            case "Pod" -> Fields.object(object, "spec");
            case "CronJob" -> Fields.object(object, "spec", "jobTemplate", "spec", "template", "spec");
            default -> Fields.object(object, "spec", "template", "spec");
        };
    }

    private static ObjectValue podTemplateMetadata(ObjectValue object) {
        return Fields.string(object, "kind").equals("CronJob")
                ? Fields.object(object, "spec", "jobTemplate", "spec", "template", "metadata")
                : Fields.object(object, "spec", "template", "metadata");
    }

    private static String annotation(ObjectValue object, ObjectValue templateMetadata, String name) {
        String own = Fields.string(object, "metadata", "annotations", name);
        return own.isBlank() && templateMetadata != null ? Fields.string(templateMetadata, "annotations", name) : own;
    }

    private static JsonNode toJackson(Value value) {
        try {
            return JSON.readTree(Json.write(value));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed value always writes as JSON", e);
        }
    }
}
