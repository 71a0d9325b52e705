package nl.marketplace.reviews.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.exclusion.Exclusion;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.security.LinkTokens;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * The hostile-input suite: every case of {@code src/test/resources/hostile/requests.jsonl} (one JSON
 * object a line) is sent over real HTTP as an attacker or a careless client would, and must get its
 * status, its error code (top-level {@code extensions.code} or a userError code), a body without
 * stack traces or Java class names, and leave every table of the database as it was (a digest of
 * every row of every table before and after; the scheduled jobs are paused meanwhile).
 *
 * <p>A case: {@code name}; {@code as} (owner, other, admin, anonymous, both, noid, forged, expired,
 * wrongIssuer, none, garbage, customerGroup); one of {@code operation} (a document of
 * graphql/operations), {@code query} or {@code raw} (the whole body, sent as is); {@code variables};
 * {@code contentType} and {@code accept} (defaults application/json and none); {@code status}
 * (default 200); {@code code}: a top-level code, {@code userError:CODE} or {@code userError:CODE@a.b}
 * (with the field path), {@code none} (no GraphQL answer) or {@code ok} (data and no errors: a request accepted on purpose). In every string, {@code @NAME@}
 * is replaced by the suite's data (ids, tokens) and {@code @REPEAT:text:n@} by text n times.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class HostileRequestsTest {

    /** ASCII only, with \\u escapes: a lone surrogate or a NUL in a case arrives as that very character. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");
    private static final Pattern REPEAT = Pattern.compile("@REPEAT:([^:@]*):([0-9]+)@");
    private static final Pattern LEAKS = Pattern.compile("nl\\.marketplace|java\\.[a-z]+\\.|graphql\\.[a-z]+\\.|io\\.(smallrye|vertx|quarkus)|"
            + "Exception|\\tat |StringValue\\{|Unknown Scalar Type|SQLSTATE|org\\.postgresql");
    private static final Map<String, String> DATA = new LinkedHashMap<>();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    /** The database as the previous case left it: with the jobs paused, only a case can change it. */
    private static String lastDigest;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Scheduler scheduler;

    @BeforeAll
    static void data() {
        long owner = TestData.partner("Hostile partner");
        long other = TestData.partner("Hostile other partner");
        long review = TestData.review(owner, 4, TestClock.now().minusDays(2), TestData.email(), "nl");
        long otherReview = TestData.review(other, 3, TestClock.now().minusDays(2), TestData.email(), "nl");
        TestData.reply(review, "Dank voor je beoordeling");
        long exclusion = TestData.count("INSERT INTO review_exclusion (review_id, reason, text, requested_by, requested_at) VALUES ("
                + review + ", 'CARRIER', 'Kwijt', 'partner-" + owner + "', " + TestData.timestamp(TestClock.now()) + ") RETURNING id");
        // A customer's unused single-use tokens: a refused submit must not spend them.
        String invitationToken = LinkTokens.newToken();
        long order = TestData.count("INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, "
                + "customer_city, customer_email, review_opt_in, expected_delivery_date) VALUES ('HOSTILE-" + owner + "', " + owner
                + ", 'K-hostile', 'Jenny', 'Enschede', '" + TestData.email() + "', true, " + "'" + TestClock.today().minusDays(4)
                + "') RETURNING id");
        TestData.execute("INSERT INTO review_invitation (order_id, status, token_hash, sent_at, expires_at, decided_on) VALUES (" + order
                + ", 'SENT', " + bytea(LinkTokens.hash(invitationToken)) + ", " + TestData.timestamp(TestClock.now().minusDays(1)) + ", "
                + TestData.timestamp(TestClock.now().plusDays(29)) + ", '" + TestClock.today().minusDays(1) + "')");
        String reReviewToken = LinkTokens.newToken();
        long reReviewed = TestData.review(owner, 3, TestClock.now().minusDays(5), TestData.email(), "nl");
        TestData.execute("INSERT INTO customer_contact (review_id, message, created_at) VALUES (" + reReviewed + ", 'Sorry', "
                + TestData.timestamp(TestClock.now().minusDays(1)) + ")");
        TestData.execute("INSERT INTO re_review_request (review_id, token_hash, requested_at, expires_at) VALUES (" + reReviewed + ", "
                + bytea(LinkTokens.hash(reReviewToken)) + ", " + TestData.timestamp(TestClock.now().minusDays(1)) + ", "
                + TestData.timestamp(TestClock.now().plusDays(13)) + ")");

        DATA.put("PARTNER", TestData.partnerId(owner));
        DATA.put("OTHER_PARTNER", TestData.partnerId(other));
        DATA.put("REVIEW", TestData.reviewId(review));
        DATA.put("OTHER_REVIEW", TestData.reviewId(otherReview));
        DATA.put("EXCLUSION", GlobalId.encode(Exclusion.TYPE, exclusion));
        DATA.put("MISSING_REVIEW", TestData.reviewId(999_999_999_999L));
        DATA.put("INVITATION_TOKEN", invitationToken);
        DATA.put("REREVIEW_TOKEN", reReviewToken);
        DATA.put("NEWEST_CURSOR", newestCursor(review));

        TOKENS.put("owner", Tokens.partner(owner));
        TOKENS.put("other", Tokens.partner(other));
        TOKENS.put("admin", Tokens.admin());
        TOKENS.put("both", Tokens.partnerAndAdmin(other));
        TOKENS.put("noid", Tokens.partnerWithoutId());
        TOKENS.put("forged", Tokens.forged(owner));
        TOKENS.put("expired", Tokens.expired(owner));
        TOKENS.put("wrongIssuer", Tokens.otherIssuer(owner));
        TOKENS.put("customerGroup", Tokens.otherGroup(owner));
        TOKENS.put("reviewAsPartnerId", Tokens.partnerIdClaim(TestData.reviewId(review)));
        TOKENS.put("garbage", "abc.def.ghi");
        TOKENS.put("none", Tokens.unsigned(owner));
    }

    private static String bytea(byte[] bytes) {
        return "decode('" + HexFormat.of().formatHex(bytes) + "', 'hex')";
    }

    /** A well-formed cursor of the NEWEST order (ReviewCursor's format), pointing at a review. */
    private static String newestCursor(long review) {
        String text = "r1:" + nl.marketplace.reviews.review.ReviewOrder.NEWEST.ordinal() + ":4:1700000000000000:" + review;
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void resumeJobs() {
        Arc.container().instance(Scheduler.class).get().resume();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = HostileRequestsTest.class.getResourceAsStream("/hostile/requests.jsonl")) {
            int line = 0;
            for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line++;
                if (text.isBlank() || text.startsWith("//")) {
                    continue;
                }
                JsonNode c = JSON.readTree(text);
                cases.add(Arguments.of(line + ": " + c.path("name").asText(), c));
            }
        }
        return cases.stream();
    }

    @Test
    void theSuiteHasAtLeast150Cases() throws IOException {
        assertTrue(cases().count() >= 150, "cases: " + cases().count());
    }

    /** The digest sees a change to any row: the suite's "changes nothing" can fail. */
    @Test
    void theDigestSeesAChangedRow() {
        String before = digest();
        TestData.execute("UPDATE reply SET text = text || '!' WHERE review_id = (SELECT min(review_id) FROM reply)");
        String changed = digest();
        TestData.execute("UPDATE reply SET text = left(text, length(text) - 1) WHERE review_id = (SELECT min(review_id) FROM reply)");
        // Each change moved the partner's score version (V15), and with it its public version (V13): set them back too.
        TestData.execute("UPDATE partner SET score_version = score_version - 2, public_version = public_version - 2 WHERE id = "
                + "(SELECT partner_id FROM review WHERE id = (SELECT min(review_id) FROM reply))");
        assertFalse(before.equals(changed));
        assertEquals(before, digest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileRequestIsAnsweredClearlyAndChangesNothing(String name, JsonNode c) throws Exception {
        if (lastDigest == null) {
            scheduler.pause(); // resumed after the last case
            lastDigest = quietDigest();
        }
        String before = lastDigest;
        HttpResponse<String> answer = send(c);
        String body = answer.body();

        assertEquals(c.path("status").asInt(200), answer.statusCode(), name + ": " + shown(body));
        assertFalse(LEAKS.matcher(body).find(), name + " leaks: " + shown(body));
        String code = c.path("code").asText();
        if (code.equals("none")) {
            assertTrue(body.isEmpty() || !body.contains("\"data\""), name + ": " + shown(body));
        } else if (code.equals("ok")) {
            JsonNode json = JSON.readTree(body);
            assertTrue(json.path("errors").isMissingNode() && json.path("data").isObject(), name + ": answered: " + shown(body));
        } else {
            JsonNode json = JSON.readTree(body);
            if (code.startsWith("userError:")) {
                String[] expected = code.substring("userError:".length()).split("@");
                List<String> found = new ArrayList<>();
                json.path("data").forEach(field -> field.path("userErrors").forEach(e -> found.add(e.path("code").asText() + "@"
                        + String.join(".", JSON.convertValue(e.path("field"), String[].class)))));
                assertTrue(json.path("errors").isMissingNode(), name + ": no top-level errors: " + shown(body));
                assertTrue(found.stream().anyMatch(f -> f.startsWith(expected[0] + "@") && (expected.length == 1 || f.equals(code
                        .substring("userError:".length())))), name + ": userErrors " + found + " in " + shown(body));
            } else {
                List<String> codes = new ArrayList<>();
                json.path("errors").forEach(e -> codes.add(e.path("extensions").path("code").asText("(none)")));
                assertFalse(codes.isEmpty(), name + ": an error: " + shown(body));
                assertTrue(codes.stream().allMatch(code::equals), name + ": codes " + codes + " in " + shown(body));
                json.path("errors").forEach(e -> assertFalse(e.path("message").asText().isBlank(), name + ": a message"));
            }
        }
        lastDigest = digest();
        assertEquals(before, lastDigest, name + " changed the database");
    }

    private HttpResponse<String> send(JsonNode c) throws Exception {
        String body;
        if (c.has("raw")) {
            body = expand(c.path("raw").asText());
        } else {
            ObjectNode request = JSON.createObjectNode();
            request.put("query", c.has("operation") ? Operations.read(c.path("operation").asText()) : c.path("query").asText());
            if (c.has("variables")) {
                request.set("variables", c.path("variables"));
            }
            body = expand(JSON.writeValueAsString(request));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String contentType = c.has("contentType") ? c.path("contentType").asText(null) : "application/json";
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (c.has("accept")) {
            request.header("Accept", c.path("accept").asText());
        }
        String as = c.path("as").asText("anonymous");
        if (!as.equals("anonymous")) {
            request.header("Authorization", "Bearer " + TOKENS.get(as));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String expand(String text) {
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, Matcher.quoteReplacement(repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
        }
        repeat.appendTail(out);
        Matcher placeholder = PLACEHOLDER.matcher(out.toString());
        StringBuilder done = new StringBuilder();
        while (placeholder.find()) {
            String value = DATA.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no data for " + placeholder.group());
            }
            placeholder.appendReplacement(done, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(done);
        return done.toString();
    }

    private static String shown(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }

    /** The digest once it holds still: a job run that began before the pause may still be writing. */
    private static String quietDigest() {
        String[] last = { digest() };
        Eventually.until("the database holds still", Duration.ofSeconds(10), () -> {
            String now = digest();
            boolean still = now.equals(last[0]);
            last[0] = now;
            return still;
        });
        return last[0];
    }

    /** A digest of every row of every table. */
    static String digest() {
        StringBuilder all = new StringBuilder();
        try (Connection c = TestEnvironment.connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            StringBuilder sql = new StringBuilder();
            for (String table : tables) {
                sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT '").append(table)
                        .append("', md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM \"").append(table)
                        .append("\" t");
            }
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                while (rs.next()) {
                    all.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }
}
