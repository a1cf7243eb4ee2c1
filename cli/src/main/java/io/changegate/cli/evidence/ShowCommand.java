package io.changegate.cli.evidence;

import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code changegate evidence show}: one stored item with its normalised predicate, as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print one stored evidence item, with its normalised predicate, as JSON.",
                "Exit code: 0 shown, 2 unknown id, usage or system error."})
public final class ShowCommand extends CliCommand {
    @Parameters(paramLabel = "ID", description = "The item's id, as `evidence add` or `evidence list` print it.")
    String id;

    @Mixin
    BackendOptions backend;

    @Override
    protected int execute() throws CliException {
        try (EvidenceBackend evidence = backend.open()) {
            out().println(evidence.show(id).toPrettyString());
            return 0;
        }
    }
}
