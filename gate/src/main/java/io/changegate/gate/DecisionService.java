package io.changegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.log.SignedCheckpoint;
import io.changegate.evidence.store.CanonicalJson;
import io.changegate.evidence.store.EvidenceItem;
import io.changegate.evidence.store.EvidenceLeaf;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.IngestResult;
import io.changegate.evidence.store.NewEvidence;
import io.changegate.evidence.store.SubjectDigest;
import io.changegate.evidence.store.VerificationStatus;
import io.changegate.gate.approval.Approval;
import io.changegate.gate.approval.ApprovalProvider;
import io.changegate.gate.governance.BreakGlass;
import io.changegate.gate.governance.ExceptionGrant;
import io.changegate.gate.governance.GovernanceRegistry;
import io.changegate.gate.governance.RetroApproval;
import io.changegate.gate.policy.CompiledPolicies;
import io.changegate.gate.policy.EnvironmentPolicySet;
import io.changegate.gate.policy.PolicyBundle;
import io.changegate.gate.policy.PolicyInfo;
import io.changegate.gate.record.DecisionRecords;
import io.changegate.gate.record.DecisionSigner;
import io.changegate.rego.RegoException;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one decision path: CI ({@code changegate gate}), the deploy API ({@code POST /v1/decisions})
 * and the admission webhook all call {@link #decide}. It gathers the evidence about each artifact,
 * asks the approval provider about the change, applies the environment's policy set, waives what
 * active exceptions cover, lets an active break-glass allow what would be denied, and records the
 * signed decision in the evidence log. {@link #replay} and {@link #verify} check such records.
 * Thread-safe.
 */
public final class DecisionService {
    private static final int PAGE = EvidenceStore.MAX_PAGE;

    private final Supplier<CompiledPolicies> policies;
    private final EvidenceStore store;
    private final ApprovalProvider approvals;
    private final GovernanceRegistry governance;
    private final DecisionSigner signer;
    private final Clock clock;
    private final Set<String> storedBundles = ConcurrentHashMap.newKeySet();
    private final Map<String, CompiledPolicies> replayBundles = new ConcurrentHashMap<>();

    /**
     * @param policies   the current policies (a repository's {@code current()}, which may change on reload)
     * @param store      where evidence is read and decision records are appended
     * @param approvals  the change system
     * @param governance exceptions, break-glass and retro-approvals
     * @param signer     signs decision records
     */
    public DecisionService(Supplier<CompiledPolicies> policies, EvidenceStore store, ApprovalProvider approvals,
                           GovernanceRegistry governance, DecisionSigner signer, Clock clock) {
        this.policies = Objects.requireNonNull(policies);
        this.store = Objects.requireNonNull(store);
        this.approvals = Objects.requireNonNull(approvals);
        this.governance = Objects.requireNonNull(governance);
        this.signer = Objects.requireNonNull(signer);
        this.clock = Objects.requireNonNull(clock);
    }

    public DecisionSigner signer() {
        return signer;
    }

    public GovernanceRegistry governance() {
        return governance;
    }

    public CompiledPolicies policies() {
        return policies.get();
    }

    /**
     * Decides a request and appends its signed record to the evidence log.
     *
     * @throws IllegalArgumentException for a request the policies cannot judge (unknown environment)
     * @throws GateFailure              when the policies fail to evaluate
     */
    public Decision decide(GateRequest request) {
        CompiledPolicies compiled = policies.get();
        EnvironmentPolicySet set = compiled.environment(request.environment());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<ArtifactRef, List<EvidenceItem>> evidence = gatherEvidence(request.artifacts());
        List<Approval> checked = request.change() == null ? List.of() : List.of(approvals.check(request.change()));
        List<ExceptionGrant> active = governance.exceptions().stream()
                .filter(e -> e.activeAt(now))
                .filter(e -> e.environment() == null || e.environment().equals(request.environment()))
                .toList();
        List<BreakGlass> glass = governance.breakGlasses().stream().filter(g -> g.activeAt(now)).toList();
        Outcome outcome = evaluate(compiled, set, request, evidence, checked, active, glass, now);
        String id = UUID.randomUUID().toString();
        Decision decision = outcome.decision(id, request, checked, compiled.bundle(), now);
        if (outcome.breakGlass() != null) {
            RetroApproval task = governance.raiseRetroApproval(id, outcome.breakGlass());
            decision = decision.withRetroApproval(task);
        }
        return record(decision, outcome, active, compiled.bundle());
    }

    /** What evaluating a request gave, before it gets an id and a record. */
    record Outcome(Result result, String allowedBy, List<Violation> violations, List<ExceptionGrant> used,
                   BreakGlass breakGlass, String inputDigest, List<EvidenceItem> consulted) {
        Decision decision(String id, GateRequest request, List<Approval> approvals, PolicyBundle bundle, Instant now) {
            return new Decision(id, request, result, allowedBy, violations, approvals, used, breakGlass, null,
                    inputDigest, bundle.revision(), bundle.hash(), consulted.stream().map(EvidenceItem::id).toList(),
                    now, null);
        }
    }

    private Outcome evaluate(CompiledPolicies compiled, EnvironmentPolicySet set, GateRequest request,
                             Map<ArtifactRef, List<EvidenceItem>> evidence, List<Approval> checked,
                             List<ExceptionGrant> activeExceptions, List<BreakGlass> activeGlass, Instant now) {
        DecisionInput.Built input = DecisionInput.build(request, evidence, checked, activeExceptions, set.params(), now);
        Map<String, List<ObjectValue>> raw;
        try {
            raw = compiled.evaluate(set.name(), Json.parse(input.canonical()), now.getEpochSecond() * 1_000_000_000L + now.getNano());
        } catch (RegoException e) {
            throw new GateFailure("policy evaluation failed (" + compiled.bundle().revision() + "): " + e.getMessage(), e);
        }
        Map<String, String> names = new LinkedHashMap<>();
        request.artifacts().forEach(a -> names.put(a.digest().toString(), a.name()));
        List<Violation> violations = new ArrayList<>();
        Set<ExceptionGrant> used = new LinkedHashSet<>();
        raw.forEach((policyId, list) -> {
            PolicyInfo info = compiled.policies().get(policyId);
            Mode mode = set.modes().get(policyId);
            for (ObjectValue v : list) {
                String artifact = text(v, "artifact", null);
                Violation violation = new Violation(policyId, info.owner(), text(v, "msg", "(the policy gave no message)"),
                        text(v, "severity", info.severity()), text(v, "remediation", info.remediation()), mode, artifact, null);
                Optional<ExceptionGrant> waiver = activeExceptions.stream()
                        .filter(e -> e.covers(policyId, artifact, artifact == null ? null : names.get(artifact),
                                request.environment(), request.namespace()))
                        .findFirst();
                if (waiver.isPresent() && mode != Mode.DRYRUN) {
                    violation = violation.withException(waiver.get().id());
                    used.add(waiver.get());
                }
                violations.add(violation);
            }
        });
        violations.sort(Comparator.comparing(Violation::policy).thenComparing(v -> v.artifact() == null ? "" : v.artifact())
                .thenComparing(Violation::msg));
        boolean blocks = violations.stream().anyMatch(Violation::blocks);
        boolean warns = violations.stream().anyMatch(Violation::warns);
        Result result;
        String allowedBy = null;
        BreakGlass glass = null;
        if (blocks) {
            List<String> digests = request.artifacts().stream().map(a -> a.digest().toString()).toList();
            glass = activeGlass.stream().filter(g -> g.covers(request.environment(), digests)).findFirst().orElse(null);
            result = glass == null ? Result.DENY : Result.ALLOW;
            allowedBy = glass == null ? null : "break-glass";
        } else {
            result = warns ? Result.WARN : Result.ALLOW;
            boolean waived = violations.stream().anyMatch(v -> v.exception() != null && v.mode() == Mode.ENFORCE);
            allowedBy = waived ? "exception" : "policy";
        }
        List<EvidenceItem> consulted = evidence.values().stream().flatMap(List::stream)
                .filter(item -> DecisionInput.kindOf(item) != null).toList();
        return new Outcome(result, allowedBy, violations, List.copyOf(used), glass, input.digest(), consulted);
    }

    private Decision record(Decision decision, Outcome outcome, List<ExceptionGrant> activeExceptions, PolicyBundle bundle) {
        storeBundle(bundle);
        ObjectNode statement = DecisionRecords.statement(decision, outcome.consulted());
        ObjectNode extension = (ObjectNode) statement.path("predicate").path("changegate");
        ArrayNode inputExceptions = extension.putArray("input_exceptions");
        activeExceptions.forEach(e -> inputExceptions.add(e.toJson()));
        byte[] envelope = DecisionRecords.envelope(statement, signer);
        ArtifactRef first = decision.request().artifacts().getFirst();
        IngestResult stored = store.ingest(new NewEvidence(first.digest(), first.name(), DecisionInput.DECISION_TYPE,
                statement, envelope, "changegate-gate",
                new VerificationStatus(VerificationStatus.State.VERIFIED, "signed by decision key " + signer.keyId())));
        return decision.withRecord(new Decision.RecordRef(stored.item().id(), stored.item().leafIndex(), envelope));
    }

    /** Stores the policy bundle's snapshot once, so every record's policy can be fetched for replay. */
    private void storeBundle(PolicyBundle bundle) {
        if (storedBundles.contains(bundle.hash())) {
            return;
        }
        ObjectNode predicate = JsonNodeFactory.instance.objectNode();
        predicate.put("revision", bundle.revision());
        predicate.put("hash", bundle.hash());
        bundle.files().keySet().forEach(predicate.putArray("files")::add);
        store.ingest(new NewEvidence(new SubjectDigest("sha256", bundle.hash()), "policy bundle " + bundle.revision(),
                DecisionInput.POLICY_BUNDLE_TYPE, predicate, bundle.snapshot(), "changegate-gate", VerificationStatus.unsigned()));
        storedBundles.add(bundle.hash());
    }

    private Map<ArtifactRef, List<EvidenceItem>> gatherEvidence(List<ArtifactRef> artifacts) {
        Map<ArtifactRef, List<EvidenceItem>> evidence = new LinkedHashMap<>();
        for (ArtifactRef artifact : artifacts) {
            List<EvidenceItem> items = new ArrayList<>();
            long after = -1;
            while (true) {
                // The gate's own records about the artifact grow with every decision: leave them out in the query.
                List<EvidenceItem> page = store.list(artifact.digest(), after, PAGE,
                        java.util.Set.of(DecisionInput.DECISION_TYPE, DecisionInput.POLICY_BUNDLE_TYPE));
                items.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
                after = page.getLast().leafIndex();
            }
            evidence.put(artifact, items);
        }
        return evidence;
    }

    /** The outcome of replaying a record. */
    public record ReplayReport(boolean same, String recordedResult, String replayedResult, String recordedInputDigest,
                               String replayedInputDigest, List<String> differences) {
        public ReplayReport {
            differences = List.copyOf(differences);
        }
    }

    /**
     * Re-evaluates a recorded decision with the policy bundle, evidence items, approvals,
     * exceptions, break-glass and time it recorded, and compares the outcome.
     */
    public ReplayReport replay(byte[] envelope) {
        DecisionRecords.Opened opened = DecisionRecords.open(envelope, null);
        JsonNode recorded = opened.changegate();
        JsonNode predicate = opened.statement().path("predicate");
        String hash = predicate.path("policy").path("digest").path("sha256").asText();
        CompiledPolicies compiled = replayBundles.computeIfAbsent(hash, this::loadRecordedBundle);
        GateRequest request = DecisionInput.readRequest(recorded.path("request"));
        Instant time = Instant.parse(recorded.path("time").asText());
        List<String> differences = new ArrayList<>();
        Map<ArtifactRef, List<EvidenceItem>> evidence = new LinkedHashMap<>();
        request.artifacts().forEach(a -> evidence.put(a, new ArrayList<>()));
        for (JsonNode input : predicate.path("inputAttestations")) {
            String id = input.path("uri").asText().replaceFirst("^changegate:evidence/", "");
            Optional<EvidenceItem> item = store.find(id);
            if (item.isEmpty()) {
                differences.add("evidence " + id + " is no longer in the store");
                continue;
            }
            if (!item.get().predicateSha256().equals(input.path("digest").path("sha256").asText())) {
                differences.add("evidence " + id + " no longer has the recorded digest");
            }
            evidence.entrySet().stream().filter(e -> e.getKey().digest().equals(item.get().subject())).findFirst()
                    .ifPresent(e -> e.getValue().add(item.get()));
        }
        evidence.values().forEach(list -> list.sort(Comparator.comparingLong(EvidenceItem::leafIndex)));
        List<Approval> checked = new ArrayList<>();
        recorded.path("approvals").forEach(a -> checked.add(Approval.fromJson(a)));
        List<ExceptionGrant> exceptions = new ArrayList<>();
        recorded.path("input_exceptions").forEach(e -> exceptions.add(ExceptionGrant.fromJson("record", e)));
        List<BreakGlass> glass = recorded.path("break_glass").isObject()
                ? List.of(BreakGlass.fromJson("record", recorded.path("break_glass"))) : List.of();
        Outcome outcome = evaluate(compiled, compiled.environment(request.environment()), request, evidence, checked,
                exceptions, glass, time);
        Decision replayed = outcome.decision(recorded.path("decision_id").asText(), request, checked, compiled.bundle(), time);
        JsonNode expected = DecisionJson.comparable(recorded);
        ObjectNode actual = (ObjectNode) DecisionJson.comparable(DecisionJson.write(replayed, false));
        for (String field : List.of("result", "allowed_by", "violations", "exceptions", "input_digest", "policy", "evidence")) {
            if (!Objects.equals(expected.get(field), actual.get(field))) {
                differences.add(field + ": recorded " + abbreviate(expected.get(field)) + ", replayed " + abbreviate(actual.get(field)));
            }
        }
        return new ReplayReport(differences.isEmpty(), recorded.path("result").asText(), replayed.result().label(),
                recorded.path("input_digest").asText(), outcome.inputDigest(), differences);
    }

    private CompiledPolicies loadRecordedBundle(String hash) {
        SubjectDigest subject = new SubjectDigest("sha256", hash);
        EvidenceItem item = store.list(subject, -1, PAGE).stream()
                .filter(i -> i.type().equals(DecisionInput.POLICY_BUNDLE_TYPE)).findFirst()
                .orElseThrow(() -> new GateFailure("the recorded policy bundle sha256:" + hash + " is not in the evidence store", null));
        byte[] snapshot = store.document(item.id()).orElseThrow();
        try {
            return CompiledPolicies.compile(PolicyBundle.fromSnapshot(snapshot));
        } catch (RegoException e) {
            throw new GateFailure("the recorded policy bundle no longer compiles: " + e.getMessage(), e);
        }
    }

    /** The outcome of verifying a record: each check in words, and whether all passed. */
    public record VerifyReport(boolean ok, List<String> checks, List<String> problems) {
        public VerifyReport {
            checks = List.copyOf(checks);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks a record's signature with {@code key} and its inclusion in the evidence log under the
     * latest signed checkpoint.
     *
     * @param evidenceId the record's evidence item id, or null to find it by content
     */
    public VerifyReport verify(byte[] envelope, String evidenceId, PublicKey key) {
        List<String> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        DecisionRecords.Opened opened = DecisionRecords.open(envelope, key);
        if (opened.signatureVerifies()) {
            checks.add("signature: verified with decision key " + DecisionSigner.keyIdOf(key).substring(0, 16));
        } else {
            problems.add("signature: " + opened.problem());
        }
        Optional<EvidenceItem> item = evidenceId != null ? store.find(evidenceId) : findByContent(opened, envelope);
        if (item.isEmpty()) {
            problems.add("log: the record is not in the evidence log" + (evidenceId == null ? "" : " (no item " + evidenceId + ")"));
            return new VerifyReport(false, checks, problems);
        }
        byte[] stored = store.document(item.get().id()).orElse(new byte[0]);
        if (!Arrays.equals(stored, envelope)) {
            problems.add("log: item " + item.get().id() + " holds a different document than this record");
        } else {
            checks.add("log: the record is evidence item " + item.get().id() + " at leaf " + item.get().leafIndex());
        }
        SignedCheckpoint checkpoint = store.checkpoint();
        InclusionProof proof = store.inclusionProof(item.get().leafIndex(), checkpoint.checkpoint().size());
        if (proof.verifies(EvidenceLeaf.hash(item.get()), checkpoint.checkpoint().rootHash())) {
            checks.add("log: leaf " + item.get().leafIndex() + " is included in the signed checkpoint of "
                    + checkpoint.checkpoint().size() + " leaves (" + checkpoint.checkpoint().origin() + ")");
        } else {
            problems.add("log: the inclusion proof of leaf " + item.get().leafIndex() + " does not verify against the checkpoint");
        }
        return new VerifyReport(problems.isEmpty(), checks, problems);
    }

    private Optional<EvidenceItem> findByContent(DecisionRecords.Opened opened, byte[] envelope) {
        JsonNode subject = opened.statement().path("subject").path(0).path("digest");
        if (!subject.has("sha256")) {
            return Optional.empty();
        }
        SubjectDigest digest = new SubjectDigest("sha256", subject.get("sha256").asText());
        long after = -1;
        while (true) {
            List<EvidenceItem> page = store.list(digest, after, PAGE);
            for (EvidenceItem item : page) {
                if (item.type().equals(DecisionInput.DECISION_TYPE)
                        && Arrays.equals(store.document(item.id()).orElse(new byte[0]), envelope)) {
                    return Optional.of(item);
                }
            }
            if (page.size() < PAGE) {
                return Optional.empty() ;
            }
            after = page.getLast().leafIndex();
        }
    }

    private static String text(ObjectValue object, String key, String fallback) {
        Value value = object.get(key);
        return value instanceof StringValue s && !s.value().isBlank() ? s.value() : fallback;
    }

    private static String abbreviate(JsonNode node) {
        String text = node == null ? "nothing" : CanonicalJson.write(node);
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    /** The gate could not reach a decision (broken policy, missing recorded material); never an allow. */
    public static final class GateFailure extends RuntimeException {
        public GateFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
