package io.changegate.cli.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import io.changegate.gate.governance.ExceptionGrant;
import io.changegate.gate.governance.ExceptionRequests;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate exception}: request, approve and list the governed exceptions the gate applies. */
@Command(name = "exception", mixinStandardHelpOptions = true,
        description = "Request, approve and list policy exceptions (the files the gate reads).",
        subcommands = {ExceptionCommand.Request.class, ExceptionCommand.Approve.class, ExceptionCommand.List.class})
public final class ExceptionCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The clock, replaceable in tests to show expiry. */
    static Clock clock = Clock.systemUTC();

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "request", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Ask for an exception; it applies only once someone else approves it.")
    static final class Request extends CliCommand {
        @Option(names = "--policy", required = true, paramLabel = "ID", description = "The policy it waives, or * for every policy.")
        String policy;
        @Option(names = "--env", paramLabel = "ENV", description = "The environment it is limited to (default: all).")
        String environment;
        @Option(names = "--artifact", paramLabel = "DIGEST", description = "The artifact digest it is limited to, sha256:<hex>.")
        String artifact;
        @Option(names = "--name-pattern", paramLabel = "GLOB", description = "Artifact names it is limited to, * and ? wildcards.")
        String namePattern;
        @Option(names = "--namespace", paramLabel = "NS", description = "The Kubernetes namespace it is limited to.")
        String namespace;
        @Option(names = "--justification", required = true, paramLabel = "TEXT", description = "Why the risk is accepted.")
        String justification;
        @Option(names = "--ticket", required = true, paramLabel = "REF", description = "The tracking ticket or link.")
        String ticket;
        @Option(names = "--requester", required = true, paramLabel = "NAME", description = "Who asks for it.")
        String requester;
        @ArgGroup(multiplicity = "1")
        Expiry expiry;
        @Option(names = "--id", paramLabel = "ID", description = "Its identifier (default: EXC-<date>-<random>).")
        String id;
        @Option(names = "--json", description = "Print the request as JSON.")
        boolean json;
        @Mixin
        GovernanceState state;

        static final class Expiry {
            @Option(names = "--expires", required = true, paramLabel = "TIME", description = "When it stops applying (RFC 3339).")
            String expires;
            @Option(names = "--for", required = true, paramLabel = "DURATION", description = "How long it applies once requested: 12h, 7d, PT2H.")
            String duration;
        }

        @Override
        protected int execute() throws Exception {
            Instant now = clock.instant();
            Instant expires = expiry.expires != null ? GovernanceState.instant("--expires", expiry.expires)
                    : now.plus(GovernanceState.duration("--for", expiry.duration)).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            fields.put("id", id != null ? id : "EXC-" + DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC).format(now)
                    + "-" + UUID.randomUUID().toString().substring(0, 8));
            fields.put("policy", policy);
            fields.put("artifact", artifact);
            fields.put("name_pattern", namePattern);
            fields.put("environment", environment);
            fields.put("namespace", namespace);
            fields.put("justification", justification);
            fields.put("requester", requester);
            fields.put("ticket", ticket);
            fields.put("expires", expires.toString());
            ObjectNode filed;
            try {
                filed = state.requests(clock).request(fields);
            } catch (IllegalArgumentException | SecurityException e) {
                throw GovernanceState.refused(e);
            } catch (UncheckedIOException e) {
                throw new CliException("changegate: " + e.getMessage() + ": " + e.getCause().getMessage(), 2);
            }
            if (json) {
                out().println(JSON.writeValueAsString(filed));
            } else {
                out().println("requested exception " + filed.get("id").asText() + " waiving " + policy
                        + (environment != null ? " in " + environment : "") + " until " + expires
                        + "; it applies once someone other than " + requester.strip() + " approves it:");
                out().println("  changegate exception approve " + filed.get("id").asText() + " --approver NAME");
            }
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a requested exception; the approver must not be the requester.")
    static final class Approve extends CliCommand {
        @Parameters(paramLabel = "ID", description = "The request to approve.")
        String id;
        @Option(names = "--approver", required = true, paramLabel = "NAME", description = "Who approves it.")
        String approver;
        @Option(names = "--json", description = "Print the exception as JSON.")
        boolean json;
        @Mixin
        GovernanceState state;

        @Override
        protected int execute() throws Exception {
            ExceptionGrant grant;
            try {
                grant = state.requests(clock).approve(id, approver);
            } catch (IllegalArgumentException | SecurityException e) {
                throw GovernanceState.refused(e);
            } catch (UncheckedIOException e) {
                throw new CliException("changegate: " + e.getMessage() + ": " + e.getCause().getMessage(), 2);
            }
            if (json) {
                out().println(JSON.writeValueAsString(grant.toJson()));
            } else {
                out().println("approved exception " + grant.id() + " (requested by " + grant.requester() + ", approved by "
                        + grant.approver() + "); it applies to decisions until " + grant.expires());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List pending requests and active exceptions (--all adds expired ones).")
    static final class List extends CliCommand {
        @Option(names = "--all", description = "Include expired exceptions.")
        boolean all;
        @Option(names = "--json", description = "Print JSON: {pending: [...], exceptions: [...]} with each exception's status.")
        boolean json;
        @Mixin
        GovernanceState state;

        @Override
        protected int execute() throws Exception {
            Instant now = clock.instant();
            ExceptionRequests requests = state.requests(clock);
            java.util.List<ObjectNode> pending;
            java.util.List<ExceptionGrant> exceptions;
            try {
                pending = requests.pending();
                exceptions = state.registry(clock).exceptions();
            } catch (IllegalArgumentException e) {
                throw new CliException("changegate: " + e.getMessage(), 2);
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            ArrayNode pendingJson = result.putArray("pending");
            ArrayNode exceptionJson = result.putArray("exceptions");
            pending.forEach(pendingJson::add);
            StringBuilder text = new StringBuilder();
            for (ObjectNode request : pending) {
                text.append(String.format("%-28s pending   %-22s %-6s requested by %s, expires %s%n", request.path("id").asText(),
                        request.path("policy").asText(), request.path("environment").asText("*"),
                        request.path("requester").asText(), request.path("expires").asText()));
            }
            for (ExceptionGrant grant : exceptions) {
                boolean active = grant.activeAt(now);
                if (!active && !all) {
                    continue;
                }
                ObjectNode entry = grant.toJson();
                entry.put("status", active ? "active" : "expired");
                exceptionJson.add(entry);
                text.append(String.format("%-28s %-9s %-22s %-6s %s approved by %s, expires %s%n", grant.id(),
                        active ? "active" : "expired", grant.policy(), grant.environment() == null ? "*" : grant.environment(),
                        grant.requester(), grant.approver(), grant.expires()));
            }
            if (json) {
                out().println(JSON.writeValueAsString(result));
            } else {
                out().print(text.isEmpty() ? "no exceptions\n" : text);
            }
            return 0;
        }
    }
}
