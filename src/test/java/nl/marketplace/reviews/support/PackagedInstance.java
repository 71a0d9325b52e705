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
        PackagedInstance instance = startOnly(name, config);
        instance.awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    /** Starts the jar and waits until it has started (/q/health/started), ready or not. */
    public static PackagedInstance startWithoutReadiness(String name, Map<String, String> config) {
        PackagedInstance instance = startOnly(name, config);
        instance.await("/q/health/started", Duration.ofSeconds(90));
        return instance;
    }

    private static PackagedInstance startOnly(String name, Map<String, String> config) {
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
            return new PackagedInstance(process, log, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a start that should fail ended: the exit code and everything the process printed. */
    public record Ended(int exitCode, String output) {
    }

    /**
     * Runs the jar with these settings (and nothing of the environment that could name a database)
     * and waits for it to stop by itself within the timeout: a misconfigured service must, and so
     * must the migration Job's run (QUARKUS_INIT_AND_EXIT).
     */
    public static Ended runUntilItStops(String name, Map<String, String> config, Map<String, String> environment, Duration timeout) {
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
                    throw new AssertionError("the jar should have stopped by itself within " + timeout + ": " + Files.readString(log));
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
        return answers("/q/health/ready");
    }

    /** What /q/health/ready says now (its JSON; empty when it does not answer). */
    public String readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private boolean answers(String path) {
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the instance is ready (or fails with the end of its log). */
    public void awaitReady(Duration timeout) {
        await("/q/health/ready", timeout);
    }

    private void await(String path, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!answers(path)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                close();
                throw new IllegalStateException("instance did not answer 200 on " + path + "; its log ends:\n" + tail());
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
