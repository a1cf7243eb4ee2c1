package io.changegate.cli.decision;

import picocli.CommandLine.Command;

/** {@code changegate decision}: check signed decision records. */
@Command(name = "decision", mixinStandardHelpOptions = true,
        description = "Verify and replay signed decision records.",
        subcommands = {VerifyCommand.class, ReplayCommand.class})
public final class DecisionCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
