package io.changegate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the embedded libraries' logging out of the terminal unless CHANGEGATE_DEBUG is set. */
final class LibraryLogging {
    /** Strong references, so that java.util.logging keeps the levels set here. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private LibraryLogging() {
    }

    /**
     * Keeps the libraries' start-up chatter (schema migration, listener details, SLF4J's missing
     * provider notice) out of the terminal; warnings and errors still show.
     */
    static void quiet() {
        if (System.getenv("CHANGEGATE_DEBUG") != null) {
            return;
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        synchronized (QUIETED) {
            if (QUIETED.isEmpty()) {
                for (String name : List.of("org.flywaydb", "io.helidon")) {
                    Logger logger = Logger.getLogger(name);
                    logger.setLevel(Level.WARNING);
                    QUIETED.add(logger);
                }
                // A port in use is reported by this command in one line; Helidon would add a stack trace.
                Logger lifecycle = Logger.getLogger("io.helidon.webserver.LoomServer");
                lifecycle.setLevel(Level.OFF);
                QUIETED.add(lifecycle);
            }
        }
    }
}
