package io.changegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.gate.policy.PolicySource;
import io.changegate.policies.PolicyLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate over a reloading policy source names, in each decision and its record, the bundle it used. */
class ReloadedPoliciesTest {
    static final String IMAGE = "sha256:4edbd2beb5f78b1014028f4fbb99f3237d9561100b6881aabbf5acce2c4f9454";

    @TempDir
    Path state;
    @TempDir
    Path repository;

    void publish(String revision) throws Exception {
        for (var file : PolicyLibrary.files().entrySet()) {
            Path target = repository.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Files.writeString(repository.resolve(".manifest"), "{\"revision\":\"" + revision + "\"}");
    }

    @Test
    void eachDecisionNamesTheRevisionAndHashItWasEvaluatedWith() throws Exception {
        publish("r1");
        GateRequest request = new GateRequest("prod", List.of(ArtifactRef.of(IMAGE, null)), null, "alice", "ci-bot", "ci",
                null, null);
        try (PolicySource policies = PolicySource.directory(repository, Clock.systemUTC(), message -> { });
             LocalGate gate = LocalGate.open(state, policies, Map.of())) {
            Decision first = gate.service().decide(request);
            assertThat(first.policyRevision()).isEqualTo("r1");
            assertThat(first.policyHash()).isEqualTo(policies.status().hash());

            publish("r2");
            assertThat(policies.refresh()).isTrue();
            Decision second = gate.service().decide(request);
            assertThat(second.policyRevision()).isEqualTo("r2");
            assertThat(second.policyHash()).isEqualTo(policies.status().hash()).isNotEqualTo(first.policyHash());
            assertThat(new String(second.record().envelope(), StandardCharsets.UTF_8)).isNotEmpty();
            var replayed = gate.service().replay(second.record().envelope());
            assertThat(replayed.differences()).isEmpty();
        }
    }
}
