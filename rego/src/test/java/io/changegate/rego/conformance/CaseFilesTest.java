package io.changegate.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFilesTest {
    private static final Path SAMPLE = Path.of("src/test/resources/conformance/sample.yaml");

    private static List<ConformanceCase> sample() throws Exception {
        return CaseFiles.read(SAMPLE, "sample.yaml");
    }

    @Test
    void idsCombineFileIndexAndNoteBecauseNotesRepeat() throws Exception {
        List<ConformanceCase> cases = sample();
        assertThat(cases).hasSize(6);
        assertThat(cases.get(1).id()).isEqualTo("sample.yaml#1 sample/two modules");
        assertThat(cases.get(5).id()).isEqualTo("sample.yaml#5 sample/two modules");
    }

    @Test
    void modulesAreNamedAsOpasRunnerNamesThem() throws Exception {
        ConformanceCase c = sample().get(1);
        assertThat(c.modules()).extracting(ConformanceCase.Module::file).containsExactly("test-0.rego", "test-1.rego");
        assertThat(c.modules().get(1).source()).contains("b := 2.0");
    }

    @Test
    void readsDataInputAndExpectationsExactly() throws Exception {
        ConformanceCase c = sample().get(1);
        assertThat(c.data().get("true").toString()).isEqualTo("\"yes\"");
        assertThat(((NumberValue) ((ObjectValue) c.input()).get("n")).bigDecimalValue())
                .isEqualByComparingTo(new BigDecimal("0.33333333333333333334"));
        assertThat(c.wantResult()).hasSize(1);
        ConformanceCase err = sample().get(5);
        assertThat(err.strictError()).isTrue();
        assertThat(err.wantErrorCode()).isEqualTo("eval_builtin_error");
        assertThat(err.wantError()).isEqualTo("divide by zero");
        assertThat(err.modules()).isEmpty();
    }

    @Test
    void casesRecordingAnOpa19QuirkAreSkippedWithTheQuirk() throws Exception {
        assertThat(sample().get(2).skipReason())
                .isEqualTo("records an OPA 1.9 quirk (newer OPA is the target): ceil rounds away from zero");
        assertThat(sample().get(0).skipReason()).isNull();
    }

    @Test
    void casesMarkedSkipAreSkipped() throws Exception {
        assertThat(sample().get(3).skipReason()).isEqualTo("marked skip in the case file");
    }

    @Test
    void aMissingCompanionModuleFileSkipsTheCaseSayingWhich() throws Exception {
        assertThat(sample().get(4).skipReason()).isEqualTo("companion file framework.rego is not present beside sample.yaml");
    }

    @Test
    void aPresentCompanionModuleFileIsReadUnderItsOwnName(@TempDir Path dir) throws Exception {
        Files.copy(SAMPLE, dir.resolve("s.yaml"));
        Files.writeString(dir.resolve("framework.rego"), "package framework\np := 1\n");
        ConformanceCase c = CaseFiles.read(dir.resolve("s.yaml"), "s.yaml").get(4);
        assertThat(c.skipReason()).isNull();
        assertThat(c.modules()).containsExactly(new ConformanceCase.Module("framework.rego", "package framework\np := 1\n"));
    }

    @Test
    void unknownKeysAreRejectedNamingTheCase() {
        String yaml = "cases:\n  - note: a\n    query: x = 1\n    want_resutl: []\n";
        assertThatThrownBy(() -> CaseFiles.parse("typo.yaml", yaml, null))
                .isInstanceOf(YamlException.class)
                .hasMessage("typo.yaml: case #0: unknown key 'want_resutl'");
    }

    @Test
    void aFileWithoutCasesIsRejected() {
        assertThatThrownBy(() -> CaseFiles.parse("x.yaml", "foo: 1\n", null))
                .hasMessageContaining("expected a top-level 'cases:' list");
    }

    @Test
    void findsYamlFilesSortedAndNamesThemRelativeToTheCorpus(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/z.yaml"), "cases: []\n");
        Files.writeString(dir.resolve("a.yml"), "cases: []\n");
        Files.writeString(dir.resolve("notes.md"), "x");
        List<Path> files = CaseFiles.find(dir);
        assertThat(files).extracting(p -> CaseFiles.relativeName(dir, p)).containsExactly("a.yml", "b/z.yaml");
    }
}
