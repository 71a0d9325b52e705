package nl.marketplace.reviews.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own (initdb and pg_ctl of the installed PostgreSQL), for tests
 * that stop or restart the database, or need a replica: never the machine's shared server. Trust
 * auth, user postgres, on a free port of 127.0.0.1; its files under /tmp, removed on close. As root
 * it runs as the postgres user, since PostgreSQL refuses to run as root. {@link #standby()} makes a
 * streaming hot standby of it ({@code pg_basebackup -R}), as CloudNativePG's replicas are.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    public final int port;

    private final String options;

    public PrivatePostgres() {
        this("");
    }

    /** @param options more server settings, as -c name=value ... */
    public PrivatePostgres(String options) {
        this.bin = binaries();
        this.port = TestEnvironment.freePort();
        this.options = options;
        try {
            this.dir = Files.createTempDirectory("reviews-pg-");
            run(List.of("chmod", "777", dir.toString()));
            Path data = dir.resolve("data");
            asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--no-sync");
            start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PrivatePostgres(Path bin, Path dir, int port, String options) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /**
     * A hot standby of this server, streaming from it (pg_basebackup -R writes its primary_conninfo),
     * on a port of its own, started and caught up.
     */
    public PrivatePostgres standby() {
        try {
            Path standbyDir = Files.createTempDirectory("reviews-pg-standby-");
            run(List.of("chmod", "777", standbyDir.toString()));
            asPostgres(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                    "-D", standbyDir.resolve("data").toString(), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast");
            PrivatePostgres standby = new PrivatePostgres(bin, standbyDir, TestEnvironment.freePort(), options);
            standby.start();
            return standby;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql)", e);
        }
    }

    public void start() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off " + options, "start");
    }

    /** A fast stop: connections are cut, as when the database's pod goes away. */
    public void stop() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped
        }
        run(List.of("rm", "-rf", dir.toString()));
    }
}
