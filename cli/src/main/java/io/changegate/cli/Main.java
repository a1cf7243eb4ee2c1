package io.changegate.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code changegate} command line: OPA-compatible Rego tooling and the compliance gate. */
@Command(name = "changegate", mixinStandardHelpOptions = true, version = "changegate 0.1.0",
        description = "Compliance at the point of change.",
        subcommands = {
                // One subcommand per line, in the order `changegate --help` lists them.
                EvalCommand.class,
                ConformanceCommand.class,
                BenchCommand.class,
                TestCommand.class,
                FmtCommand.class,
                CheckCommand.class,
                ParseCommand.class,
                InspectCommand.class,
                io.changegate.cli.evidence.EvidenceCommand.class,
                GateCommand.class,
                io.changegate.cli.decision.DecisionCommand.class,
                io.changegate.cli.governance.ExceptionCommand.class,
                io.changegate.cli.governance.BreakGlassCommand.class,
                VerifyCommand.class,
                ServeCommand.class,
                AuditCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    public static void main(String[] args) {
        LibraryLogging.quiet();
        System.exit(commandLine().execute(args));
    }

    /** The command line with UTF-8 output and no stack traces for unexpected failures. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("changegate: internal error: " + e);
            if (System.getenv("CHANGEGATE_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
