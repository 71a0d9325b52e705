package nl.marketplace.reviews.review;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * ReviewFilter.text: real Dutch and English review sentences, searched through PostgreSQL's text
 * search (V14__review_text_search.sql), combined with the other filters, every order and keyset
 * paging; and what is refused.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ReviewSearchTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String PAGE = """
            query($p: ID!, $first: Int, $after: String, $filter: ReviewFilter, $order: ReviewOrder) {
              reviews(partnerId: $p, first: $first, after: $after, filter: $filter, orderBy: $order) {
                totalCount
                pageInfo { hasNextPage endCursor }
                nodes { id overall }
              }
            }""";

    static String partnerId;
    /** Review id by a short name. */
    static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void reviewsWithTexts() {
        long partner = TestData.partner("Search partner");
        partnerId = TestData.partnerId(partner);
        // name, overall, pros, cons
        String[][] reviews = {
            {"goedVerpakt", "9", "Goed verpakt en snel", null},
            {"kapot", "2", null, "De verpakking was kapot en het product beschadigd"},
            {"dozen", "6", "Mooie verpakkingen", "Veel te grote dozen"},
            {"snelGeleverd", "8", "Snel geleverd, netjes", null},
            {"levering", "5", null, "De levering duurde twee weken"},
            // The seed's Jenny review: a delivery in three parts.
            {"jenny", "3", null, "Mijn bestelling werd in drie keer verdeeld geleverd en het laatste pakket is nog steeds niet binnen"},
            {"english", "8", "Well packaged, fast delivery", "Price was a bit high"},
            {"revised", "4", "Prima product", "Contact was traag"},
            {"plain", "7", "Prima", "Niets"},
        };
        int hour = 0;
        for (String[] r : reviews) {
            long key = TestData.review(partner, Integer.parseInt(r[1]), T0.plusHours(hour++));
            TestData.execute("UPDATE review SET pros = " + literal(r[2]) + ", cons = " + literal(r[3]) + " WHERE id = " + key);
            ids.put(r[0], TestData.reviewId(key));
        }
        TestData.revise(key("revised"), 8, "Toch nog netjes bezorgd, dank je", T0.plusDays(3));
        // Another partner's review with the same words is never found.
        long other = TestData.partner("Other search partner");
        long elsewhere = TestData.review(other, 9, T0);
        TestData.execute("UPDATE review SET pros = 'Goed verpakt, snel geleverd' WHERE id = " + elsewhere);
    }

    private static long key(String name) {
        return Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(ids.get(name))).split(":")[1]);
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }

    private static Set<String> found(String text) {
        return found(Map.of("text", text));
    }

    private static Set<String> found(Map<String, Object> filter) {
        JsonPath page = data(PAGE, "p", partnerId, "first", 100, "filter", filter);
        List<String> got = page.getList("data.reviews.nodes.id");
        assertEquals(got.size(), page.getInt("data.reviews.totalCount"), "totalCount of " + filter);
        Set<String> names = new TreeSet<>();
        ids.forEach((name, id) -> {
            if (got.contains(id)) {
                names.add(name);
            }
        });
        assertEquals(got.size(), names.size(), "only this partner's reviews: " + got);
        return names;
    }

    @Test
    void dutchWordFormsFindEachOther() {
        Set<String> packaging = Set.of("dozen", "goedVerpakt", "kapot");
        assertEquals(packaging, found("verpakking"));
        assertEquals(packaging, found("verpakt"));
        assertEquals(packaging, found("Verpakkingen"));
        // 'geleverd' and 'levering' share no stem prefix: search_synonym joins them.
        Set<String> delivered = Set.of("jenny", "levering", "snelGeleverd");
        assertEquals(delivered, found("levering"));
        assertEquals(delivered, found("geleverd"));
        assertEquals(Set.of("jenny"), found("pakket"));
        assertEquals(Set.of("jenny"), found("bestelling"));
        assertEquals(Set.of("kapot"), found("beschadiging"));
    }

    @Test
    void englishTextsAreFoundByEnglishWords() {
        assertEquals(Set.of("english"), found("packaging"));
        assertEquals(Set.of("english"), found("delivered"));
        assertEquals(Set.of("english"), found("prices"));
    }

    @Test
    void revisionCommentsAreSearchedToo() {
        assertEquals(Set.of("revised"), found("bezorging"));
        assertEquals(Set.of("revised"), found("traag"));
    }

    @Test
    void everyWordMustOccurAndPunctuationSeparatesWords() {
        assertEquals(Set.of("kapot"), found("verpakking kapot"));
        assertEquals(Set.of("goedVerpakt"), found("  snel, verpakt!? ".replace("!", ".")));
        assertEquals(Set.of(), found("verpakking traag"));
        assertEquals(Set.of(), found("xylofoon"));
    }

    @Test
    void combinesWithTheOtherFiltersAndEveryOrderWithExactKeysetPaging() {
        Map<String, Object> filter = new HashMap<>(Map.of("text", "verpakking", "overallMax", 8));
        assertEquals(Set.of("dozen", "kapot"), found(filter));
        assertEquals(Set.of("revised"), found(Map.of("text", "prima", "revised", true)));
        assertEquals(Set.of("plain"), found(Map.of("text", "prima", "revised", false)));
        for (ReviewOrder order : ReviewOrder.values()) {
            for (String text : List.of("verpakking", "geleverd", "prima")) {
                List<String> all = data(PAGE, "p", partnerId, "first", 100, "filter", Map.of("text", text), "order", order.name())
                        .getList("data.reviews.nodes.id");
                List<String> walked = new ArrayList<>();
                String after = null;
                for (int pages = 0; pages < 20; pages++) {
                    JsonPath page = data(PAGE, "p", partnerId, "first", 1, "after", after, "filter", Map.of("text", text), "order",
                            order.name());
                    walked.addAll(page.getList("data.reviews.nodes.id"));
                    assertEquals(all.size(), page.getInt("data.reviews.totalCount"));
                    after = page.getString("data.reviews.pageInfo.endCursor");
                    if (!page.getBoolean("data.reviews.pageInfo.hasNextPage")) {
                        break;
                    }
                }
                assertEquals(all, walked, order + " " + text + ": one at a time equals one big page");
                assertTrue(all.size() >= 2, text);
            }
        }
    }

    @Test
    void badSearchesAreRefusedWithBadUserInput() {
        for (String bad : List.of("verpakking & kapot", "verpakking !kapot", "verp*", "\"snel geleverd\"", "(a | b)", "kapot:A",
                "x".repeat(201), "snel\u0007geleverd", "   ", "?!.,", "een twee drie vier vijf zes zeven acht negen tien elf")) {
            JsonPath answer = post(PAGE, "p", partnerId, "filter", Map.of("text", bad));
            assertEquals(List.of("BAD_USER_INPUT"), errorCodes(answer), bad + ": " + answer.prettify());
            assertTrue(answer.getString("errors[0].message").contains("filter.text"), answer.getString("errors[0].message"));
        }
        // Ten words and 200 characters are fine.
        assertEquals(Set.of(), found("een twee drie vier vijf zes zeven acht negen tien"));
        assertEquals(Set.of(), found("x".repeat(200)));
    }
}
