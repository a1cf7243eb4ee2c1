package io.changegate.cli.evidence;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code changegate evidence}: read, verify and store delivery evidence. */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Read, verify and store delivery evidence (SBOMs, scans, test reports, provenance, signatures).",
        subcommands = {
                // One subcommand per line, so adding one is a one-line change.
                InspectCommand.class,
                VerifyCommand.class,
                AddCommand.class,
                ListCommand.class,
                ShowCommand.class,
                VerifyLogCommand.class,
        })
public final class EvidenceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
