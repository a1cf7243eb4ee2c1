package io.changegate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.gate.ArtifactRef;
import io.changegate.gate.Decision;
import io.changegate.gate.DecisionJson;
import io.changegate.gate.DecisionService;
import io.changegate.gate.GateRequest;
import io.changegate.gate.LocalGate;
import io.changegate.gate.Violation;
import io.changegate.rego.RegoException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code changegate gate}: asks the deployment gate — the embedded one over {@code --evidence DIR}, or
 * a server's {@code POST /v1/decisions} with {@code --server URL} — prints the decision the same
 * way either way, exits 0 allowed, 1 denied, 2 error.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Decide whether artifacts may be deployed to an environment, and record the signed decision",
                "(in the embedded state directory, or on a server with --server URL).",
                "Exit code: 0 allowed (also with warnings), 1 denied, 2 usage or system error."})
public final class GateCommand extends CliCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The target environment, e.g. prod.")
    String environment;

    @Option(names = "--artifact", required = true, paramLabel = "[NAME@]sha256:HEX",
            description = "An artifact by digest, optionally with its name (repeatable).")
    List<String> artifacts;

    @Option(names = "--change", paramLabel = "TICKET", description = "The change ticket, e.g. JIRA-123.")
    String change;

    @Option(names = "--author", description = "Who wrote the change (separation of duties).")
    String author;

    @Option(names = "--deployer", description = "Who deploys it (default: the USER environment variable).")
    String deployer;

    @Option(names = "--evidence", paramLabel = "DIR",
            description = "The embedded state directory: evidence store, decision key, governance files (default: .changegate).")
    Path state;

    @Option(names = "--server", paramLabel = "URL",
            description = "Ask a Changegate server (POST /v1/decisions) instead of the embedded state, e.g. https://127.0.0.1:8443.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for --server, with the decision:write scope (default: the CHANGEGATE_TOKEN environment variable).")
    String token;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "Certificates to trust for --server instead of the system's, e.g. .changegate/tls/tls.crt.")
    Path caCert;

    @Option(names = "--policies", paramLabel = "DIR|BUNDLE.tar.gz", description = "The policy repository (default: the built-in library).")
    Path policies;

    @Option(names = "--policy-sets", paramLabel = "FILE", description = "A data.json of environments for the built-in library.")
    Path policySets;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: text, json, junit or sarif (default: text).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the --format output here and the text summary to stdout.")
    Path output;

    @Option(names = "--record", paramLabel = "FILE", description = "Write the signed decision record here (for decision verify/replay).")
    Path record;

    @Override
    protected int execute() throws Exception {
        if (!List.of("text", "json", "junit", "sarif").contains(format)) {
            throw new CliException("error: --format must be text, json, junit or sarif, not '" + format + "'", 2);
        }
        List<ArtifactRef> refs = new ArrayList<>();
        for (String artifact : artifacts) {
            int at = artifact.lastIndexOf('@');
            try {
                refs.add(at < 0 ? ArtifactRef.of(artifact, null) : ArtifactRef.of(artifact.substring(at + 1), artifact));
            } catch (IllegalArgumentException e) {
                throw new CliException("error: --artifact " + artifact + ": " + e.getMessage(), 2);
            }
        }
        GateRequest request;
        try {
            request = new GateRequest(environment, refs, change, author,
                    deployer != null ? deployer : System.getenv("USER"), "ci", null, null);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
        if (server != null) {
            return remote(request);
        }
        if (token != null || caCert != null) {
            throw new CliException("error: --token and --cacert go with --server", 2);
        }
        Decision decision;
        try (LocalGate gate = LocalGate.open(state != null ? state : Path.of(".changegate"), policies, policySets, System.getenv())) {
            decision = gate.service().decide(request);
        } catch (RegoException e) {
            throw new CliException("error: the policies do not compile: " + e.getMessage(), 2);
        } catch (IllegalArgumentException | DecisionService.GateFailure | java.io.UncheckedIOException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
        return report(decision, DecisionJson.write(decision, true));
    }

    /** Asks the server: the same request, answered by the same decision path, reported the same way. */
    private int remote(GateRequest request) throws Exception {
        if (state != null || policies != null || policySets != null) {
            throw new CliException("error: --evidence, --policies and --policy-sets configure the embedded gate;"
                    + " a --server uses its own", 2);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("environment", request.environment());
        ArrayNode list = body.putArray("artifacts");
        request.artifacts().forEach(a -> list.addObject().put("digest", a.digest().toString()).put("name", a.name()));
        body.put("change", request.change());
        body.put("author", request.author());
        body.put("deployer", request.deployer());
        body.put("source", request.source());
        RemoteGate gate = new RemoteGate(server, token != null ? token : System.getenv("CHANGEGATE_TOKEN"), caCert);
        ObjectNode answer = (ObjectNode) gate.decide(body);
        Decision decision;
        try {
            decision = DecisionJson.read(answer);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + server + " answered with something that is not a decision: " + e.getMessage(), 2);
        }
        return report(decision, answer);
    }

    /** Prints the decision in the chosen format, writes --output and --record; 0 allowed, 1 denied. */
    private int report(Decision decision, ObjectNode json) throws java.io.IOException {
        String formatted = switch (format) {
            case "json" -> JSON.writeValueAsString(json);
            case "junit" -> CiReports.junit(decision);
            case "sarif" -> JSON.writeValueAsString(CiReports.sarif(decision));
            default -> summary(decision);
        };
        if (record != null) {
            Files.writeString(record, JSON.writeValueAsString(json.get("record")), StandardCharsets.UTF_8);
        }
        if (output != null) {
            Files.writeString(output, formatted, StandardCharsets.UTF_8);
            out().print(summary(decision));
        } else {
            out().print(formatted.endsWith("\n") ? formatted : formatted + "\n");
        }
        return decision.allowed() ? 0 : 1;
    }

    static String summary(Decision d) {
        StringBuilder text = new StringBuilder();
        text.append(d.request().environment()).append(": ").append(d.summary().toUpperCase(java.util.Locale.ROOT))
                .append(" (decision ").append(d.id()).append(", policy ").append(d.policyRevision()).append(")\n");
        for (Violation v : d.violations()) {
            String tag = v.exception() != null ? "excepted by " + v.exception() : v.mode().label();
            text.append("  [").append(tag).append("] ").append(v.policy()).append(" (owner ").append(v.owner()).append("): ")
                    .append(v.msg()).append('\n');
            if (v.blocks() && !v.remediation().isEmpty()) {
                text.append("      fix: ").append(v.remediation()).append('\n');
            }
        }
        d.approvals().forEach(a -> text.append("  approval ").append(a.ticket()).append(" via ").append(a.provider())
                .append(": ").append(a.status()).append(a.detail().isEmpty() ? "" : " (" + a.detail() + ")").append('\n'));
        if (d.breakGlass() != null) {
            text.append("  break-glass ").append(d.breakGlass().id()).append(" by ").append(d.breakGlass().invokedBy())
                    .append(": ").append(d.breakGlass().reason()).append("; retro-approval ")
                    .append(d.retroApproval() == null ? "?" : d.retroApproval().id()).append(" is open\n");
        }
        if (d.record() != null) {
            text.append("  record: evidence ").append(d.record().evidenceId()).append(" at log leaf ")
                    .append(d.record().leafIndex()).append('\n');
        }
        return text.toString();
    }
}
