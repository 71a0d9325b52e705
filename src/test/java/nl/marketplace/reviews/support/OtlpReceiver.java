package nl.marketplace.reviews.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real OTLP/HTTP endpoint for the service under test: it takes the exporter's POSTs to
 * /v1/traces (protobuf, gzip or not), reads the spans out of the wire format itself (the few fields
 * of opentelemetry-proto's ExportTraceServiceRequest a test needs) and lists them at GET /spans, one
 * span a line, so that a test reads them over HTTP like any client. Not a fake of the SDK: the
 * service's own exporter sends to it.
 */
public final class OtlpReceiver implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    /** The system property with the receiver's port, for the test. */
    public static final String PORT = "test.otlp.port";

    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** One span as received. kind: 1 internal, 2 server, 3 client. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind, Map<String, String> attributes) {

        String line() {
            StringBuilder line = new StringBuilder(traceId + "\t" + spanId + "\t" + parentSpanId + "\t" + kind + "\t" + name);
            attributes.forEach((k, v) -> line.append('\t').append(k).append('=').append(v.replace('\t', ' ').replace('\n', ' ')));
            return line.toString();
        }

        static Span of(String line) {
            String[] f = line.split("\t");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 5; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                attributes.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
            return new Span(f[0], f[1], f[2], f[4], Integer.parseInt(f[3]), attributes);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                read(body.readAllBytes());
                // An empty ExportTraceServiceResponse: all accepted.
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.createContext("/spans", exchange -> {
            StringBuilder text = new StringBuilder();
            spans.forEach(s -> text.append(s.line()).append('\n'));
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        System.setProperty(PORT, String.valueOf(port));
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + port,
                // Spans leave within a tenth of a second, not the default 5 s.
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The spans this receiver has so far, read in this JVM (for a receiver the test started itself). */
    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** The spans the receiver has so far (asked over HTTP: the test may run in another class loader). */
    public static List<Span> received() {
        try {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getProperty(PORT) + "/spans"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(l -> !l.isBlank()).map(Span::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- The protobuf wire format, as far as ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span goes.

    private void read(byte[] request) {
        for (Field resourceSpans : fields(request)) {
            if (resourceSpans.number == 1) {
                for (Field scopeSpans : fields(resourceSpans.bytes)) {
                    if (scopeSpans.number == 2) {
                        for (Field span : fields(scopeSpans.bytes)) {
                            if (span.number == 2) {
                                spans.add(span(span.bytes));
                            }
                        }
                    }
                }
            }
        }
    }

    private static Span span(byte[] bytes) {
        HexFormat hex = HexFormat.of();
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1 -> traceId = hex.formatHex(f.bytes);
                case 2 -> spanId = hex.formatHex(f.bytes);
                case 4 -> parent = f.bytes.length == 0 ? "-" : hex.formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.varint;
                case 9 -> {
                    String key = null, value = "";
                    for (Field kv : fields(f.bytes)) {
                        if (kv.number == 1) {
                            key = new String(kv.bytes, StandardCharsets.UTF_8);
                        } else if (kv.number == 2) {
                            for (Field any : fields(kv.bytes)) {
                                value = any.number == 1 ? new String(any.bytes, StandardCharsets.UTF_8) : String.valueOf(any.varint);
                            }
                        }
                    }
                    attributes.put(key, value);
                }
                default -> {
                }
            }
        }
        return new Span(traceId, spanId, parent.isEmpty() ? "-" : parent, name, kind, attributes);
    }

    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] buf) {
        List<Field> fields = new ArrayList<>();
        int[] pos = { 0 };
        while (pos[0] < buf.length) {
            long tag = varint(buf, pos);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(buf, pos), new byte[0]));
                case 1 -> {
                    pos[0] += 8;
                    fields.add(new Field(number, 0, new byte[0]));
                }
                case 2 -> {
                    int length = (int) varint(buf, pos);
                    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
                    out.write(buf, pos[0], length);
                    pos[0] += length;
                    fields.add(new Field(number, 0, out.toByteArray()));
                }
                case 5 -> {
                    pos[0] += 4;
                    fields.add(new Field(number, 0, new byte[0]));
                }
                default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " at " + pos[0]);
            }
        }
        return fields;
    }

    private static long varint(byte[] buf, int[] pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
