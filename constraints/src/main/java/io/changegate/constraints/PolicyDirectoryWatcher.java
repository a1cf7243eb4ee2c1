package io.changegate.constraints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reloads a {@link PolicyStore} when its directory changes. It polls a fingerprint (paths, sizes,
 * modification times) rather than using a WatchService, because inotify misses changes made
 * through symlink swaps such as Kubernetes ConfigMap volumes.
 */
public final class PolicyDirectoryWatcher implements AutoCloseable {
    private final ScheduledExecutorService scheduler;
    private final Path dir;
    private final PolicyStore store;
    private final Consumer<PolicyStore.LoadReport> onReload;
    private volatile List<String> fingerprint;

    private PolicyDirectoryWatcher(Path dir, PolicyStore store, Consumer<PolicyStore.LoadReport> onReload) {
        this.dir = dir;
        this.store = store;
        this.onReload = onReload;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "changegate-policy-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling every {@code periodMillis}; reports every reload to {@code onReload}. */
    public static PolicyDirectoryWatcher start(Path dir, PolicyStore store, long periodMillis,
                                               Consumer<PolicyStore.LoadReport> onReload) throws IOException {
        PolicyDirectoryWatcher w = new PolicyDirectoryWatcher(dir, store, onReload);
        w.fingerprint = w.fingerprint();
        w.scheduler.scheduleWithFixedDelay(w::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return w;
    }

    private void poll() {
        try {
            List<String> now = fingerprint();
            if (!now.equals(fingerprint)) {
                fingerprint = now;
                onReload.accept(store.loadDirectory(dir));
            }
        } catch (IOException | RuntimeException e) {
            onReload.accept(new PolicyStore.LoadReport(store.current().templates().size(),
                    store.current().constraints().size(), List.of(dir + ": cannot reload: " + e.getMessage())));
        }
    }

    private List<String> fingerprint() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> PolicyStore.isManifest(dir, f)).sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    out.add(p + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
