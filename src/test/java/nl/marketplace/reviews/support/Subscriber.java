package nl.marketplace.reviews.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A GraphQL subscription client over WebSocket (graphql-transport-ws), as a browser would use it. */
public final class Subscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One client for every subscriber: hundreds of sockets need not be hundreds of selector threads. */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private final WebSocket socket;

    /** Connects; the token (may be null) goes in the connection_init payload, not in a header. */
    public Subscriber(URI httpEndpoint, String token) throws Exception {
        URI ws = URI.create(httpEndpoint.toString().replaceFirst("^http", "ws"));
        socket = CLIENT.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(ws, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                JsonNode message = JSON.readTree(text.toString());
                                if ("ping".equals(message.path("type").asText())) {
                                    // Keep-alive, answered as graphql-ws does; not a message for the test.
                                    webSocket.sendText("{\"type\":\"pong\"}", true);
                                } else {
                                    messages.add(message);
                                }
                            } catch (Exception e) {
                                messages.add(JSON.createObjectNode().put("type", "unparseable").put("text", text.toString()));
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closedByServer.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        send(token == null ? Map.of("type", "connection_init")
                : Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        JsonNode ack = next(Duration.ofSeconds(10));
        if (!"connection_ack".equals(ack.path("type").asText())) {
            throw new IllegalStateException("no connection_ack: " + ack);
        }
    }

    public void subscribe(String id, String query, Map<String, Object> variables) throws Exception {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    /** The next message from the server, or fails after the timeout. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** The next message, or null when none comes within the timeout. */
    public JsonNode poll(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server closed the socket. */
    public boolean closedByServer() {
        return closedByServer.isDone();
    }

    private void send(Object message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    /** Closes as a browser does: a close frame, the server's answer, then the connection ends. */
    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        try {
            closedByServer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not answer the close", e);
        } finally {
            socket.abort();
        }
    }
}
