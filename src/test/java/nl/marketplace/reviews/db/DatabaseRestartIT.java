package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.event.EventCursor;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.PackagedInstance;
import nl.marketplace.reviews.support.PrivatePostgres;
import nl.marketplace.reviews.support.ResumingSubscriber;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * The database goes away and comes back under load: two instances of the packaged service on a
 * PostgreSQL server of this test's own, writers (customer mails and replies) and readers on both,
 * and resuming subscriptions on both. While it is down every request is answered, quickly, with an
 * error and a code (SERVICE_UNAVAILABLE, or OUTCOME_UNKNOWN for a change cut off on its way); afterwards the service recovers by itself, every mutation that answered success
 * is in the database, every stored mail arrives exactly once, and every subscription has every
 * event exactly once.
 */
class DatabaseRestartIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PrivatePostgres postgres;
    private static GreenMail smtp;
    private static PackagedInstance a;
    private static PackagedInstance b;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PrivatePostgres();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), TestEnvironment.USER, "");
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE reviews");
        }
        int smtpPort = TestEnvironment.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> config = PackagedInstance.config("127.0.0.1", postgres.port, "reviews", smtpPort);
        // The writers mail the same customers all the time: no contact limit here (ContactLimitTest has it).
        config.put("reviews.customer-contact.per-review-per-day", "1000000");
        config.put("reviews.customer-contact.per-review", "1000000");
        a = PackagedInstance.start("restart-a", config);
        b = PackagedInstance.start("restart-b", config);
        TestEnvironment.useDatabase(postgres.jdbcUrl("reviews"));
    }

    @AfterAll
    static void stop() {
        TestEnvironment.useDatabase(null);
        for (AutoCloseable c : new AutoCloseable[] { a, b, postgres }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping anyway
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** One request's outcome. */
    private record Outcome(boolean success, List<String> codes, long millis) {
    }

    private static Outcome call(PackagedInstance instance, String token, String query, Object... variables) {
        long start = System.nanoTime();
        try {
            Response r = GraphQL.postTo(instance.graphql(), token, query, variables);
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode body = JSON.readTree(r.asString());
            List<String> codes = new ArrayList<>();
            body.path("errors").forEach(e -> codes.add(e.path("extensions").path("code").asText("none")));
            body.path("data").forEach(field -> field.path("userErrors").forEach(e -> codes.add("userError " + e.path("code").asText())));
            boolean ok = r.statusCode() == 200 && codes.isEmpty() && body.path("data").isObject();
            if (r.statusCode() != 200) {
                codes.add("HTTP " + r.statusCode());
            }
            return new Outcome(ok, codes, millis);
        } catch (RuntimeException | java.io.IOException e) {
            return new Outcome(false, List.of("no answer: " + e), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void theServiceRidesOutADatabaseRestart() throws Exception {
        int partners = 4;
        long[] partner = new long[partners];
        long[] review = new long[partners];
        for (int p = 0; p < partners; p++) {
            partner[p] = TestData.partner("Restart partner " + p);
            review[p] = TestData.review(partner[p], 4, TestClock.now().minusDays(1), TestData.email(), "nl");
        }
        List<ResumingSubscriber> dashboards = new ArrayList<>();
        for (int p = 0; p < partners; p++) {
            for (PackagedInstance instance : List.of(a, b)) {
                dashboards.add(new ResumingSubscriber(instance.graphql(), Tokens.partner(partner[p]), Operations.read("ReviewEvents"),
                        TestData.partnerId(partner[p]), new EventCursor(partner[p], 0).encode()));
            }
        }

        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> mailedOk = ConcurrentHashMap.newKeySet();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        AtomicLong counter = new AtomicLong();
        ExecutorService load = Executors.newFixedThreadPool(6);
        for (int w = 0; w < 4; w++) {
            PackagedInstance instance = w % 2 == 0 ? a : b;
            int p = w % partners;
            load.submit(() -> {
                while (running.get()) {
                    String message = "Bericht #" + counter.incrementAndGet() + "#";
                    Outcome mailed = call(instance, Tokens.partner(partner[p]), Operations.read("EmailCustomer"), "input",
                            Map.of("reviewId", TestData.reviewId(review[p]), "message", message));
                    outcomes.add(mailed);
                    if (mailed.success()) {
                        mailedOk.add(message);
                    }
                    outcomes.add(call(instance, Tokens.partner(partner[p]), Operations.read("Reply"), "input",
                            Map.of("reviewId", TestData.reviewId(review[p]), "text", message)));
                    pause(20);
                }
            });
        }
        for (PackagedInstance instance : List.of(a, b)) {
            load.submit(() -> {
                while (running.get()) {
                    outcomes.add(call(instance, null, Operations.read("ReviewPage"), "partnerId", TestData.partnerId(partner[0])));
                    pause(20);
                }
            });
        }

        pause(3000);
        int before = outcomes.size();
        postgres.stop();
        // Readiness is "can serve requests": without its database a pod cannot.
        for (PackagedInstance instance : List.of(a, b)) {
            Eventually.until("not ready while the database is down", Duration.ofSeconds(20), () -> !instance.ready());
        }
        pause(3000);
        // A persisted query that must be looked up in the database: answered at once, with a code.
        Response lookup = io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "0".repeat(64)))))
                .when().post(a.graphql());
        assertEquals(503, lookup.statusCode(), lookup.asString());
        assertEquals(List.of("SERVICE_UNAVAILABLE"), lookup.jsonPath().getList("errors.extensions.code"));
        // A copy first: a view of the list that the writers go on adding to cannot be copied.
        List<Outcome> sofar = new ArrayList<>(outcomes);
        List<Outcome> duringOutage = new ArrayList<>(sofar.subList(before, sofar.size()));
        postgres.start();
        long back = System.nanoTime();
        // Both instances write again by themselves (their pools and LISTEN connections reconnect).
        for (PackagedInstance instance : List.of(a, b)) {
            List<Outcome> tries = new CopyOnWriteArrayList<>();
            Eventually.until("writes succeed again", Duration.ofSeconds(20), () -> {
                tries.add(call(instance, Tokens.partner(partner[0]), Operations.read("Reply"), "input",
                        Map.of("reviewId", TestData.reviewId(review[0]), "text", "Terug")));
                return tries.get(tries.size() - 1).success();
            }, () -> "last answers: " + tries.subList(Math.max(0, tries.size() - 3), tries.size()));
            Eventually.until("ready again", Duration.ofSeconds(20), instance::ready);
        }
        long recoveredMillis = (System.nanoTime() - back) / 1_000_000;
        // Go on until every partner has events after the outage too: how many fit in a fixed pause
        // depends on the machine (CI once had fewer than ten for one partner).
        for (int p = 0; p < partners; p++) {
            String lastSeq = "SELECT coalesce(max(last_seq), 0) FROM partner_event_counter WHERE partner_id = " + partner[p];
            long target = Math.max(TestData.count(lastSeq) + 5, 11);
            Eventually.until("partner " + p + " has events after the outage", Duration.ofSeconds(60),
                    () -> TestData.count(lastSeq) >= target);
        }
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));

        assertTrue(mailedOk.size() >= 20, "writes succeeded around the outage: " + mailedOk.size());
        assertTrue(outcomes.subList(before, outcomes.size()).stream().filter(Outcome::success).count()
                > duringOutage.stream().filter(Outcome::success).count(), "writes succeeded after the outage");

        // While the database was down: answered, within the bound, with a code.
        assertFalse(duringOutage.isEmpty(), "requests were made during the outage");
        assertTrue(duringOutage.stream().anyMatch(o -> !o.success()), "the outage was noticed");
        for (Outcome o : outcomes) {
            assertTrue(o.millis() < ANSWER_WITHIN.toMillis(), "an answer took " + o.millis() + " ms: " + o);
            if (!o.success()) {
                assertTrue(o.codes().stream().allMatch(c -> c.equals("SERVICE_UNAVAILABLE") || c.equals("OUTCOME_UNKNOWN")),
                        "failure codes: " + o);
            }
        }
        assertTrue(recoveredMillis < 20_000, "recovered in " + recoveredMillis + " ms");

        // Every mutation that answered success is in the database; every stored mail arrives once.
        Map<String, Integer> stored = new HashMap<>();
        try (Connection c = TestEnvironment.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT message FROM customer_contact")) {
            while (rs.next()) {
                stored.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        for (String message : mailedOk) {
            assertEquals(1, stored.getOrDefault(message, 0), message + " answered success, so it is stored once");
        }
        Eventually.until("every stored mail sent", Duration.ofSeconds(60),
                () -> TestData.count("SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL") == 0);
        // Two more runs of each instance's mail job after that: a late or second copy would be in by now.
        for (PackagedInstance instance : List.of(a, b)) {
            double runs = deliveryRuns(instance);
            Eventually.until("two more mail runs on " + instance.base, Duration.ofSeconds(30), () -> deliveryRuns(instance) >= runs + 2);
        }
        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String text = Mails.text(mail);
            stored.keySet().stream().filter(text::contains).forEach(m -> received.merge(m, 1, Integer::sum));
        }
        for (String message : stored.keySet()) {
            assertEquals(1, received.getOrDefault(message, 0), "mail of \"" + message + "\" arrived once");
        }

        // Every subscription, resumed as often as it was ended, has every event of its partner once, in order.
        for (int i = 0; i < dashboards.size(); i++) {
            long p = partner[i / 2];
            long last = TestData.count("SELECT last_seq FROM partner_event_counter WHERE partner_id = " + p);
            ResumingSubscriber d = dashboards.get(i);
            assertTrue(last > 10, "the dashboards had events to follow");
            Eventually.until("dashboard " + i + " caught up", Duration.ofSeconds(30), () -> d.cursors().size() >= last);
            d.close();
            List<String> expected = new ArrayList<>();
            for (long seq = 1; seq <= last; seq++) {
                expected.add(new EventCursor(p, seq).encode());
            }
            assertEquals(expected, d.cursors(), "dashboard " + i + " (ended: " + d.endings() + ")");
        }
    }

    /** mail_delivery_runs_total of an instance's /q/metrics. */
    private static double deliveryRuns(PackagedInstance instance) {
        String metrics = io.restassured.RestAssured.given().baseUri(instance.base.toString()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        // OpenMetrics: the value, then maybe an exemplar (" # {trace_id=…} 1.0 <time>").
        return metrics.lines().filter(l -> l.startsWith("mail_delivery_runs_total")).map(l -> l.replaceFirst(" # \\{.*$", ""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no mail_delivery_runs_total"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
