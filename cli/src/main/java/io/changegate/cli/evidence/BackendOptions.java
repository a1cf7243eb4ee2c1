package io.changegate.cli.evidence;

import io.changegate.cli.CliException;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.StoreException;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --server URL --token T [--cacert PEM] | --store DIR} choice shared by the evidence commands. */
final class BackendOptions {
    /** Where the embedded store lives when neither option is given. */
    static final Path DEFAULT_STORE = Path.of(".changegate", "store");

    @Option(names = "--server", paramLabel = "URL", description = "A Changegate server, e.g. https://changegate.example.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for --server (default: the CHANGEGATE_TOKEN environment variable).")
    String token;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "Certificates to trust for --server instead of the system's, e.g. .changegate/tls/tls.crt.")
    Path caCert;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The embedded store's directory (default: .changegate/store).")
    Path store;

    /** Opens the chosen backend. */
    EvidenceBackend open() throws CliException {
        if (server != null && store != null) {
            throw new CliException("error: give either --server or --store, not both", 2);
        }
        if (server != null) {
            String scheme = server.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || server.getHost() == null) {
                throw new CliException("error: --server must be an http:// or https:// URL, got '" + server + "'", 2);
            }
            String bearer = token != null ? token : System.getenv("CHANGEGATE_TOKEN");
            return new RemoteEvidence(server, bearer, caCert == null ? null : io.changegate.cli.CaCertificates.trusting(caCert));
        }
        if (caCert != null) {
            throw new CliException("error: --cacert goes with --server", 2);
        }
        return new LocalEvidence(openStore(storeDirectory()));
    }

    boolean remote() {
        return server != null;
    }

    Path storeDirectory() {
        return store != null ? store : DEFAULT_STORE;
    }

    static EvidenceStore openStore(Path directory) throws CliException {
        try {
            return EvidenceStore.openEmbedded(directory);
        } catch (StoreException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
    }
}
