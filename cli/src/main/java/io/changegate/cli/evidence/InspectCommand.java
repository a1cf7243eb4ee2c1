package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.formats.EvidenceFormatException;
import io.changegate.evidence.formats.EvidenceReaders;
import io.changegate.evidence.formats.ParsedEvidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code changegate evidence inspect}: detects an evidence document's format and prints its
 * normalised predicate as JSON. Exit 0 when the document is valid, 2 when it is not (with
 * {@code error: FILE: …} on stderr).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Detect an evidence document's format and print its normalised predicate as JSON:"
                + " {\"kind\", \"format\", \"predicate\"}.",
                "Exit code: 0 valid, 2 invalid or unreadable."})
public final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The evidence document (SBOM, scan, SARIF, test or coverage report, VEX, provenance).")
    Path file;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Read as this type instead of detecting it: a name such as cyclonedx, trivy, junit,"
                    + " or an in-toto predicate type URI.")
    String type;

    @Override
    public Integer call() {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return fail(name + ": no such file");
        } catch (AccessDeniedException e) {
            return fail(name + ": permission denied");
        } catch (IOException e) {
            return fail(name + ": cannot read: " + e.getMessage());
        }
        try {
            EvidenceReaders readers = EvidenceReaders.standard();
            ParsedEvidence parsed = type == null ? readers.read(name, bytes) : readers.readAs(type, name, bytes);
            ObjectNode out = JSON.createObjectNode();
            out.put("kind", parsed.kind().name());
            out.put("format", parsed.format());
            out.set("predicate", parsed.predicate());
            spec.commandLine().getOut().println(JSON.writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (EvidenceFormatException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail(name + ": cannot print the predicate: " + e.getMessage());
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
