package nl.marketplace.reviews.observability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Whether the SMTP server greets ("220 …") within 2 s of a TCP connection (a port that takes
 * connections and closes them is no mail server; with implicit TLS, quarkus.mailer.tls, the
 * connection alone counts, since the greeting comes inside TLS): in the health group "dependencies"
 * ({@code /q/health/group/dependencies}) and as the gauge {@code mail.smtp.reachable} (probed every
 * 30 s), never in readiness. Mails wait in the outbox while it is down, and a pod taken out of its
 * Service for it would stop every public read too.
 */
@HealthGroup(DependenciesHealth.GROUP)
@Startup // the gauge exists (at -1) from start, not from the first probe or health call
@ApplicationScoped
public class SmtpHealthCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final boolean mock;
    private final boolean implicitTls;
    /** 1 reachable, 0 not, -1 not probed yet (or mails are only logged). */
    private final AtomicInteger reachable = new AtomicInteger(-1);

    public SmtpHealthCheck(Vertx vertx, MeterRegistry registry, @ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") int port,
            @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean implicitTls) {
        this.vertx = vertx;
        this.implicitTls = implicitTls;
        this.host = host;
        this.port = port;
        this.mock = mock;
        Gauge.builder("mail.smtp.reachable", reachable, AtomicInteger::get)
                .description("1 when the SMTP server took a TCP connection at the last probe, 0 when not, -1 before the first")
                .register(registry);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (mock) {
            return Uni.createFrom().item(HealthCheckResponse.named("SMTP").up().withData("mode", "mock").build());
        }
        return probe().map(ok -> HealthCheckResponse.named("SMTP").status(ok)
                .withData("server", host + ":" + port).withData("reachable", ok).build());
    }

    @Scheduled(identity = "smtp-probe", every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return mock ? Uni.createFrom().voidItem() : probe().replaceWithVoid();
    }

    private Uni<Boolean> probe() {
        var client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) TIMEOUT.toMillis()));
        return client.connect(port, host)
                .chain(socket -> (implicitTls ? Uni.createFrom().item(true)
                        : socket.toMulti().toUni().ifNoItem().after(TIMEOUT).recoverWithItem((Buffer) null)
                                .map(greeting -> greeting != null && greeting.toString().startsWith("220")))
                        .call(() -> socket.close().onFailure().recoverWithNull()))
                .ifNoItem().after(TIMEOUT.multipliedBy(2)).fail()
                .onFailure().recoverWithItem(false)
                .eventually(client::close)
                .invoke(ok -> reachable.set(ok ? 1 : 0));
    }
}
