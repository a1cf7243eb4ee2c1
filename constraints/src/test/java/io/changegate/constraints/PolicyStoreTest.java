package io.changegate.constraints;

import static io.changegate.constraints.Policies.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryOfMultiDocumentYamlLoadsTemplatesBeforeTheirConstraints() throws Exception {
        Files.writeString(dir.resolve("all.yaml"), labelConstraint("need-owner", "") + "---\n" + REQUIRED_LABEL_TEMPLATE);
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [all.yaml]\n");
        PolicyStore store = new PolicyStore();
        PolicyStore.LoadReport report = store.loadDirectory(dir);
        assertThat(report.errors()).isEmpty();
        assertThat(report.templates()).isEqualTo(1);
        assertThat(report.constraints()).isEqualTo(1);
    }

    @Test
    void aTemplateThatStopsCompilingIsRejectedAndThePreviousVersionKeepsServing() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), REQUIRED_LABEL_TEMPLATE);
        Files.writeString(dir.resolve("c.yaml"), labelConstraint("need-owner", ""));
        PolicyStore store = new PolicyStore();
        store.loadDirectory(dir);
        Files.writeString(dir.resolve("t.yaml"), REQUIRED_LABEL_TEMPLATE.replace("not input.review", "not input.review["));
        PolicyStore.LoadReport report = store.loadDirectory(dir);
        assertThat(report.errors()).singleElement().asString()
                .contains("t.yaml:1 (ConstraintTemplate testrequiredlabel): the Rego does not compile")
                .contains("the previous version of TestRequiredLabel keeps serving");
        assertThat(messages(store.current().review(Review.ofObject(pod("web", "shop", "{}")), Constraint.WEBHOOK)))
                .containsExactly("[need-owner] Pod web lacks label owner");
    }

    @Test
    void theWatcherReloadsWhenAFileChanges() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), REQUIRED_LABEL_TEMPLATE);
        PolicyStore store = new PolicyStore();
        store.loadDirectory(dir);
        var reloaded = new java.util.concurrent.CountDownLatch(1);
        try (var watcher = PolicyDirectoryWatcher.start(dir, store, 50, r -> reloaded.countDown())) {
            Files.writeString(dir.resolve("c.yaml"), labelConstraint("need-owner", ""));
            assertThat(reloaded.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.current().constraints()).hasSize(1);
    }
}
