package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code changegate evidence inspect} prints the normalised predicate or a located error. */
class InspectCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void aValidReportPrintsItsKindFormatAndPredicate() throws Exception {
        Path junit = Files.writeString(dir.resolve("TEST-x.xml"), """
                <testsuite name="s"><testcase name="a" time="0.5"/><testcase name="b"><failure message="boom"/></testcase></testsuite>
                """);
        Run run = run("evidence", "inspect", junit.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode printed = new ObjectMapper().readTree(run.out());
        assertThat(printed.get("kind").asText()).isEqualTo("TESTS");
        assertThat(printed.get("format").asText()).isEqualTo("junit-xml");
        assertThat(printed.at("/predicate/summary/tests").asInt()).isEqualTo(2);
        assertThat(printed.at("/predicate/summary/failures").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("\n  \"kind\""); // pretty-printed
    }

    @Test
    void anInvalidDocumentExitsTwoWithALocatedErrorAndNoStackTrace() throws Exception {
        Path bad = Files.writeString(dir.resolve("coverage.xml"), "<other name=\"x\">\n</other>\n");
        Run run = run("evidence", "inspect", "--type", "jacoco", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: " + bad + ": line 1, column 17: expected a JaCoCo <report> root element, found <other>\n");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void textThatIsNotJsonIsReportedWithItsPosition() throws Exception {
        Path text = Files.writeString(dir.resolve("snyk.json"), "Testing /app...\n");
        Run run = run("evidence", "inspect", text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + text + ": line 1, column 1: expected a well-formed JSON document");
    }

    @Test
    void aMissingFileIsAnErrorToo() {
        Run run = run("evidence", "inspect", dir.resolve("absent.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + dir.resolve("absent.json") + ": no such file\n");
    }
}
