package io.changegate.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashDurabilityTest {
    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedItemSurvivesAKilledProcessAndTheLogStillVerifies() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                IngestStream.class.getName(), directory.toString(), "100000")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                    if (acknowledged.size() == ACKS_BEFORE_KILL) {
                        // kill -9 while the writer is in the middle of its next ingestion; the JDK closes
                        // our end of its output, so stop reading: later acknowledgements are not counted
                        writer.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

        try (EvidenceStore store = EvidenceStore.openEmbedded(directory)) {
            for (String id : acknowledged) {
                assertThat(store.find(id)).as("acknowledged item %s", id).isPresent();
            }
            LogReport report = store.audit();
            assertThat(report.problems()).isEmpty();
            assertThat(report.treeSize()).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(store.ingest(EvidenceStoreContract.evidence(-1, "after the crash")).item().leafIndex())
                    .isEqualTo(report.treeSize());
        }
    }
}
