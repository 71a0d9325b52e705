package nl.marketplace.reviews.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PgBouncer (apt-get install pgbouncer; .ci/run installs it) in transaction mode, in front
 * of a test's own PostgreSQL servers, as CloudNativePG's Pooler runs it: one pooled database name per
 * server (name to port), trust auth, on a free port. It runs as the postgres user when the tests run
 * as root (it refuses root).
 */
public final class PgBouncer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private final Process process;
    private final Path dir;
    public final int port;

    /** @param databases pooled name to "host=… port=… dbname=…" */
    public PgBouncer(Map<String, String> databases) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("PgBouncer is not installed: apt-get install pgbouncer (.ci/run does)");
        }
        this.port = TestEnvironment.freePort();
        try {
            dir = Files.createTempDirectory("reviews-pgbouncer-");
            StringBuilder ini = new StringBuilder("[databases]\n");
            databases.forEach((name, target) -> ini.append(name).append(" = ").append(target).append('\n'));
            ini.append("""
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = transaction
                    max_client_conn = 500
                    default_pool_size = 10
                    ignore_startup_parameters = extra_float_digits
                    server_reset_query =
                    logfile = %s
                    """.formatted(port, dir.resolve("users.txt"), dir.resolve("pgbouncer.log")));
            Files.writeString(dir.resolve("users.txt"), "\"postgres\" \"\"\n");
            Files.writeString(dir.resolve("pgbouncer.ini"), ini);
            new ProcessBuilder("chmod", "-R", "777", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.addAll(List.of(BINARY.toString(), dir.resolve("pgbouncer.ini").toString()));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Eventually.until("PgBouncer listens on " + port, java.time.Duration.ofSeconds(10), this::listening, this::log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What it logged, for a failure message. */
    public String log() {
        try {
            return Files.exists(dir.resolve("pgbouncer.log")) ? Files.readString(dir.resolve("pgbouncer.log")) : Files.readString(dir.resolve("stdout.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        // runuser does not pass the signal on: stop PgBouncer itself.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // gone anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
