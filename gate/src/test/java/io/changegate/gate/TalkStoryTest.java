package io.changegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.changegate.evidence.store.EvidenceService;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.Submission;
import io.changegate.evidence.formats.EvidenceReaders;
import io.changegate.evidence.verify.EvidenceVerifier;
import io.changegate.evidence.verify.PublicKeys;
import io.changegate.evidence.verify.VerificationPolicy;
import io.changegate.gate.approval.JiraProvider;
import io.changegate.gate.governance.ExceptionGrant;
import io.changegate.gate.governance.GovernanceRegistry;
import io.changegate.gate.policy.CompiledPolicies;
import io.changegate.gate.policy.PolicyBundle;
import io.changegate.gate.record.DecisionSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The talk's story end to end, with the files of {@code examples/talk-story} and real tool output
 * from the shared fixtures: a denied CVE, an exception, its expiry, break-glass, the fix, and
 * every record verified and replayed.
 */
class TalkStoryTest {
    static final String IMAGE = "sha256:4edbd2beb5f78b1014028f4fbb99f3237d9561100b6881aabbf5acce2c4f9454";
    static final String IMAGE_NAME = "registry.acme.example/alpine@" + IMAGE;

    @TempDir
    Path state;

    HttpServer jira;
    EvidenceStore store;
    EvidenceService evidence;
    DecisionService gate;
    TestClock clock = new TestClock(Instant.parse("2025-03-01T09:00:00Z"));
    Path fixtures;
    Path example;

    @BeforeEach
    void start() throws Exception {
        fixtures = Paths.fixtures();
        example = Paths.repoRoot().resolve("examples/talk-story");
        jira = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] issue = Files.readAllBytes(example.resolve("jira/JIRA-123.json"));
        jira.createContext("/rest/api/3/issue/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/JIRA-123");
            byte[] body = known ? issue
                    : "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jira.start();

        store = EvidenceStore.openEmbedded(state.resolve("store"));
        var cosignKey = PublicKeys.fromPem("cosign.pub", Files.readString(fixtures.resolve("sigstore/trust/cosign-attest.cosign.pub")));
        var verifier = new EvidenceVerifier(VerificationPolicy.builder().key("cosign.pub", cosignKey).allowUntimestamped(true).build());
        evidence = new EvidenceService(store, EvidenceReaders.standard(), verifier);

        CompiledPolicies policies = CompiledPolicies.compile(
                PolicyBundle.libraryWith(Files.readAllBytes(example.resolve("policy-sets.json"))));
        var approvals = new JiraProvider(URI.create("http://127.0.0.1:" + jira.getAddress().getPort()), 3,
                JiraProvider.bearer("test-token"), Set.of("Approved"), "customfield_10050", Duration.ofSeconds(2), clock);
        var governance = new GovernanceRegistry(state.resolve("governance"), Set.of("dana"), Duration.ofHours(4), clock);
        gate = new DecisionService(() -> policies, store, approvals, governance, DecisionSigner.generate(), clock);
    }

    @AfterEach
    void stop() {
        if (jira != null) {
            jira.stop(0);
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void the_talk_story_from_denied_cve_to_fixed_scan() throws Exception {
        submit("sigstore/cosign-attest-dsse-cyclonedx-predicate-alpine.att.json", null);
        submit("trivy/trivy-image-alpine39-vulns.json", IMAGE);
        submitFile(example.resolve("evidence/TEST-io.changegate.policies.PolicyLibraryTest.xml"), IMAGE);
        submit("jacoco/jacoco-codingstyle-maven.xml", IMAGE);
        List<Decision> decisions = new ArrayList<>();
        GateRequest request = new GateRequest("prod", List.of(ArtifactRef.of(IMAGE, IMAGE_NAME)), "JIRA-123",
                "alice", "ci-bot", "ci", null, null);

        // 1. The critical CVE in musl blocks production, named with its container.
        Decision denied = gate.decide(request);
        decisions.add(denied);
        assertThat(denied.result()).isEqualTo(Result.DENY);
        assertThat(denied.violations()).filteredOn(Violation::blocks).extracting(Violation::msg)
                .allMatch(m -> m.startsWith("container " + IMAGE_NAME + " contains unaccepted CVE CVE-2019-14697"))
                .hasSize(2);
        assertThat(denied.violations()).filteredOn(Violation::blocks).extracting(Violation::owner).containsOnly("security");
        assertThat(denied.approvals()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("approved");
            assertThat(a.approvers()).containsExactly("bob@acme.example");
        });
        assertThat(denied.violations()).filteredOn(v -> v.policy().equals("sbom")).isEmpty();

        // 2. An approved exception waives it, and the decision names the exception.
        var exception = ExceptionGrant.fromJson("EXC", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(example.resolve("governance/exceptions/EXC-2019-14697.json").toFile()));
        gate.governance().addException(new ExceptionGrant(exception.id(), exception.policy(), exception.artifact(),
                exception.namePattern(), exception.environment(), exception.namespace(), exception.justification(),
                exception.requester(), exception.approver(), exception.ticket(), Instant.parse("2025-03-08T00:00:00Z")));
        Decision excepted = gate.decide(request);
        decisions.add(excepted);
        // Allowed; the only remaining warning is the DAST guardrail, which prod still rolls out in warn mode.
        assertThat(excepted.result()).isEqualTo(Result.WARN);
        assertThat(excepted.allowedBy()).isEqualTo("exception");
        assertThat(excepted.violations()).filteredOn(Violation::warns).extracting(Violation::policy).containsOnly("dast");
        assertThat(excepted.exceptionsUsed()).extracting(ExceptionGrant::id).containsExactly("EXC-2019-14697");
        assertThat(excepted.violations()).filteredOn(v -> v.policy().equals("vulnerabilities"))
                .extracting(Violation::exception).containsOnly("EXC-2019-14697");
        assertThat(new String(excepted.record().envelope())).isNotEmpty();

        // 3. A week later the exception has expired and no longer applies.
        clock.set(Instant.parse("2025-03-09T09:00:00Z"));
        Decision expired = gate.decide(request);
        decisions.add(expired);
        assertThat(expired.result()).isEqualTo(Result.DENY);
        assertThat(expired.exceptionsUsed()).isEmpty();

        // 4. Break-glass by an authorised person allows it, and leaves a retro-approval open.
        gate.governance().openBreakGlass("prod", List.of(IMAGE), "dana", "INC-42: payments outage", "INC-42", Duration.ofHours(2));
        Decision glass = gate.decide(request);
        decisions.add(glass);
        assertThat(glass.result()).isEqualTo(Result.ALLOW);
        assertThat(glass.summary()).isEqualTo("allowed by break-glass");
        assertThat(glass.retroApproval()).isNotNull();
        assertThat(gate.governance().openRetroApprovals()).extracting(t -> t.decisionId()).containsExactly(glass.id());

        // 5. After the fixed scan (the image rescanned clean) it is allowed on its own merits.
        clock.advance(Duration.ofHours(3));
        submit("grype/grype-0.7.0-image-no-matches-EDGE.json", IMAGE);
        Decision fixed = gate.decide(request);
        decisions.add(fixed);
        assertThat(fixed.allowed()).isTrue();
        assertThat(fixed.allowedBy()).isEqualTo("policy");
        assertThat(fixed.exceptionsUsed()).isEmpty();
        assertThat(fixed.violations()).noneMatch(Violation::blocks);

        // 6. Every record verifies (signature and log inclusion) and replays to the same result.
        for (Decision decision : decisions) {
            var verified = gate.verify(decision.record().envelope(), decision.record().evidenceId(), gate.signer().publicKey());
            assertThat(verified.problems()).as("verify " + decision.summary()).isEmpty();
            var replayed = gate.replay(decision.record().envelope());
            assertThat(replayed.differences()).as("replay " + decision.summary()).isEmpty();
            assertThat(replayed.replayedResult()).isEqualTo(decision.result().label());
        }
        // The retro-approval stays open until someone other than dana approves it.
        gate.governance().approveRetroApproval(glass.retroApproval().id(), "erin");
        assertThat(gate.governance().openRetroApprovals()).isEmpty();
    }

    private void submit(String fixture, String subject) throws Exception {
        submitFile(fixtures.resolve(fixture), subject);
    }

    private void submitFile(Path file, String subject) throws IOException, io.changegate.evidence.store.EvidenceRejectedException {
        evidence.submit(new Submission(file.getFileName().toString(), Files.readAllBytes(file), subject, IMAGE_NAME, null, "ci"));
    }
}
