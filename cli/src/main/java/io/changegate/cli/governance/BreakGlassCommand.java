package io.changegate.cli.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import io.changegate.gate.governance.BreakGlass;
import io.changegate.gate.governance.GovernanceRegistry;
import io.changegate.gate.governance.RetroApproval;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate break-glass}: open an emergency bypass, approve its retro-approvals, list both. */
@Command(name = "break-glass", mixinStandardHelpOptions = true,
        description = "Open a time-boxed emergency bypass (authorised people only, CHANGEGATE_BREAK_GLASS) and approve its retro-approval tasks.",
        subcommands = {BreakGlassCommand.Open.class, BreakGlassCommand.ApproveRetro.class, BreakGlassCommand.List.class})
public final class BreakGlassCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "open", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Open a break-glass: denied decisions in the environment are allowed, recorded, and leave a retro-approval task.")
    static final class Open extends CliCommand {
        @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment it opens.")
        String environment;
        @Option(names = "--artifact", paramLabel = "DIGEST", description = "Limit it to these artifacts (repeatable; default any).")
        java.util.List<String> artifacts = new ArrayList<>();
        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who breaks the glass (must be authorised).")
        String by;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, e.g. the incident.")
        String reason;
        @Option(names = "--ticket", paramLabel = "REF", description = "The incident ticket.")
        String ticket;
        @Option(names = "--for", paramLabel = "DURATION", defaultValue = "1h",
                description = "How long it stays open, at most 4h (default: ${DEFAULT-VALUE}).")
        String duration;
        @Option(names = "--json", description = "Print the break-glass as JSON.")
        boolean json;
        @Mixin
        GovernanceState state;

        @Override
        protected int execute() throws Exception {
            BreakGlass glass;
            try {
                glass = state.registry(ExceptionCommand.clock).openBreakGlass(environment, artifacts, by, reason, ticket,
                        GovernanceState.duration("--for", duration));
            } catch (IllegalArgumentException | SecurityException e) {
                throw GovernanceState.refused(e);
            } catch (UncheckedIOException e) {
                throw new CliException("changegate: " + e.getMessage() + ": " + e.getCause().getMessage(), 2);
            }
            if (json) {
                out().println(ExceptionCommand.JSON.writeValueAsString(glass.toJson()));
            } else {
                out().println("break-glass " + glass.id() + " open in " + glass.environment() + " until " + glass.expires()
                        + " by " + glass.invokedBy() + "; every decision it allows raises a retro-approval task");
            }
            return 0;
        }
    }

    @Command(name = "approve-retro", mixinStandardHelpOptions = true,
            description = "Approve a retro-approval task after the fact; not by the person who broke the glass.")
    static final class ApproveRetro extends CliCommand {
        @Parameters(paramLabel = "ID", description = "The retro-approval task, RA-….")
        String id;
        @Option(names = "--approver", required = true, paramLabel = "NAME", description = "Who approves it.")
        String approver;
        @Mixin
        GovernanceState state;

        @Override
        protected int execute() throws Exception {
            RetroApproval task;
            try {
                task = state.registry(ExceptionCommand.clock).approveRetroApproval(id, approver);
            } catch (IllegalArgumentException | SecurityException e) {
                throw GovernanceState.refused(e);
            } catch (UncheckedIOException e) {
                throw new CliException("changegate: " + e.getMessage() + ": " + e.getCause().getMessage(), 2);
            }
            out().println("retro-approval " + task.id() + " of decision " + task.decisionId() + " approved by " + task.approvedBy());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List break-glasses and retro-approval tasks; open tasks first.")
    static final class List extends CliCommand {
        @Option(names = "--json", description = "Print JSON: {break_glass: [...], retro_approvals: [...]}.")
        boolean json;
        @Mixin
        GovernanceState state;

        @Override
        protected int execute() throws Exception {
            Instant now = ExceptionCommand.clock.instant();
            GovernanceRegistry registry = state.registry(ExceptionCommand.clock);
            java.util.List<BreakGlass> glasses;
            java.util.List<RetroApproval> tasks;
            try {
                glasses = registry.breakGlasses();
                tasks = registry.retroApprovals();
            } catch (IllegalArgumentException e) {
                throw new CliException("changegate: " + e.getMessage(), 2);
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            ArrayNode glassJson = result.putArray("break_glass");
            ArrayNode taskJson = result.putArray("retro_approvals");
            StringBuilder text = new StringBuilder();
            for (RetroApproval task : tasks.stream().sorted(java.util.Comparator.comparing(t -> !t.open())).toList()) {
                taskJson.add(task.toJson());
                text.append(String.format("%-42s %-8s decision %s, break-glass %s by %s%s%n", task.id(),
                        task.open() ? "open" : "approved", task.decisionId(), task.breakGlass(), task.invokedBy(),
                        task.open() ? "" : ", approved by " + task.approvedBy()));
            }
            for (BreakGlass glass : glasses) {
                boolean active = glass.activeAt(now);
                ObjectNode entry = glass.toJson();
                entry.put("status", active ? "active" : "closed");
                glassJson.add(entry);
                text.append(String.format("%-42s %-8s %s by %s until %s: %s%n", glass.id(), active ? "active" : "closed",
                        glass.environment(), glass.invokedBy(), glass.expires(), glass.reason()));
            }
            if (json) {
                out().println(ExceptionCommand.JSON.writeValueAsString(result));
            } else {
                out().print(text.isEmpty() ? "no break-glass and no retro-approval tasks\n" : text);
            }
            return 0;
        }
    }
}
