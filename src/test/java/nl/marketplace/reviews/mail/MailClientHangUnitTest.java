package nl.marketplace.reviews.mail;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;

/**
 * Tripwire (docs/upstream/mail-client-hang.md): Vert.x' mail client, under Quarkus' reactive mailer,
 * never completes a send when the server takes the connection and closes it before its greeting (a
 * load balancer with no SMTP server behind it does that). MailDelivery bounds every send with
 * reviews.mail.send-timeout for this reason. When this test fails, the client fails such a send by
 * itself: the timeout stays as a bound, but the note can go.
 */
class MailClientHangUnitTest {

    @Test
    void aConnectionClosedBeforeTheGreetingNeverEndsTheSend() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket ignored = server.accept()) {
                        // closed at once, without "220"
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MailClient client = MailClient.create(vertx, new MailConfig().setHostname("127.0.0.1").setPort(server.getLocalPort()));
            assertThrows(TimeoutException.class, () -> client.sendMail(new MailMessage().setFrom("a@example.com").setTo("b@example.com")
                    .setText("x")).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
