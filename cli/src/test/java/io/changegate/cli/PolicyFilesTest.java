package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.Rego;
import io.changegate.rego.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFilesTest {

    @Test
    void dataFilesInADirectoryMergeAtTheirDirectoryPath(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("data.json"), "{\"top\": 1}");
        Files.writeString(dir.resolve("a/b/data.json"), "{\"x\": 1}");
        Files.writeString(dir.resolve("a/b/more.yaml"), "y: 12345678901234567890\n");
        Files.writeString(dir.resolve("a/policy.rego"), "package a\n");
        Files.writeString(dir.resolve("a/README.md"), "ignored");
        PolicyFiles.Loaded loaded = PolicyFiles.load(List.of(dir));
        assertThat(Json.write(loaded.data()))
                .isEqualTo("{\"a\":{\"b\":{\"x\":1,\"y\":12345678901234567890}},\"top\":1}");
        assertThat(loaded.modules()).extracting(Rego.SourceFile::file).containsExactly(dir.resolve("a/policy.rego").toString());
    }

    @Test
    void aDataFileGivenDirectlyMergesAtTheRoot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nested/data.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"x\": [1]}");
        assertThat(Json.write(PolicyFiles.load(List.of(f)).data())).isEqualTo("{\"x\":[1]}");
    }

    @Test
    void conflictingDataIsAMergeErrorNamingTheFileAndPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("one.json"), "{\"a\": {\"b\": 1}}");
        Files.writeString(dir.resolve("two.json"), "{\"a\": {\"b\": 2}}");
        assertThatThrownBy(() -> PolicyFiles.load(List.of(dir)))
                .isInstanceOf(CliException.class)
                .hasMessage("changegate: " + dir.resolve("two.json") + ": merge error: data.a.b is already defined by another data file");
    }

    @Test
    void invalidJsonIsReportedWithLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("input.json");
        Files.writeString(f, "{\n  \"a\": tru\n}");
        assertThatThrownBy(() -> PolicyFiles.readDocument(f))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("changegate: " + f + ":2:");
    }

    @Test
    void rootDataMustBeAnObject(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("list.json"), "[1]");
        assertThatThrownBy(() -> PolicyFiles.load(List.of(dir.resolve("list.json"))))
                .hasMessageEndingWith("must hold an object, not an array");
    }

    @Test
    void unknownFileTypesGivenDirectlyAreRejected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> PolicyFiles.load(List.of(dir.resolve("notes.txt"))))
                .hasMessageContaining("unsupported file type");
    }
}
