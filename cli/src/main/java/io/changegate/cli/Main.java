package io.changegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code changegate} command line: OPA-compatible Rego tooling and the compliance gate. */
@Command(name = "changegate", mixinStandardHelpOptions = true, version = "changegate 0.1.0",
        description = "Compliance at the point of change.",
        subcommands = {io.changegate.cli.evidence.EvidenceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
