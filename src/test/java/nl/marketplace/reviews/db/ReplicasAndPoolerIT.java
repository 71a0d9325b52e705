package nl.marketplace.reviews.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.event.EventCursor;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.PackagedInstance;
import nl.marketplace.reviews.support.PgBouncer;
import nl.marketplace.reviews.support.PrivatePostgres;
import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * A cluster of this test's own, as CloudNativePG runs it: a primary, a streaming hot standby of it
 * (pg_basebackup -R), and Debian's PgBouncer 1.18 in transaction mode in front of both (the
 * read-write and the read-only Pooler). Instance {@code a} reads public data from the standby
 * through the pooler; {@code b} has no replica (a second pod, on the primary alone). Both reach the
 * primary through the pooler, LISTEN and Flyway directly. PgBouncer before 1.21 keeps no prepared
 * statements, and in transaction mode hands the two round trips of an uncached one to different
 * servers: the instances run with {@code cache-prepared-statements=false} and
 * {@code postgresql.use-layer7-proxy=true} (README, "Connections through a pooler").
 *
 * <p>Which server answered is counted with pg_stat_statements on each: the calls of the statements
 * of public data (those that read {@code version_partner}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasAndPoolerIT {

    private static final String MAX_LAG = "8s";
    private static PrivatePostgres primary;
    private static PrivatePostgres standby;
    private static PgBouncer pooler;
    private static GreenMail smtp;
    private static PackagedInstance a;
    private static PackagedInstance b;

    @BeforeAll
    static void cluster() throws Exception {
        primary = new PrivatePostgres("-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all");
        execute(primary, "postgres", "CREATE DATABASE reviews");
        execute(primary, "reviews", "CREATE EXTENSION pg_stat_statements");
        standby = primary.standby();
        pooler = new PgBouncer(Map.of("reviews", "host=127.0.0.1 port=" + primary.port + " dbname=reviews",
                "reviews_ro", "host=127.0.0.1 port=" + standby.port + " dbname=reviews"));
        int smtpPort = TestEnvironment.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> config = PackagedInstance.config("127.0.0.1", pooler.port, "reviews", smtpPort);
        config.put("quarkus.datasource.jdbc.url", primary.jdbcUrl("reviews"));
        config.put("reviews.db.direct-url", "postgresql://127.0.0.1:" + primary.port + "/reviews");
        config.put("quarkus.datasource.reactive.cache-prepared-statements", "false");
        config.put("quarkus.datasource.reactive.postgresql.use-layer7-proxy", "true");
        b = PackagedInstance.start("pooler-b", new HashMap<>(config));
        config.put("reviews.db.replica.url", "postgresql://127.0.0.1:" + pooler.port + "/reviews_ro");
        config.put("reviews.db.replica.max-lag", MAX_LAG);
        config.put("reviews.db.replica.check-interval", "250ms");
        a = PackagedInstance.start("replica-a", config);
        TestEnvironment.useDatabase(primary.jdbcUrl("reviews"));
        awaitUsable(true);
    }

    @AfterAll
    static void stop() {
        TestEnvironment.useDatabase(null);
        for (AutoCloseable c : new AutoCloseable[] { a, b, pooler, standby, primary }) {
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

    @Test
    @Order(1)
    void publicReadsAreAnsweredByTheReplicaSignedInReadsAndMutationsByThePrimary() throws Exception {
        long partner = TestData.partner("Replica shop");
        long review = TestData.review(partner, 7, java.time.OffsetDateTime.now().minusDays(2));
        awaitReplayed();

        long onStandby = publicReads(standby);
        long onPrimary = publicReads(primary);
        for (int i = 0; i < 3; i++) {
            readEverythingPublic(a, null, partner, review);
        }
        assertTrue(publicReads(standby) - onStandby >= 3 * 5, "the anonymous reads ran on the standby");
        assertEquals(onPrimary, publicReads(primary), "and none on the primary");

        onStandby = publicReads(standby);
        onPrimary = publicReads(primary);
        readEverythingPublic(a, Tokens.partner(partner), partner, review);
        reply(a, partner, review, "Signed in, on the primary");
        assertEquals(onStandby, publicReads(standby), "signed-in reads and mutations never run on the standby");
        assertTrue(publicReads(primary) - onPrimary >= 5, "they ran on the primary");

        onStandby = publicReads(standby);
        readEverythingPublic(b, null, partner, review);
        assertEquals(onStandby, publicReads(standby), "an instance without a replica reads the primary");
    }

    @Test
    @Order(2)
    void withReplayPausedAPartnerSeesItsReplyAtOnceTheShopPageWithinTheLagBound() throws Exception {
        long partner = TestData.partner("Paused replay shop");
        long review = TestData.review(partner, 6, java.time.OffsetDateTime.now().minusDays(1));
        awaitReplayed();
        Response before = detail(a, review, null);
        String oldTag = before.header("ETag");
        assertNotNull(oldTag, before.headers().toString());
        assertEquals(oldTag, detail(b, review, null).header("ETag"), "the same ETag on every pod, from the replica and from the primary");

        execute(standby, "reviews", "SELECT pg_wal_replay_pause()");
        try {
            long replicaReads = metric(a, "reviews_db_public_reads_total{source=\"replica\"}");
            reply(a, partner, review, "Direct zichtbaar voor de partner");
            // The partner, signed in: at once, from the primary.
            assertEquals("Direct zichtbaar voor de partner",
                    GraphQL.postTo(a.graphql(), Tokens.partner(partner), Operations.read("ReviewDetail"), "id", TestData.reviewId(review))
                            .jsonPath().getString("data.review.reply.text"));
            // The shop page: not yet, and under the old ETag, never the new one.
            Response stale = detail(a, review, null);
            assertNull(stale.jsonPath().get("data.review.reply"), stale.asString());
            assertEquals(oldTag, stale.header("ETag"));
            assertEquals(304, detail(a, review, oldTag).statusCode(), "the replica's answer is still the client's copy");
            // Another pod on the primary has the reply, under a new ETag; a revalidation of it where the replica is behind goes to the primary.
            Response fresh = detail(b, review, null);
            assertEquals("Direct zichtbaar voor de partner", fresh.jsonPath().getString("data.review.reply.text"));
            String newTag = fresh.header("ETag");
            assertNotEquals(oldTag, newTag);
            assertEquals(304, detail(a, review, newTag).statusCode(), "the primary confirms the client's newer copy");
            assertEquals(200, detail(b, review, oldTag).statusCode(), "the primary has a change the old copy lacks");
            assertTrue(metric(a, "reviews_db_public_reads_total{source=\"replica\"}") > replicaReads,
                    "all of this while the replica was still in use");

            // Past the lag bound, public reads go to the primary, with a metric and a log line.
            awaitUsable(false);
            assertEquals("Direct zichtbaar voor de partner", detail(a, review, null).jsonPath().getString("data.review.reply.text"));
            assertTrue(a.log().contains("Public reads go to the primary: the replica is more than " + MAX_LAG), a.tail());
        } finally {
            execute(standby, "reviews", "SELECT pg_wal_replay_resume()");
        }
        awaitUsable(true);
        long onStandby = publicReads(standby);
        Response back = detail(a, review, null);
        assertEquals("Direct zichtbaar voor de partner", back.jsonPath().getString("data.review.reply.text"));
        assertTrue(publicReads(standby) > onStandby, "back on the replica");
        assertTrue(a.log().contains("Public reads are back on the replica"), a.tail());
    }

    @Test
    @Order(3)
    void aStoppedReplicaCostsThePrimaryAndNoRead() throws Exception {
        long partner = TestData.partner("Replica outage shop");
        long review = TestData.review(partner, 9, java.time.OffsetDateTime.now().minusDays(1));
        awaitReplayed();
        standby.stop();
        try {
            // From the moment it stops: every public read answers, without an error.
            for (int i = 0; i < 20; i++) {
                readEverythingPublic(a, null, partner, review);
            }
            awaitUsable(false);
            assertTrue(a.log().contains("Public reads go to the primary"), a.tail());
            assertTrue(a.ready(), "readiness is the primary's, not the replica's");
            assertEquals("DOWN", given().get(a.base.resolve("/q/health/group/dependencies")).jsonPath()
                    .getString("checks.find { it.name == 'Replica for public reads' }.status"));
        } finally {
            standby.start();
        }
        awaitUsable(true);
        long onStandby = publicReads(standby);
        readEverythingPublic(a, null, partner, review);
        assertTrue(publicReads(standby) > onStandby, "back on the replica");
    }

    @Test
    @Order(4)
    void everyOperationWorksThroughThePoolerInTransactionMode() throws Exception {
        long partner = TestData.partner("Pooled shop");
        String email = "pooled-" + UUID.randomUUID() + "@example.com";
        String orderNumber = "P-" + UUID.randomUUID();
        LocalDate delivered = LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).minusDays(3);
        Map<String, Object> order = new HashMap<>(Map.of("orderNumber", orderNumber, "partnerId", TestData.partnerId(partner),
                "customerId", "K-" + UUID.randomUUID(), "firstName", "Jenny", "city", "Enschede", "email", email, "reviewOptIn", true,
                "expectedDeliveryDate", delivered.toString()));
        JsonPath registered = ok(GraphQL.postTo(a.graphql(), Tokens.admin(), Operations.read("RegisterOrders"), "input",
                Map.of("orders", List.of(order))));
        assertEquals(1, registered.getInt("data.registerOrders.registered"));
        // The invitation as the job seals it (its mail is InvitationTimingTest's): a link the test knows.
        String token = invitation(orderNumber);

        try (Subscriber events = new Subscriber(a.graphql(), Tokens.partner(partner))) {
            events.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", TestData.partnerId(partner),
                    "after", new EventCursor(partner, 0).encode()));
            // 50 submits of one link at once, through the pooler: one review.
            ExecutorService pool = Executors.newFixedThreadPool(50);
            List<String> outcomes = new ArrayList<>();
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<JsonPath>> answers = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return ok(GraphQL.postTo(a.graphql(), null, Operations.read("SubmitReview"), "input",
                                Map.of("token", token, "overall", 4, "deliveryTime", 3)));
                    }));
                }
                start.countDown();
                for (Future<JsonPath> answer : answers) {
                    JsonPath submitted = answer.get(60, TimeUnit.SECONDS);
                    List<String> codes = submitted.getList("data.submitReview.userErrors.code");
                    outcomes.add(codes.isEmpty() ? "REVIEW" : String.join(",", codes));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, outcomes.stream().filter("REVIEW"::equals).count(), outcomes.toString());
            assertTrue(outcomes.stream().allMatch(o -> o.equals("REVIEW") || o.equals("TOKEN_USED")), outcomes.toString());
            long review = TestData.count("SELECT r.id FROM review r JOIN customer_order o ON o.id = r.order_id WHERE o.order_number = '"
                    + orderNumber + "'");
            awaitReplayed();
            readEverythingPublic(a, null, partner, review);
            readEverythingPublic(a, Tokens.partner(partner), partner, review);
            assertEquals(orderNumber, ok(GraphQL.postTo(a.graphql(), Tokens.partner(partner), Operations.read("SellerReview"), "id",
                    TestData.reviewId(review))).getString("data.review.sellerView.orderNumber"));

            String partnerToken = Tokens.partner(partner);
            Map<String, Object> ofReview = Map.of("reviewId", TestData.reviewId(review));
            reply(a, partner, review, "Dank voor uw eerlijke beoordeling");
            noUserErrors(GraphQL.postTo(a.graphql(), partnerToken, Operations.read("DeleteReply"), "input", ofReview), "deleteReply");
            noUserErrors(GraphQL.postTo(a.graphql(), partnerToken, Operations.read("EmailCustomer"), "input",
                    Map.of("reviewId", TestData.reviewId(review), "message", "Wat kunnen we voor u doen?")), "emailCustomer");
            noUserErrors(GraphQL.postTo(a.graphql(), partnerToken, Operations.read("RequestReReview"), "input", ofReview), "requestReReview");
            String reReviewToken = Eventually.value("the re-review mail", Duration.ofSeconds(30), () -> mailsTo(email).stream()
                    .map(ReplicasAndPoolerIT::reReviewToken).filter(java.util.Objects::nonNull).findFirst());
            noUserErrors(GraphQL.postTo(a.graphql(), null, Operations.read("SubmitReReview"), "input",
                    Map.of("token", reReviewToken, "overall", 8, "comment", "Netjes opgelost")), "submitReReview");
            JsonPath requested = noUserErrors(GraphQL.postTo(a.graphql(), partnerToken, Operations.read("RequestExclusion"), "input",
                    Map.of("reviewId", TestData.reviewId(review), "reason", "OTHER", "text", "Geen klant van ons")), "requestExclusion");
            noUserErrors(GraphQL.postTo(a.graphql(), Tokens.admin(), Operations.read("DecideExclusion"), "input",
                    Map.of("exclusionId", requested.getString("data.requestExclusion.exclusion.id"), "decision", "REJECTED")), "decideExclusion");

            // The subscription (LISTEN on the primary, directly) saw every change, in order.
            List<String> types = new ArrayList<>();
            while (types.size() < 8) {
                var message = events.poll(Duration.ofSeconds(20));
                assertNotNull(message, "events so far: " + types);
                types.add(message.path("payload").path("data").path("reviewEvents").path("type").asText(message.toString()));
            }
            assertEquals(List.of("NEW_REVIEW", "REPLY", "REPLY_DELETED", "CUSTOMER_EMAILED", "RE_REVIEW_REQUESTED", "REVISION",
                    "EXCLUSION_REQUESTED", "EXCLUSION_DECIDED"), types);
        }
        // Replay from the start, on the other pod: the same events.
        try (Subscriber replay = new Subscriber(b.graphql(), Tokens.partner(partner))) {
            replay.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", TestData.partnerId(partner),
                    "after", new EventCursor(partner, 0).encode()));
            for (int i = 0; i < 8; i++) {
                assertFalse(replay.next(Duration.ofSeconds(20)).path("payload").path("data").path("reviewEvents").isMissingNode());
            }
        }
    }

    // ---- the operations ------------------------------------------------------------------------

    /** The public queries of graphql/operations/, as a shop page or an app sends them (token null) or signed in. */
    private static void readEverythingPublic(PackagedInstance instance, String token, long partner, long review) {
        String partnerId = TestData.partnerId(partner);
        ok(GraphQL.postTo(instance.graphql(), token, Operations.read("PartnerSummaries"), "partnerIds", List.of(partnerId)));
        ok(GraphQL.postTo(instance.graphql(), token, Operations.read("PartnerList"), "ids", List.of(partnerId)));
        assertTrue(ok(GraphQL.postTo(instance.graphql(), token, Operations.read("ReviewPage"), "partnerId", partnerId))
                .getInt("data.partner.reviews.totalCount") >= 1);
        assertEquals(TestData.reviewId(review), ok(GraphQL.postTo(instance.graphql(), token, Operations.read("ReviewDetail"), "id",
                TestData.reviewId(review))).getString("data.review.id"));
        var get = given().accept("application/json").queryParam("query", Operations.read("ReviewDetail"))
                .queryParam("variables", "{\"id\":\"" + TestData.reviewId(review) + "\"}");
        if (token != null) {
            get = get.header("Authorization", "Bearer " + token);
        }
        assertEquals(200, get.when().get(instance.graphql()).statusCode());
    }

    private static Response detail(PackagedInstance instance, long review, String ifNoneMatch) {
        var request = given().accept("application/json").queryParam("query", Operations.read("ReviewDetail"))
                .queryParam("variables", "{\"id\":\"" + TestData.reviewId(review) + "\"}");
        if (ifNoneMatch != null) {
            request = request.header("If-None-Match", ifNoneMatch);
        }
        return request.when().get(instance.graphql());
    }

    private static void reply(PackagedInstance instance, long partner, long review, String text) {
        noUserErrors(GraphQL.postTo(instance.graphql(), Tokens.partner(partner), Operations.read("Reply"), "input",
                Map.of("reviewId", TestData.reviewId(review), "text", text)), "reply");
    }

    private static JsonPath ok(Response answer) {
        assertEquals(200, answer.statusCode(), answer.asString());
        assertNull(answer.jsonPath().get("errors"), answer.asString());
        return answer.jsonPath();
    }

    private static JsonPath noUserErrors(Response answer, String field) {
        JsonPath json = ok(answer);
        assertEquals(List.of(), json.getList("data." + field + ".userErrors"), answer.asString());
        return json;
    }

    /** Seals a link for the order's invitation as the invitation job does (LinkTokens: SHA-256 of the token). */
    private static String invitation(String orderNumber) throws Exception {
        String token = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 43);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        TestData.execute("INSERT INTO review_invitation (order_id, status, token_hash, sent_at, expires_at, decided_on) "
                + "SELECT id, 'SENT', decode('" + hash + "', 'hex'), now(), now() + interval '14 days', current_date "
                + "FROM customer_order WHERE order_number = '" + orderNumber + "'");
        return token;
    }

    private static List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(email));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).toList();
    }

    private static String reReviewToken(MimeMessage mail) {
        Matcher m = Pattern.compile("https://shop\\.test/opnieuw\\?token=([A-Za-z0-9_-]+)").matcher(Mails.text(mail));
        return m.find() ? m.group(1) : null;
    }

    // ---- the servers ----------------------------------------------------------------------------

    /** Calls on this server of the statements that read public data (they name version_partner). */
    private static long publicReads(PrivatePostgres server) throws SQLException {
        return query(server, "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query ~ ('version' || '_partner')");
    }

    /** Until the standby has replayed everything the primary wrote so far. */
    private static void awaitReplayed() throws SQLException {
        String lsn = queryText(primary, "SELECT pg_current_wal_lsn()::text");
        Eventually.until("the standby replayed " + lsn, Duration.ofSeconds(20),
                () -> query(standby, "SELECT CASE WHEN pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn THEN 1 ELSE 0 END") == 1);
    }

    private static void awaitUsable(boolean usable) {
        Eventually.until("reviews_db_replica_usable " + (usable ? 1 : 0), Duration.ofSeconds(30),
                () -> metric(a, "reviews_db_replica_usable") == (usable ? 1 : 0), a::tail);
    }

    /** A metric of the instance's /q/metrics: a name, with one label (name{label="value"}) or none. */
    private static long metric(PackagedInstance instance, String name) {
        String metrics = given().get(instance.base.resolve("/q/metrics")).asString();
        int brace = name.indexOf('{');
        String base = brace < 0 ? name : name.substring(0, brace);
        String label = brace < 0 ? null : name.substring(brace + 1, name.length() - 1);
        for (String line : metrics.split("\n")) {
            boolean named = line.startsWith(base + " ") || line.startsWith(base + "{");
            if (named && (label == null || line.contains(label))) {
                // OpenMetrics: the value, then maybe an exemplar (" # {trace_id=…} 1.0 <time>") of the request that moved it.
                String sample = line.replaceFirst(" # \\{.*$", "");
                return (long) Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name + " in:\n" + metrics);
    }

    private static void execute(PrivatePostgres server, String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), TestEnvironment.USER, ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long query(PrivatePostgres server, String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("reviews"), TestEnvironment.USER, "");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queryText(PrivatePostgres server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("reviews"), TestEnvironment.USER, "");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
