package nl.marketplace.reviews.topic;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.review.ReviewTopics;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * PartnerScore.topics and monthlyTopics with real review sentences, each labelled by hand with the
 * topics it mentions in its pros and in its cons (the seed's Jenny review is about the delivery);
 * the counts are the labels', the platform's share the job's, ReviewFilter.topic the same reviews.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class TopicSharesTest {

    private static final Instant NOW = Instant.parse("2028-05-10T10:00:00Z");
    private static final String SHARES = "month reviewCount platformDay topics { topic mentionCount mentionPercentage prosCount "
            + "prosPercentage consCount consPercentage platformPercentage platformProsPercentage platformConsPercentage }";
    private static final String SCORE = "query($p: ID!) { partner(id: $p) { score { topics { " + SHARES + " } monthlyTopics(last: 3) { "
            + SHARES + " } } } }";
    private static final String FILTERED = "query($p: ID!, $f: ReviewFilter) { partner(id: $p) { reviews(first: 50, filter: $f) { totalCount nodes { id } } } }";

    /** A review: when (UTC), pros, cons, the topics its pros mention, those its cons mention. */
    record Labelled(String at, String pros, String cons, Set<String> inPros, Set<String> inCons) {
    }

    private static final List<Labelled> REVIEWS = List.of(
            new Labelled("2028-03-03T09:00:00Z", "Goed verpakt en snel bezorgd", null, Set.of("verpakking", "levering"), Set.of()),
            new Labelled("2028-03-31T22:30:00Z", "Prima prijs", "De doos was kapot", Set.of("prijs"), Set.of("verpakking", "productkwaliteit")),
            new Labelled("2028-04-02T12:00:00Z", null,
                    "Mijn bestelling werd in drie keer verdeeld geleverd en het laatste pakket is nog steeds niet binnen", Set.of(),
                    Set.of("levering")),
            new Labelled("2028-04-20T08:00:00Z", "Vriendelijke klantenservice, snel antwoord", "Beschrijving klopte niet",
                    Set.of("klantenservice"), Set.of("productinformatie")),
            new Labelled("2028-05-01T07:00:00Z", "Mooi product", "Niets", Set.of(), Set.of()),
            new Labelled("2028-05-09T16:00:00Z", "Great quality, fast delivery", "A bit expensive", Set.of("productkwaliteit", "levering"),
                    Set.of("prijs")));
    private static final List<String> TOPICS = List.of("klantenservice", "levering", "prijs", "productinformatie", "productkwaliteit",
            "verpakking");

    static long partner;
    static String partnerId;
    static final List<String> ids = new ArrayList<>();
    static long excluded;

    @Inject
    TopicService topics;
    @Inject
    ReviewTopics reviewTopics;

    @BeforeAll
    static void reviews() {
        partner = TestData.partner("Talked-about partner");
        partnerId = TestData.partnerId(partner);
        for (Labelled r : REVIEWS) {
            long key = TestData.review(partner, 7, OffsetDateTime.parse(r.at()));
            TestData.execute("UPDATE review SET pros = " + literal(r.pros()) + ", cons = " + literal(r.cons()) + " WHERE id = " + key);
            ids.add(TestData.reviewId(key));
        }
        // Excluded: never counted in the shares, whatever it says (the list shows it, marked, as it shows every review).
        excluded = TestData.review(partner, 2, OffsetDateTime.parse("2028-04-10T10:00:00Z"));
        TestData.execute("UPDATE review SET pros = 'Verpakking', cons = 'Verpakking', excluded = true WHERE id = " + excluded);
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }

    @BeforeEach
    void clock() {
        TestClock.set(NOW);
    }

    private static Integer percentage(long part, long whole) {
        return whole == 0 ? null : (int) ((part * 200 + whole) / (2 * whole));
    }

    /** The labels' counts over the reviews given in [from, to). */
    private static Map<String, Map<String, Object>> expected(Instant from, Instant to) {
        List<Labelled> in = REVIEWS.stream().filter(r -> !Instant.parse(r.at()).isBefore(from) && Instant.parse(r.at()).isBefore(to)).toList();
        Map<String, Map<String, Object>> byTopic = new LinkedHashMap<>();
        for (String topic : TOPICS) {
            long pros = in.stream().filter(r -> r.inPros().contains(topic)).count();
            long cons = in.stream().filter(r -> r.inCons().contains(topic)).count();
            long any = in.stream().filter(r -> r.inPros().contains(topic) || r.inCons().contains(topic)).count();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mentionCount", (int) any);
            m.put("mentionPercentage", percentage(any, in.size()));
            m.put("prosCount", (int) pros);
            m.put("prosPercentage", percentage(pros, in.size()));
            m.put("consCount", (int) cons);
            m.put("consPercentage", percentage(cons, in.size()));
            byTopic.put(topic, m);
        }
        byTopic.put("", Map.of("reviewCount", in.size()));
        return byTopic;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> got(Map<String, Object> shares) {
        Map<String, Map<String, Object>> byTopic = new LinkedHashMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) shares.get("topics")) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String f : List.of("mentionCount", "mentionPercentage", "prosCount", "prosPercentage", "consCount", "consPercentage")) {
                m.put(f, t.get(f));
            }
            byTopic.put((String) t.get("topic"), m);
        }
        byTopic.put("", Map.of("reviewCount", shares.get("reviewCount")));
        return byTopic;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSharesAreTheLabelledCountsOverTheWindowAndEachMonth() {
        JsonPath answer = data(SCORE, "p", partnerId);
        Map<String, Object> window = answer.getMap("data.partner.score.topics");
        // The window of 10 May 2028: 11 February through 10 May, Amsterdam days.
        assertEquals(expected(Instant.parse("2028-02-10T23:00:00Z"), Instant.parse("2028-05-10T22:00:00Z")), got(window));
        List<Map<String, Object>> months = answer.getList("data.partner.score.monthlyTopics");
        // 31 March 22:30 UTC is 1 April in Amsterdam (CEST).
        String[][] bounds = { { "2028-03-01", "2028-02-29T23:00:00Z", "2028-03-31T22:00:00Z" },
            { "2028-04-01", "2028-03-31T22:00:00Z", "2028-04-30T22:00:00Z" }, { "2028-05-01", "2028-04-30T22:00:00Z", "2028-05-10T22:00:00Z" } };
        for (int i = 0; i < 3; i++) {
            assertEquals(bounds[i][0], months.get(i).get("month"));
            assertEquals(expected(Instant.parse(bounds[i][1]), Instant.parse(bounds[i][2])), got(months.get(i)), bounds[i][0]);
            assertNull(months.get(i).get("platformDay"));
        }
        assertEquals(1, ((List<?>) months.get(0).get("topics")).stream()
                .filter(t -> ((Map<String, Object>) t).get("topic").equals("verpakking") && ((Map<String, Object>) t).get("mentionCount")
                        .equals(1)).count(), "March: only the first review is about the packaging (the second is April's)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePlatformSharesComeFromTheJob() {
        topics.recordPlatform().await().indefinitely();
        assertEquals(0, topics.recordPlatform().await().indefinitely(), "a second run the same day does nothing");
        long all = TestData.count("SELECT count(*) FROM review WHERE NOT excluded AND created_at >= '2028-02-10T23:00:00Z' "
                + "AND created_at < '2028-05-10T22:00:00Z'");
        Map<String, Object> window = data(SCORE, "p", partnerId).getMap("data.partner.score.topics");
        assertEquals("2028-05-10", window.get("platformDay"));
        for (Map<String, Object> t : (List<Map<String, Object>>) window.get("topics")) {
            String topic = (String) t.get("topic");
            String mentions = "SELECT count(*) FROM review r JOIN review_text_search s ON s.review_id = r.id WHERE NOT excluded "
                    + "AND created_at >= '2028-02-10T23:00:00Z' AND created_at < '2028-05-10T22:00:00Z' AND (%s)";
            String q = "(SELECT review_topic_query(string_to_array('" + String.join(",", reviewTopics.all().get(topic)) + "', ',')))";
            assertEquals(percentage(TestData.count(mentions.formatted("s.pros @@ " + q + " OR s.cons @@ " + q)), all),
                    t.get("platformPercentage"), topic);
            assertEquals(percentage(TestData.count(mentions.formatted("s.cons @@ " + q)), all), t.get("platformConsPercentage"), topic);
        }
        assertTrue(TestData.count("SELECT count(*) FROM platform_topic_share WHERE day = '2028-05-10'") == TOPICS.size());
    }

    @Test
    void aTopicFiltersTheListToTheReviewsThatMentionIt() {
        for (String topic : TOPICS) {
            Set<String> expected = new TreeSet<>();
            for (int i = 0; i < REVIEWS.size(); i++) {
                if (REVIEWS.get(i).inPros().contains(topic) || REVIEWS.get(i).inCons().contains(topic)) {
                    expected.add(ids.get(i));
                }
            }
            if (topic.equals("verpakking")) {
                expected.add(TestData.reviewId(excluded));
            }
            JsonPath page = data(FILTERED, "p", partnerId, "f", Map.of("topic", topic));
            assertEquals(expected, new TreeSet<>(page.getList("data.partner.reviews.nodes.id")), topic);
            assertEquals(expected.size(), page.getInt("data.partner.reviews.totalCount"), topic);
        }
        JsonPath unknown = post(FILTERED, "p", partnerId, "f", Map.of("topic", "weer"));
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(unknown));
        assertTrue(unknown.getString("errors[0].message").contains("verpakking"), unknown.getString("errors[0].message"));
    }
}
