package nl.marketplace.reviews.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dashboard's subscription to reviewEvents as a well-behaved client keeps it: it remembers the
 * last cursor and, whenever the subscription ends (an error with a code, then complete) or the socket
 * goes, subscribes again with after: that cursor. Records every event's cursor and every code it
 * was ended with, for the test to check that nothing was lost or doubled.
 */
public final class ResumingSubscriber implements AutoCloseable {

    private final URI endpoint;
    private final String token;
    private final String query;
    private final String partnerId;
    private final List<String> cursors = new CopyOnWriteArrayList<>();
    private final List<String> endings = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String after;

    public ResumingSubscriber(URI endpoint, String token, String query, String partnerId, String after) {
        this.endpoint = endpoint;
        this.token = token;
        this.query = query;
        this.partnerId = partnerId;
        this.after = after;
        this.thread = new Thread(this::run, "resuming-subscriber");
        thread.setDaemon(true);
        thread.start();
    }

    /** The cursors of the events received, in order. */
    public List<String> cursors() {
        return List.copyOf(cursors);
    }

    /** The codes the subscription was ended with (and "socket" for a lost socket), in order. */
    public List<String> endings() {
        return List.copyOf(endings);
    }

    private void run() {
        int subscription = 0;
        while (running) {
            try (Subscriber s = new Subscriber(endpoint, token)) {
                while (running) {
                    String id = String.valueOf(++subscription);
                    s.subscribe(id, query, after == null ? Map.of("partnerId", partnerId) : Map.of("partnerId", partnerId, "after", after));
                    if (!follow(s)) {
                        break; // the socket is gone: connect again
                    }
                }
            } catch (Exception | AssertionError e) {
                if (running) {
                    endings.add("socket");
                    pause();
                }
            }
        }
    }

    /** Reads one subscription until it completes (true) or the socket is lost (false). */
    private boolean follow(Subscriber s) throws InterruptedException {
        while (running) {
            JsonNode message = s.poll(Duration.ofMillis(200));
            if (message == null) {
                if (s.closedByServer()) {
                    endings.add("socket");
                    return false;
                }
                continue;
            }
            String type = message.path("type").asText();
            JsonNode event = message.path("payload").path("data").path("reviewEvents");
            if ("next".equals(type) && event.isObject()) {
                after = event.path("cursor").asText();
                cursors.add(after);
            } else if ("next".equals(type)) {
                endings.add(message.path("payload").path("errors").path(0).path("extensions").path("code").asText("none"));
            } else if ("complete".equals(type)) {
                return true;
            } else if ("error".equals(type)) {
                endings.add("error:" + message.path("payload").path(0).path("extensions").path("code").asText("none"));
                pause();
                return true;
            }
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(15_000);
    }
}
