package io.changegate.cli.decision;

import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import io.changegate.gate.DecisionService;
import io.changegate.gate.LocalGate;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate decision replay RECORD}: re-evaluate with the recorded policy and evidence. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-evaluate a decision with the policy bundle, evidence, approvals, exceptions and time it recorded.",
                "Exit code: 0 same result, 1 different, 2 usage or system error."})
public final class ReplayCommand extends CliCommand {
    @Parameters(paramLabel = "RECORD", description = "The record file.")
    Path record;

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = ".changegate", description = "The embedded state directory.")
    Path state;

    @Override
    protected int execute() throws Exception {
        RecordFile file = RecordFile.read(record);
        try (LocalGate gate = LocalGate.open(state, null, null, System.getenv())) {
            DecisionService.ReplayReport report = gate.service().replay(file.envelope());
            out().println("recorded: " + report.recordedResult() + " (input " + report.recordedInputDigest() + ")");
            out().println("replayed: " + report.replayedResult() + " (input " + report.replayedInputDigest() + ")");
            report.differences().forEach(d -> out().println("DIFF " + d));
            out().println(report.same() ? "replay reaches the same decision" : "replay DIFFERS from the record");
            return report.same() ? 0 : 1;
        } catch (IllegalArgumentException | DecisionService.GateFailure e) {
            throw new CliException("error: " + record + ": " + e.getMessage(), 2);
        }
    }
}
