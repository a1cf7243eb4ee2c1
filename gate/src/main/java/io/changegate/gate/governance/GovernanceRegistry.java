package io.changegate.gate.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Exceptions, break-glass grants and retro-approval tasks, one JSON (or YAML) file each in a
 * directory, so that they can be reviewed and versioned like policy.
 *
 * <p>Layout: {@code exceptions/*.json|yaml}, {@code break-glass/*.json}, {@code retro-approvals/*.json}.
 * Every reader sees the same files, so an exception applies identically in CI, the deploy API,
 * admission and audit. A file that is not valid fails the read with its name and field: a broken
 * exception never silently widens or narrows what is allowed.
 */
public final class GovernanceRegistry {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path directory;
    private final Set<String> breakGlassAuthorised;
    private final Duration breakGlassMaxDuration;
    private final Clock clock;

    /**
     * @param directory             where the files live (created on first write)
     * @param breakGlassAuthorised  who may break the glass (compared case-insensitively)
     * @param breakGlassMaxDuration the longest a break-glass may stay open
     */
    public GovernanceRegistry(Path directory, Set<String> breakGlassAuthorised, Duration breakGlassMaxDuration,
                              Clock clock) {
        this.directory = directory;
        this.breakGlassAuthorised = breakGlassAuthorised.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.breakGlassMaxDuration = breakGlassMaxDuration;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Every exception on file, expired ones included. */
    public List<ExceptionGrant> exceptions() {
        return readAll("exceptions", ExceptionGrant::fromJson);
    }

    /** Files a new exception; refuses an id that exists. */
    public synchronized ExceptionGrant addException(ExceptionGrant grant) {
        if (exceptions().stream().anyMatch(e -> e.id().equals(grant.id()))) {
            throw new IllegalArgumentException("id: an exception with id " + grant.id() + " already exists");
        }
        write("exceptions", grant.id(), grant.toJson());
        return grant;
    }

    /** Every break-glass on file. */
    public List<BreakGlass> breakGlasses() {
        return readAll("break-glass", BreakGlass::fromJson);
    }

    /** Opens a break-glass for an authorised person, for at most the configured duration. */
    public synchronized BreakGlass openBreakGlass(String environment, List<String> artifacts, String invokedBy,
                                                  String reason, String ticket, Duration duration) {
        if (invokedBy == null || invokedBy.isBlank()) {
            throw new IllegalArgumentException("invoked_by: say who breaks the glass");
        }
        if (!breakGlassAuthorised.contains(invokedBy.strip().toLowerCase(Locale.ROOT))) {
            throw new SecurityException(invokedBy + " is not authorised to break the glass");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: a break-glass needs a reason");
        }
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("environment: say which environment the break-glass opens");
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(breakGlassMaxDuration) > 0) {
            throw new IllegalArgumentException("duration: a break-glass lasts more than nothing and at most "
                    + breakGlassMaxDuration);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        BreakGlass glass = new BreakGlass("BG-" + UUID.randomUUID(), environment.strip(), artifacts, invokedBy.strip(),
                reason.strip(), ticket, now, now.plus(duration));
        write("break-glass", glass.id(), glass.toJson());
        return glass;
    }

    /** Every retro-approval task, open and approved. */
    public List<RetroApproval> retroApprovals() {
        return readAll("retro-approvals", RetroApproval::fromJson);
    }

    /** The tasks still waiting for approval: what reports list until someone approves them. */
    public List<RetroApproval> openRetroApprovals() {
        return retroApprovals().stream().filter(RetroApproval::open).toList();
    }

    /** Raises the retro-approval task of a decision allowed by break-glass. */
    public synchronized RetroApproval raiseRetroApproval(String decisionId, BreakGlass glass) {
        RetroApproval task = new RetroApproval("RA-" + UUID.randomUUID(), decisionId, glass.id(), glass.invokedBy(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), null, null);
        write("retro-approvals", task.id(), task.toJson());
        return task;
    }

    /** Approves a retro-approval task; the approver must not be the person who broke the glass. */
    public synchronized RetroApproval approveRetroApproval(String id, String approver) {
        RetroApproval task = retroApprovals().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retro-approval task " + id));
        if (!task.open()) {
            throw new IllegalArgumentException("retro-approval " + id + " was already approved by " + task.approvedBy());
        }
        if (approver == null || approver.isBlank() || approver.strip().equalsIgnoreCase(task.invokedBy())) {
            throw new IllegalArgumentException("approver: someone other than " + task.invokedBy()
                    + ", who broke the glass, must approve");
        }
        RetroApproval approved = new RetroApproval(task.id(), task.decisionId(), task.breakGlass(), task.invokedBy(),
                task.opened(), approver.strip(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        write("retro-approvals", task.id(), approved.toJson());
        return approved;
    }

    private <T> List<T> readAll(String folder, BiFunction<String, JsonNode, T> parse) {
        Path dir = directory.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<T> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = file.getFileName().toString();
                boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
                if (!yaml && !name.endsWith(".json")) {
                    continue;
                }
                JsonNode node;
                try {
                    node = (yaml ? YAML : JSON).readTree(file.toFile());
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ": not valid " + (yaml ? "YAML" : "JSON") + ": "
                            + e.getMessage(), e);
                }
                all.add(parse.apply(file.toString(), node));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return List.copyOf(all);
    }

    private void write(String folder, String id, JsonNode json) {
        if (!id.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("id: '" + id + "' may only hold letters, digits, '.', '_' and '-'");
        }
        Path dir = directory.resolve(folder);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
            Files.write(tmp, JSON.writeValueAsBytes(json));
            try {
                Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(id + ".json"), e);
        }
    }
}
