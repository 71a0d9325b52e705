package nl.marketplace.reviews.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of the service: the packaged jar (target/quarkus-app) as its own process, in
 * the prod profile, as a second pod would run it. Integration tests start as many as they need.
 */
public final class PackagedInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private final Process process;
    private final Path log;
    public final URI base;

    private PackagedInstance(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** The settings of an instance: those of every service under test, plain-text logs. */
    public static Map<String, String> config(String host, int dbPort, String database, int smtpPort) {
        Map<String, String> config = TestEnvironment.serviceConfig(host, dbPort, database, smtpPort);
        config.put("quarkus.log.console.json.enabled", "false");
        return config;
    }

    /** Starts the jar and waits until it is ready (or fails with the end of its log). */
    public static PackagedInstance start(String name, Map<String, String> config) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after ./mvnw package");
        }
        int port = TestEnvironment.freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PackagedInstance instance = new PackagedInstance(process, log, URI.create("http://127.0.0.1:" + port));
            instance.awaitReady(Duration.ofSeconds(90));
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a start that should fail ended: the exit code and everything the process printed. */
    public record Ended(int exitCode, String output) {
    }

    /**
     * Starts the jar with these settings (and nothing of the environment that could name a database)
     * and waits for it to stop by itself, which a misconfigured service must do within the timeout.
     */
    public static Ended startExpectingFailure(String name, Map<String, String> config, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=0");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_DATASOURCE") || k.startsWith("DB_") || k.startsWith("REVIEWS_"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the service should have stopped by itself within " + timeout + ": " + Files.readString(log));
                }
                return new Ended(process.exitValue(), Files.readString(log));
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI graphql() {
        return base.resolve("/graphql");
    }

    /** Whether /q/health/ready answers 200 now. */
    public boolean ready() {
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                close();
                throw new IllegalStateException("instance did not become ready; its log ends:\n" + tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Everything the instance printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The last lines of the instance's console output. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops it as Kubernetes does: SIGTERM, then the grace period. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
