package io.changegate.cli.decision;

import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import io.changegate.evidence.verify.PublicKeys;
import io.changegate.gate.DecisionService;
import io.changegate.gate.LocalGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate decision verify RECORD}: the signature and the record's inclusion in the evidence log. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a decision record's signature and its inclusion in the evidence log.",
                "Exit code: 0 verified, 1 not verified, 2 usage or system error."})
public final class VerifyCommand extends CliCommand {
    @Parameters(paramLabel = "RECORD", description = "The record file (changegate gate --record, or the decision JSON).")
    Path record;

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = ".changegate", description = "The embedded state directory.")
    Path state;

    @Option(names = "--key", paramLabel = "PEM", description = "The decision public key (default: DIR/gate/decision-signer.pub.pem).")
    Path key;

    @Override
    protected int execute() throws Exception {
        RecordFile file = RecordFile.read(record);
        Path keyFile = key != null ? key : state.resolve("gate").resolve("decision-signer.pub.pem");
        if (!Files.exists(keyFile)) {
            throw new CliException("error: no decision public key at " + keyFile + "; give one with --key", 2);
        }
        PublicKey publicKey;
        try {
            publicKey = PublicKeys.fromPem(keyFile.toString(), Files.readString(keyFile));
        } catch (RuntimeException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
        try (LocalGate gate = LocalGate.open(state, null, null, System.getenv())) {
            DecisionService.VerifyReport report = gate.service().verify(file.envelope(), file.evidenceId(), publicKey);
            report.checks().forEach(c -> out().println("ok   " + c));
            report.problems().forEach(p -> out().println("FAIL " + p));
            out().println(report.ok() ? "decision record verified" : "decision record NOT verified");
            return report.ok() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + record + ": " + e.getMessage(), 2);
        }
    }
}
