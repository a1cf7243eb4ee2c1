package io.changegate.gate;

import io.changegate.evidence.store.EvidenceStore;
import io.changegate.gate.approval.ApprovalProvider;
import io.changegate.gate.approval.CachingApprovalProvider;
import io.changegate.gate.approval.JiraProvider;
import io.changegate.gate.governance.GovernanceRegistry;
import io.changegate.gate.policy.CompiledPolicies;
import io.changegate.gate.policy.PolicyBundle;
import io.changegate.gate.record.DecisionSigner;
import io.changegate.rego.RegoException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A gate over an embedded evidence store directory: the store, the decision key and the
 * governance files all live under it ({@code store/}, {@code gate/}, {@code governance/}).
 * What {@code changegate gate --evidence DIR} and an unconfigured server use.
 *
 * <p>Approvals come from Jira when {@code CHANGEGATE_JIRA_URL} is set (bearer token in
 * {@code CHANGEGATE_JIRA_TOKEN}, or basic with {@code CHANGEGATE_JIRA_USER}; approvers field in
 * {@code CHANGEGATE_JIRA_APPROVERS_FIELD}); break-glass is open to the people listed in
 * {@code CHANGEGATE_BREAK_GLASS} (comma-separated).
 */
public final class LocalGate implements AutoCloseable {
    private final EvidenceStore store;
    private final DecisionService service;

    private LocalGate(EvidenceStore store, DecisionService service) {
        this.store = store;
        this.service = service;
    }

    /**
     * @param directory  the state directory (created when absent)
     * @param policies   a policy directory or {@code .tar.gz} bundle; null for the default library
     * @param policySets a data.json with {@code changegate.environments} for the default library; may be null
     */
    public static LocalGate open(Path directory, Path policies, Path policySets, Map<String, String> env)
            throws IOException, RegoException {
        PolicyBundle bundle;
        if (policies == null) {
            bundle = policySets == null ? PolicyBundle.library() : PolicyBundle.libraryWith(Files.readAllBytes(policySets));
        } else if (Files.isDirectory(policies)) {
            bundle = PolicyBundle.fromDirectory(policies);
        } else {
            bundle = PolicyBundle.fromTarGz(policies.toString(), Files.readAllBytes(policies), null);
        }
        CompiledPolicies compiled = CompiledPolicies.compile(bundle);
        return open(directory, () -> compiled, env);
    }

    /**
     * A gate whose policies come from {@code policies} at each decision, e.g. a
     * {@link io.changegate.gate.policy.PolicySource} that reloads its repository.
     */
    public static LocalGate open(Path directory, Supplier<CompiledPolicies> policies, Map<String, String> env)
            throws IOException {
        EvidenceStore store = EvidenceStore.openEmbedded(directory.resolve("store"));
        Clock clock = Clock.systemUTC();
        ApprovalProvider approvals = approvals(env, clock);
        DecisionSigner signer = DecisionSigner.loadOrCreate(directory.resolve("gate"));
        return new LocalGate(store, new DecisionService(policies, store, approvals, governance(directory, env, clock),
                signer, clock));
    }

    /**
     * The governance files of a state directory ({@code governance/}), with break-glass open to the
     * people in {@code CHANGEGATE_BREAK_GLASS} for at most four hours: what every local gate and the
     * governance commands read and write.
     */
    public static GovernanceRegistry governance(Path directory, Map<String, String> env, Clock clock) {
        Set<String> breakGlass = Arrays.stream(env.getOrDefault("CHANGEGATE_BREAK_GLASS", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new GovernanceRegistry(directory.resolve("governance"), breakGlass, Duration.ofHours(4), clock);
    }

    static ApprovalProvider approvals(Map<String, String> env, Clock clock) {
        String url = env.get("CHANGEGATE_JIRA_URL");
        if (url == null || url.isBlank()) {
            return ApprovalProvider.none(clock);
        }
        String token = env.get("CHANGEGATE_JIRA_TOKEN");
        String user = env.get("CHANGEGATE_JIRA_USER");
        String auth = token == null ? null : user != null ? JiraProvider.basic(user, token) : JiraProvider.bearer(token);
        int version = Integer.parseInt(env.getOrDefault("CHANGEGATE_JIRA_API_VERSION", "3"));
        return new CachingApprovalProvider(new JiraProvider(URI.create(url), version, auth,
                Set.of(env.getOrDefault("CHANGEGATE_JIRA_APPROVED_STATUSES", "Approved,Done").split(",")),
                env.get("CHANGEGATE_JIRA_APPROVERS_FIELD"), Duration.ofSeconds(5), clock), Duration.ofSeconds(30), clock);
    }

    public DecisionService service() {
        return service;
    }

    public EvidenceStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
