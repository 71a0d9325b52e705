package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/** A partner cannot mail a customer without end: 2 mails about a review a day, 10 in all (the defaults). */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ContactLimitTest {

    private static List<String> mail(long partner, long review, String message) {
        JsonPath answer = GraphQL.dataAs(Tokens.partner(partner), Operations.read("EmailCustomer"), "input",
                Map.of("reviewId", TestData.reviewId(review), "message", message));
        return answer.getList("data.emailCustomer.userErrors.code");
    }

    @Test
    void fiftyAtOnceSendTwoAndTheLimitHoldsDayByDay() throws Exception {
        long partner = TestData.partner("Chatty partner");
        String email = TestData.email();
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1), email, "nl");
        // Noon in Amsterdam, so that the test's own minutes never cross a midnight.
        TestClock.set(TestClock.today().atTime(LocalTime.NOON).atZone(TestClock.AMSTERDAM).toInstant());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<List<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                int n = i;
                calls.add(pool.submit(() -> mail(partner, review, "Bericht " + n)));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<List<String>> call : calls) {
                List<String> codes = call.get();
                outcomes.add(codes.isEmpty() ? "OK" : String.join(",", codes));
            }
            assertEquals(2, Collections.frequency(outcomes, "OK"), outcomes.toString());
            assertEquals(48, Collections.frequency(outcomes, "CONTACT_LIMIT"), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, TestData.count("SELECT count(*) FROM customer_contact WHERE review_id = " + review));
        assertEquals(2, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "'"));

        // Day after day two more, until ten in all.
        for (int day = 1; day <= 4; day++) {
            TestClock.set(TestClock.today().plusDays(day).atTime(LocalTime.NOON).atZone(TestClock.AMSTERDAM).toInstant());
            assertEquals(List.of(), mail(partner, review, "Dag " + day + " a"));
            assertEquals(List.of(), mail(partner, review, "Dag " + day + " b"));
            assertEquals(List.of("CONTACT_LIMIT"), mail(partner, review, "Dag " + day + " c"));
            TestClock.reset();
        }
        TestClock.set(TestClock.today().plusDays(5).atTime(LocalTime.NOON).atZone(TestClock.AMSTERDAM).toInstant());
        assertEquals(List.of("CONTACT_LIMIT"), mail(partner, review, "Nog een"), "ten in all");
        assertEquals(10, TestData.count("SELECT count(*) FROM customer_contact WHERE review_id = " + review));
    }
}
