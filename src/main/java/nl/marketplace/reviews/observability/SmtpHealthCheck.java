package nl.marketplace.reviews.observability;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.core.net.NetClientOptions;

/**
 * Readiness includes the SMTP server: a TCP connection to it within 2 s. Mails wait in the outbox
 * while it is down, so the platform team may drop this from readiness with
 * {@code reviews.health.smtp-readiness=false} (then it reports UP with the finding).
 */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements AsyncHealthCheck {

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final boolean gatesReadiness;
    private final boolean mock;

    public SmtpHealthCheck(Vertx vertx, @ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") int port,
            @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock,
            @ConfigProperty(name = "reviews.health.smtp-readiness", defaultValue = "true") boolean gatesReadiness) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.mock = mock;
        this.gatesReadiness = gatesReadiness;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (mock) {
            return Uni.createFrom().item(HealthCheckResponse.named("SMTP").up().withData("mode", "mock").build());
        }
        var client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) Duration.ofSeconds(2).toMillis()));
        return client.connect(port, host)
                .chain(socket -> socket.close().replaceWith(true))
                .onFailure().recoverWithItem(false)
                .eventually(client::close)
                .map(reachable -> HealthCheckResponse.named("SMTP")
                        .status(reachable || !gatesReadiness)
                        .withData("server", host + ":" + port)
                        .withData("reachable", reachable)
                        .build());
    }
}
