package nl.marketplace.reviews.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Overload: requests beyond reviews.graphql.max-in-flight (64 here, the default) are answered 503
 * with Retry-After at once, and every slot is given back, also by a client that gives up.
 * Requests are held in flight by a lock on the partner table.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class InFlightLimitTest {

    private static final String QUERY = "{\"query\":\"{ partner(id: \\\"UGFydG5lcjoy\\\") { name } }\"}";
    private static final int MAX = 64;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    InFlightLimit limit;

    @Test
    void requestsBeyondTheLimitAreShedAtOnceAndTheAdmittedOnesComplete() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try (Connection lock = TestEnvironment.connect()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE partner IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < MAX; i++) {
                held.add(client.sendAsync(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(QUERY)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Eventually.until("64 requests in flight", Duration.ofSeconds(20), () -> limit.inFlight() == MAX,
                    () -> "in flight: " + limit.inFlight());

            long start = System.nanoTime();
            Response shed = given().contentType("application/json").body(QUERY).post("/graphql");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "shed at once, not queued behind the lock");
            assertEquals(503, shed.statusCode());
            assertEquals("1", shed.header("Retry-After"));
            assertEquals("SERVICE_UNAVAILABLE", shed.jsonPath().getString("errors[0].extensions.code"));
            Response shedGet = given().queryParam("query", "{ __typename }").get("/graphql");
            assertEquals(503, shedGet.statusCode());
            assertEquals(MAX, limit.inFlight());
            lock.rollback();
        }
        for (CompletableFuture<HttpResponse<String>> response : held) {
            HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"name\""), answer.body());
        }
        Eventually.until("every slot given back", Duration.ofSeconds(10), () -> limit.inFlight() == 0);
        assertEquals(200, given().contentType("application/json").body(QUERY).post("/graphql").statusCode());
    }

    @Test
    void clientsThatHangUpGiveTheirSlotsBack() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Connection lock = TestEnvironment.connect()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE partner IN ACCESS EXCLUSIVE MODE");
            List<Socket> sockets = new ArrayList<>();
            byte[] body = QUERY.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < MAX; i++) {
                Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
            Eventually.until("every slot taken", Duration.ofSeconds(20), () -> limit.inFlight() == MAX);
            for (Socket socket : sockets) {
                socket.close();
            }
            // The requests still wait for the lock, but nobody waits for their answers: a new one is admitted.
            CompletableFuture<HttpResponse<String>> admitted = client.sendAsync(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(QUERY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            assertTrue(!admitted.isDone(), "admitted and waiting, not shed");
            lock.rollback();
            assertEquals(200, admitted.get(30, TimeUnit.SECONDS).statusCode());
        }
        Eventually.until("every slot given back", Duration.ofSeconds(10), () -> limit.inFlight() == 0);
    }
}
