package nl.marketplace.reviews.api;

import static nl.marketplace.reviews.support.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Fast by construction: a page's nested fields are batched, so the number of SQL statements a
 * request sends does not depend on how many reviews it shows.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class StatementCountTest {

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    /**
     * The scheduled jobs use the same SQL client: keep them out of the count. A run that had
     * already started may still send a statement, so every figure below is the fewest of three
     * measurements (background work can only add to a count, never take from it).
     */
    @BeforeEach
    void pauseJobs() {
        scheduler.pause();
    }

    @AfterEach
    void resumeJobs() {
        scheduler.resume();
    }

    private long statements(String operation, Object... variables) {
        return statementsOf(Operations.read(operation), variables);
    }

    private long statementsOf(String query, Object... variables) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = db.statementCount();
            JsonPath answer = data(query, variables);
            assertTrue(answer.getMap("data").size() > 0);
            fewest = Math.min(fewest, db.statementCount() - before);
        }
        return fewest;
    }

    @Test
    void reviewPageSendsAsManyStatementsFor100ReviewsAsFor10() {
        long ten = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 10);
        long hundred = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 100);
        assertEquals(ten, hundred, "statements for 10 vs 100 reviews");
        // partner, score, monthly, page, count, revisions, replies
        assertEquals(7, hundred);
    }

    @Test
    void aListOfReviewsWithTheirPartnersAndScoresStaysConstant() {
        String query = """
                query($p: ID!, $n: Int) { reviews(partnerId: $p, first: $n) { nodes {
                  id revisions { overall } reply { text }
                  partner { name score { overall monthly(last: 2) { average } } reviews(first: 1) { totalCount } }
                } } }""";
        long five = statementsOf(query, "p", OperationsTest.DEMO_PARTNER, "n", 5);
        long hundred = statementsOf(query, "p", OperationsTest.DEMO_PARTNER, "n", 100);
        assertEquals(five, hundred);
        assertTrue(hundred <= 10, "statements: " + hundred);
    }

    @Test
    void partnerSummariesOfManyPartnersAreOneStatement() {
        long one = statements("PartnerSummaries", "partnerIds", java.util.List.of(OperationsTest.DEMO_PARTNER));
        long six = statements("PartnerSummaries", "partnerIds", java.util.List.of("UGFydG5lcjox", "UGFydG5lcjoy",
                "UGFydG5lcjoz", "UGFydG5lcjo0", "UGFydG5lcjo1", "UGFydG5lcjo2"));
        assertEquals(one, six);
        assertEquals(2, six); // the partners' existence, their scores
    }
}
