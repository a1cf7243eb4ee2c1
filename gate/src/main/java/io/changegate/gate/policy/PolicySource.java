package io.changegate.gate.policy;

import io.changegate.rego.RegoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The policies the gate decides with, kept current from a policy repository: a directory that is
 * re-read when its content changes, or an OPA bundle URL polled with ETag.
 *
 * <p>A new bundle replaces the serving one only once it has loaded, verified and compiled; one
 * that fails keeps the previous bundle serving and is reported through {@link #status()} and the
 * error listener, so a bad policy push never leaves the gate without policy. Decisions take the
 * bundle from {@link #get()} once each, so every decision record names the exact revision and
 * hash it was evaluated with.
 */
public final class PolicySource implements java.util.function.Supplier<CompiledPolicies>, AutoCloseable {
    /**
     * What is serving and how the last check went.
     *
     * @param origin      the directory or URL
     * @param revision    the serving bundle's revision
     * @param hash        the serving bundle's SHA-256
     * @param loadedAt    when the serving bundle was loaded
     * @param lastChecked when the repository was last checked
     * @param lastError   why the last candidate was refused, or null when the last check succeeded
     */
    public record Status(String origin, String revision, String hash, Instant loadedAt, Instant lastChecked,
                         String lastError) {
    }

    private final String origin;
    private final Loader loader;
    private final Clock clock;
    private final Consumer<String> onError;
    private final AtomicReference<CompiledPolicies> current = new AtomicReference<>();
    private volatile Status status;
    private ScheduledExecutorService scheduler;
    /** The content hash of a candidate already refused, so a broken push is reported once, not every tick. */
    private String refusedHash;
    /** The content hash seen on the previous tick: a directory is reloaded only once it has stopped changing. */
    private String pendingHash;

    /** Checks the repository once: returns a bundle to load, or null when nothing changed. */
    private interface Loader {
        PolicyBundle next() throws IOException;
    }

    private PolicySource(String origin, Loader loader, Clock clock, Consumer<String> onError) throws IOException, RegoException {
        this.origin = origin;
        this.loader = loader;
        this.clock = clock;
        this.onError = onError == null ? message -> { } : onError;
        PolicyBundle first = loader.next();
        if (first == null) {
            throw new IOException(origin + ": no policy bundle is available");
        }
        install(CompiledPolicies.compile(first));
    }

    /**
     * Policies from a directory, re-read by {@link #refresh()} or every {@code interval} once
     * {@link #start} is called. The first load must succeed.
     */
    public static PolicySource directory(Path directory, Clock clock, Consumer<String> onError) throws IOException, RegoException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + ": not a directory");
        }
        return new PolicySource(directory.toString(), () -> PolicyBundle.fromDirectory(directory), clock, onError);
    }

    /**
     * Policies from an OPA bundle server: a GET with {@code If-None-Match}; 304 keeps the serving
     * bundle, 200 brings a {@code .tar.gz} that must verify against {@code signatures} when it is
     * not null. The first download must succeed.
     */
    public static PolicySource url(URI url, BundleSignatures signatures, HttpClient http, Duration timeout, Clock clock,
                                   Consumer<String> onError) throws IOException, RegoException {
        return new PolicySource(url.toString(), new UrlLoader(url, signatures, http, timeout), clock, onError);
    }

    /**
     * Policies from a local {@code .tar.gz} bundle, re-read when the file's content changes (a
     * bundle copied in place by a deploy job). Verified against {@code signatures} when not null.
     */
    public static PolicySource bundleFile(Path archive, BundleSignatures signatures, Clock clock, Consumer<String> onError)
            throws IOException, RegoException {
        return new PolicySource(archive.toString(),
                () -> PolicyBundle.fromTarGz(archive.toString(), Files.readAllBytes(archive), signatures), clock, onError);
    }

    /**
     * The source a location names: an {@code http(s)://} bundle URL, a directory, or a
     * {@code .tar.gz} bundle file; what a {@code --policies} option accepts.
     */
    public static PolicySource open(String location, BundleSignatures signatures, Clock clock, Consumer<String> onError)
            throws IOException, RegoException {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            return url(URI.create(location), signatures, http, Duration.ofSeconds(30), clock, onError);
        }
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            if (signatures != null) {
                // A directory has no signed archive to verify; refusing is safer than silently skipping the check.
                throw new IOException(location + ": a verification key is configured, but a directory is not a signed bundle");
            }
            return directory(path, clock, onError);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(location + ": no such policy directory, bundle file or URL");
        }
        return bundleFile(path, signatures, clock, onError);
    }

    /** The serving policies. */
    @Override
    public CompiledPolicies get() {
        return current.get();
    }

    public Status status() {
        return status;
    }

    /**
     * Checks the repository now and loads what changed. Returns true when a new bundle is serving;
     * false when nothing changed or the candidate was refused (then {@link Status#lastError} says why).
     */
    public synchronized boolean refresh() {
        return check(false);
    }

    /** Checks every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized PolicySource start(Duration interval) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "changegate-policy-source");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, interval.toMillis());
            scheduler.scheduleWithFixedDelay(() -> {
                synchronized (this) {
                    check(true);
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private boolean check(boolean debounce) {
        Instant now = clock.instant();
        PolicyBundle candidate;
        try {
            candidate = loader.next();
        } catch (IOException | RuntimeException e) {
            return refuse(null, now, e.getMessage());
        }
        if (candidate == null) {
            // 304 Not Modified: nothing new, so an earlier refusal still stands.
            status = new Status(origin, status.revision(), status.hash(), status.loadedAt(), now, status.lastError());
            return false;
        }
        if (candidate.equals(current.get().bundle())) {
            pendingHash = null;
            refusedHash = null;
            status = new Status(origin, status.revision(), status.hash(), status.loadedAt(), now, null);
            return false;
        }
        if (candidate.hash().equals(refusedHash)) {
            status = new Status(origin, status.revision(), status.hash(), status.loadedAt(), now, status.lastError());
            return false;
        }
        if (debounce && !candidate.hash().equals(pendingHash)) {
            // An editor or a git checkout writes several files: wait one tick for the content to settle.
            pendingHash = candidate.hash();
            return false;
        }
        pendingHash = null;
        try {
            install(CompiledPolicies.compile(candidate));
            return true;
        } catch (RegoException | RuntimeException e) {
            return refuse(candidate.hash(), now, "revision " + candidate.revision() + " does not compile: " + e.getMessage());
        }
    }

    private boolean refuse(String hash, Instant now, String reason) {
        refusedHash = hash;
        String message = origin + ": keeping revision " + current.get().bundle().revision() + ": " + reason;
        boolean repeated = message.equals(status.lastError());
        status = new Status(origin, status.revision(), status.hash(), status.loadedAt(), now, message);
        if (!repeated) {
            // An unreachable server or a bad download fails the same way every tick: say it once.
            onError.accept(message);
        }
        return false;
    }

    private void install(CompiledPolicies compiled) {
        current.set(compiled);
        refusedHash = null;
        Instant now = clock.instant();
        status = new Status(origin, compiled.bundle().revision(), compiled.bundle().hash(), now, now, null);
    }

    /** Polls a bundle URL, remembering the ETag of the bundle it last accepted. */
    private static final class UrlLoader implements Loader {
        private final URI url;
        private final BundleSignatures signatures;
        private final HttpClient http;
        private final Duration timeout;
        private String etag;

        UrlLoader(URI url, BundleSignatures signatures, HttpClient http, Duration timeout) {
            this.url = Objects.requireNonNull(url);
            this.signatures = signatures;
            this.http = http;
            this.timeout = timeout;
        }

        @Override
        public PolicyBundle next() throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(url + ": interrupted");
            } catch (IOException e) {
                throw new IOException("cannot reach the bundle server: " + e, e);
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() == 304) {
                    return null;
                }
                if (response.statusCode() != 200) {
                    throw new IOException("the bundle server answered HTTP " + response.statusCode());
                }
                byte[] archive = body.readNBytes((int) PolicyBundle.MAX_BYTES + 1);
                PolicyBundle bundle = PolicyBundle.fromTarGz(url.toString(), archive, signatures);
                // Only an accepted bundle's ETag is remembered, so a refused one is fetched again and re-reported.
                etag = response.headers().firstValue("ETag").orElse(null);
                return bundle;
            }
        }
    }
}
