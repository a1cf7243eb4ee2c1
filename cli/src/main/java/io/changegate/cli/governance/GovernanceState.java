package io.changegate.cli.governance;

import io.changegate.cli.CliException;
import io.changegate.gate.LocalGate;
import io.changegate.gate.governance.ExceptionRequests;
import io.changegate.gate.governance.GovernanceRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The governance files of the embedded state directory, opened by {@link LocalGate#governance}
 * exactly as {@code changegate gate} opens them, so what these commands file is what the gate applies.
 * Exception approvers, when restricted, are listed in {@code CHANGEGATE_EXCEPTION_APPROVERS}.
 */
final class GovernanceState {
    @Option(names = {"--state", "--evidence"}, paramLabel = "DIR",
            description = "The embedded state directory the gate reads (default: .changegate).")
    Path state;

    /** The environment, replaceable in tests. */
    static Map<String, String> environment = System.getenv();

    GovernanceRegistry registry(Clock clock) {
        return LocalGate.governance(state != null ? state : Path.of(".changegate"), environment, clock);
    }

    ExceptionRequests requests(Clock clock) {
        return new ExceptionRequests(registry(clock), people("CHANGEGATE_EXCEPTION_APPROVERS"), clock);
    }

    private static Set<String> people(String variable) {
        return Arrays.stream(environment.getOrDefault(variable, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** {@code 30m}, {@code 12h}, {@code 7d} or an ISO-8601 duration such as {@code PT2H}. */
    static Duration duration(String option, String text) throws CliException {
        try {
            if (text.matches("[0-9]{1,6}[mhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException("error: " + option + ": '" + text + "' is not a duration such as 30m, 12h, 7d or PT2H", 2);
        }
    }

    static Instant instant(String option, String text) throws CliException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException("error: " + option + ": '" + text + "' is not an RFC 3339 time such as 2025-01-31T00:00:00Z", 2);
        }
    }

    /** A refused governance action as the one line the user sees, exit 1. */
    static CliException refused(RuntimeException e) {
        return new CliException("changegate: refused: " + e.getMessage(), 1);
    }
}
