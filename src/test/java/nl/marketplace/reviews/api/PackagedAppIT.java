package nl.marketplace.reviews.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.OtlpReceiver;
import nl.marketplace.reviews.support.PackagedInstance;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The example operations against the packaged application (the jar, as it is deployed, in the
 * prod profile). With {@code quarkus.package.jar.aot.enabled=true} on JDK 25 this run also trains
 * the AOT cache.
 */
@QuarkusIntegrationTest
class PackagedAppIT extends OperationsTest {

    /** Where the integration test run writes the application's console output. */
    private static final Path LOG = Path.of("target", "quarkus.log");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern MAIL_ADDRESS = java.util.regex.Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");

    /**
     * The alert rules and the operator's dashboard (k8s/monitoring) name only metrics this jar exports:
     * after traffic (an answer, a user error, a parse failure), its /q/metrics is written to
     * target/metrics-scrape.txt and k8s/test/monitoring.mjs parses every expression with Prometheus'
     * own parser and looks each metric up there.
     */
    @Test
    void theAlertsAndTheDashboardNameOnlyMetricsTheServiceExports() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ partner(id: \"UGFydG5lcjox\") { name } }")).post("/graphql")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("query", "query Bad { reviews(partnerId: \"UGFydG5lcjox\", first: -1) { totalCount } }"))
                .post("/graphql").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("query", "{ partner(")).post("/graphql");
        Path scrape = Path.of("target", "metrics-scrape.txt");
        Files.writeString(scrape, given().get("/q/metrics").then().statusCode(200).extract().asString());
        Path tools = Path.of("k8s", "test");
        if (!Files.isDirectory(tools.resolve("node_modules"))) {
            // Output to the test's, but not its stdin: that is failsafe's command channel, which no child
            // should share (a CI run's fork once failed reading it, EAGAIN, "std/in stream corrupted", while
            // this test ran; a child that sets the shared pipe non-blocking does that).
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--silent").directory(tools.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            install.getOutputStream().close();
            assertEquals(0, install.waitFor());
        }
        Process check = new ProcessBuilder("node", "k8s/test/monitoring.mjs", scrape.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), output);
        assertTrue(output.contains("all"), output);
    }

    /** The production jar serves the dashboard, its libraries and import map, but has no dev sign-in. */
    @Test
    void theDashboardIsServedWithoutTheDevSignIn() {
        var page = given().get("/dashboard/").then().statusCode(200).extract();
        assertTrue(page.asString().contains("<review-dashboard>"));
        assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'none'; script-src 'self' 'sha256-"), page.header("Content-Security-Policy"));
        // The import map inline, made from the jars of the packaged classpath, and Lit where it says.
        var lit = java.util.regex.Pattern.compile("\"lit\":\"(/_static/lit/[^\"]+)\"").matcher(page.asString());
        assertTrue(lit.find(), page.asString());
        given().get(lit.group(1)).then().statusCode(200);
        given().get("/webjars/graphql-ws/lib/client.mjs").then().statusCode(200);
        given().get("/dashboard/dashboard.js").then().statusCode(200);
        given().get("/dashboard/dev-sign-in").then().statusCode(404);
    }

    /**
     * In prod every log line is JSON and a line written while serving a request carries that
     * request's id, even when it is written after the request left the event loop for the
     * database. An unexpected failure is the one such line at ERROR, so the test causes one. With
     * tracing on (an OTLP receiver of the test's own), the line carries the trace and span ids too:
     * the trace the caller's traceparent header started, and the request's span as exported.
     */
    @Test
    void logLinesAreJsonAndCarryTheRequestAndTraceIds() throws Exception {
        // The failure is caused on an instance and a database of its own (a table renamed away),
        // so the shared test schema is never touched.
        String database = "reviews_it_logs";
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection("jdbc:postgresql://" + TestEnvironment.HOST + ":"
                + TestEnvironment.PORT + "/postgres", TestEnvironment.USER, ""); java.sql.Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        }
        Map<String, String> config = TestEnvironment.serviceConfig(TestEnvironment.HOST, Integer.parseInt(TestEnvironment.PORT), database,
                TestEnvironment.freePort());
        config.put("quarkus.log.console.json.enabled", "true");
        OtlpReceiver receiver = new OtlpReceiver();
        config.putAll(receiver.start());
        String requestId = "log-check-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Path log;
        try (receiver; PackagedInstance instance = PackagedInstance.start("logs-instance", config)) {
            log = Path.of("target", "logs-instance.log");
            TestEnvironment.useDatabase("jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/" + database);
            try {
                long partner = TestData.partner("Log line partner");
                // The packaged jar runs the production clock, not TestClock: its "now" is the real one.
                long review = TestData.review(partner, 7, java.time.OffsetDateTime.now());
                TestData.execute("ALTER TABLE reply RENAME TO reply_away");
                given().baseUri(instance.base.toString()).contentType(ContentType.JSON).header("X-Request-Id", requestId)
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .body(Map.of("query", "query($id: ID!) { review(id: $id) { reply { text } } }",
                                "variables", Map.of("id", TestData.reviewId(review))))
                        .when().post("/graphql")
                        .then().statusCode(200).header("X-Request-Id", requestId);
            } finally {
                TestEnvironment.useDatabase(null);
            }
            JsonNode line = awaitLine(log, requestId);
            assertEquals("ERROR", line.path("level").asText(), line.toString());
            assertEquals(requestId, line.path("mdc").path("requestId").asText(), line.toString());
            assertTrue(line.path("message").asText().startsWith("Unexpected failure in"), line.toString());
            assertEquals(traceId, line.path("mdc").path("traceId").asText(), line.toString());
            String spanId = line.path("mdc").path("spanId").asText();
            // The line's span is one of the trace's exported spans, the request's or one beneath it.
            Eventually.until("the span " + spanId + " of trace " + traceId + " at the receiver", Duration.ofSeconds(20),
                    () -> receiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && s.spanId().equals(spanId)),
                    () -> receiver.spans().toString());
        }

        // No mail address at INFO or WARN, in this run's log of the packaged service. (Lines not starting with '{' are the JVM's own.)
        for (String text : logLines(LOG)) {
            if (text.startsWith("{")) {
                JsonNode each = JSON.readTree(text);
                if (List.of("INFO", "WARN").contains(each.path("level").asText())) {
                    assertFalse(MAIL_ADDRESS.matcher(each.path("message").asText()).find(), "a mail address in: " + text);
                }
            }
        }
    }

    private static JsonNode awaitLine(Path log, String requestId) throws Exception {
        String line = Eventually.value("a line with request id " + requestId + " in " + log, Duration.ofSeconds(10),
                () -> logLines(log).stream().filter(l -> l.contains(requestId)).findFirst());
        return JSON.readTree(line);
    }

    private static List<String> logLines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
