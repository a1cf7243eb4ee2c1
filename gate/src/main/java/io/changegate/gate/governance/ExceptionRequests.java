package io.changegate.gate.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Exceptions waiting for approval, kept beside the registry's approved ones in
 * {@code exception-requests/}: a request never applies to a decision; approving it by someone
 * other than the requester (and, when a list is configured, by an authorised approver) files it
 * in {@code exceptions/}, where every decision path reads it.
 */
public final class ExceptionRequests {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Fills the approver slot while a request is validated: a name no person can have. */
    private static final String PENDING = "\u0000pending";

    private final GovernanceRegistry registry;
    private final Set<String> approvers;
    private final Clock clock;

    /** @param approvers who may approve exceptions (case-insensitive); empty means anyone but the requester */
    public ExceptionRequests(GovernanceRegistry registry, Set<String> approvers, Clock clock) {
        this.registry = registry;
        this.approvers = approvers.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    private Path folder() {
        return registry.directory().resolve("exception-requests");
    }

    /**
     * Files a request: the JSON form of an exception without its approver. Every field is checked
     * as for an exception (errors name the field); refuses an id already used by a request or an
     * exception, and an expiry that is not in the future. Returns the request as filed.
     */
    public synchronized ObjectNode request(ObjectNode fields) {
        ObjectNode candidate = fields.deepCopy();
        candidate.put("approver", PENDING);
        ExceptionGrant request = ExceptionGrant.fromJson("request", candidate);
        if (!request.activeAt(clock.instant())) {
            throw new IllegalArgumentException("expires: " + request.expires() + " is not in the future");
        }
        if (find(request.id()) != null || registry.exceptions().stream().anyMatch(e -> e.id().equals(request.id()))) {
            throw new IllegalArgumentException("id: an exception or request with id " + request.id() + " already exists");
        }
        ObjectNode json = request.toJson();
        json.putNull("approver");
        json.put("requested", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        write(request.id(), json);
        return json;
    }

    /** The requests still waiting, as filed (the exception's JSON form, approver null, and when it was requested). */
    public List<ObjectNode> pending() {
        Path dir = folder();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ObjectNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                ObjectNode json = read(file).toJson();
                json.putNull("approver");
                json.set("requested", readJson(file).get("requested"));
                all.add(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return List.copyOf(all);
    }

    /**
     * Approves a request: the approver must differ from the requester, be authorised when a list
     * is configured, and the request must not have expired meanwhile. Returns the exception now in force.
     */
    public synchronized ExceptionGrant approve(String id, String approver) {
        Path file = folder().resolve(id + ".json");
        if (!id.matches("[A-Za-z0-9._-]{1,200}") || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no pending exception request " + id);
        }
        if (approver == null || approver.isBlank()) {
            throw new IllegalArgumentException("approver: say who approves");
        }
        if (!approvers.isEmpty() && !approvers.contains(approver.strip().toLowerCase(Locale.ROOT))) {
            throw new SecurityException(approver.strip() + " is not authorised to approve exceptions");
        }
        ExceptionGrant request = read(file);
        ExceptionGrant grant = new ExceptionGrant(request.id(), request.policy(), request.artifact(), request.namePattern(),
                request.environment(), request.namespace(), request.justification(), request.requester(), approver.strip(),
                request.ticket(), request.expires());
        if (!grant.activeAt(clock.instant())) {
            throw new IllegalArgumentException("request " + id + " expired at " + request.expires() + " before it was approved");
        }
        registry.addException(grant);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("approved, but cannot remove the request " + file, e);
        }
        return grant;
    }

    private ExceptionGrant find(String id) {
        Path file = folder().resolve(id + ".json");
        return Files.isRegularFile(file) ? read(file) : null;
    }

    /** The request as an exception whose approver is still the placeholder. */
    private static ExceptionGrant read(Path file) {
        ObjectNode copy = readJson(file);
        copy.put("approver", PENDING);
        return ExceptionGrant.fromJson(file.toString(), copy);
    }

    private static ObjectNode readJson(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(file + ": expected an exception request object");
        }
        return (ObjectNode) json;
    }

    private void write(String id, JsonNode json) {
        if (!id.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("id: '" + id + "' may only hold letters, digits, '.', '_' and '-'");
        }
        Path dir = folder();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
            Files.write(tmp, JSON.writeValueAsBytes(json));
            try {
                Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(id + ".json"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(id + ".json"), e);
        }
    }
}
