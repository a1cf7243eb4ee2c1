package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import io.changegate.evidence.store.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate evidence add}: stores a document as evidence about an artifact. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store an evidence document about an artifact, on a server or in the embedded store.",
                "The document is kept byte-exact and becomes a leaf of the tamper-evident log.",
                "Exit code: 0 stored (or already stored), 2 rejected document, usage or system error."})
public final class AddCommand extends CliCommand {
    @Parameters(paramLabel = "FILE", description = "The document: a raw report, an in-toto Statement, a DSSE envelope or a Sigstore bundle.")
    Path file;

    @Option(names = "--subject", paramLabel = "DIGEST",
            description = "The artifact digest, sha256:<hex>. Optional for a Statement or envelope, whose subject gives it.")
    String subject;

    @Option(names = "--name", paramLabel = "NAME", description = "The artifact's name: image reference, package URL, commit.")
    String name;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "The evidence type (default: the Statement's predicateType, else the detected kind, e.g. sbom).")
    String type;

    @Option(names = "--json", description = "Print the stored item as JSON.")
    boolean json;

    @Mixin
    BackendOptions backend;

    @Override
    protected int execute() throws CliException {
        byte[] document;
        try {
            document = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("error: " + file + ": cannot read: " + describeIo(e), 2);
        }
        String submitter = System.getProperty("user.name", "cli");
        try (EvidenceBackend evidence = backend.open()) {
            EvidenceBackend.Added added = evidence.add(new Submission(file.toString(), document, subject, name, type,
                    "cli:" + submitter));
            JsonNode item = added.item();
            if (json) {
                out().println(item.toPrettyString());
            } else {
                out().printf("%s %s (leaf %d) %s %s%n", added.created() ? "stored" : "already stored",
                        item.path("id").asText(), item.path("leaf_index").asLong(), item.path("type").asText(),
                        item.path("subject").asText());
            }
            return 0;
        }
    }

    static String describeIo(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
