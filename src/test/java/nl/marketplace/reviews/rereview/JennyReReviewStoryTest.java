package nl.marketplace.reviews.rereview;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;
import nl.marketplace.reviews.support.TestClock;

/**
 * The re-review story of the seed page, end to end over HTTP, on the real database and a real SMTP
 * server: Jenny's 4 becomes an 8 ("Gewijzigd op"), the earlier review stays readable, the partner's
 * average moves.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class JennyReReviewStoryTest {

    @Test
    void jennysFourBecomesAnEight() throws Exception {
        long partner = TestData.partner("Kastenkoning Enschede");
        String partnerId = TestData.partnerId(partner);
        String jennyEmail = TestData.email();
        TestData.review(partner, 10, 10, 10, 10, null, TestClock.now().minusDays(20));
        long jenny = TestData.review(partner, 4, 1, 7, 6, null, TestClock.now().minusDays(10), jennyEmail, "nl");
        TestData.execute("UPDATE review SET pros = 'Vier kasten besteld', cons = 'Laatste pakket nog steeds niet' WHERE id = " + jenny);
        String jennyId = TestData.reviewId(jenny);
        String seller = Tokens.partner(partner);

        JsonPath before = data(Operations.read("PartnerSummaries"), "partnerIds", List.of(partnerId));
        assertEquals(7.0, before.getDouble("data.partnerScores[0].overall"));
        assertEquals(50, before.getInt("data.partnerScores[0].positivePercentage"));

        JsonPath dashboard = dataAs(seller, Operations.read("SellerReview"), "id", jennyId);
        assertEquals("NOT_REQUESTED", dashboard.getString("data.review.sellerView.reReview.status"));
        assertEquals("CONTACT_REQUIRED", dashboard.getString("data.review.sellerView.reReview.ineligibleReason"));

        // Stap 1: first "E-mail de klant", then "Opnieuw laten beoordelen".
        dataAs(seller, Operations.read("EmailCustomer"), "input", Map.of("reviewId", jennyId,
                "message", "Hoi Jenny, wat vervelend dat je kasten in drie delen kwamen. Het laatste pakket is onderweg."));
        JsonPath requested = dataAs(seller, Operations.read("RequestReReview"), "input", Map.of("reviewId", jennyId));
        assertEquals(List.of(), requested.getList("data.requestReReview.userErrors"));
        assertEquals("SENT", requested.getString("data.requestReReview.reReview.status"));
        String requestedAt = requested.getString("data.requestReReview.reReview.requestedAt");
        dashboard = dataAs(seller, Operations.read("SellerReview"), "id", jennyId);
        assertEquals("SENT", dashboard.getString("data.review.sellerView.reReview.status")); // "Beoordelingsverzoek verzonden"
        assertEquals(requestedAt, dashboard.getString("data.review.sellerView.reReview.requestedAt"));
        assertFalse(dashboard.getBoolean("data.review.sellerView.reReview.eligible"));

        List<MimeMessage> mails = Mails.await(jennyEmail, 2);
        MimeMessage message = mails.stream().filter(m -> Mails.text(m).contains("drie delen")).findFirst().orElseThrow();
        assertEquals("Bericht van Kastenkoning Enschede over je beoordeling", message.getSubject());
        MimeMessage request = mails.stream().filter(m -> Mails.text(m).contains("?token=")).findFirst().orElseThrow();
        assertEquals("Wil je je beoordeling van Kastenkoning Enschede opnieuw geven?", request.getSubject());
        assertFalse(Mails.text(request).contains("drie delen"), "the partner writes nothing in the request");

        // Stap 2 and 3: Jenny follows the link and gives only a new overall score, with a short comment.
        JsonPath submitted = ReReviewFlow.submit(Mails.token(request), 8, "Is intussen goed opgelost en uitgelegd");
        assertEquals(List.of(), submitted.getList("data.submitReReview.userErrors"));
        assertEquals(8, submitted.getInt("data.submitReReview.revision.overall"));

        // Stap 4: the new score counts; sub-scores and texts stay; the earlier review stays readable.
        JsonPath detail = data(Operations.read("ReviewDetail"), "id", jennyId);
        assertEquals(8, detail.getInt("data.review.overall"));
        assertEquals(4, detail.getInt("data.review.originalOverall")); // "Bekijk eerdere beoordeling"
        assertEquals("POSITIVE", detail.getString("data.review.classification"));
        assertEquals(List.of(8), detail.getList("data.review.revisions.overall"));
        assertEquals(List.of(4), detail.getList("data.review.revisions.previousOverall"));
        assertEquals("Is intussen goed opgelost en uitgelegd", detail.getString("data.review.revisions[0].comment"));
        assertTrue(OffsetDateTime.parse(detail.getString("data.review.revisions[0].createdAt"))
                .isAfter(OffsetDateTime.parse(requestedAt))); // "Gewijzigd op"
        assertEquals(Map.of("deliveryTime", 1, "productInformation", 7, "delivery", 6),
                withoutNulls(detail.getMap("data.review.subScores")));
        assertEquals("Vier kasten besteld", detail.getString("data.review.pros"));
        assertEquals("Laatste pakket nog steeds niet", detail.getString("data.review.cons"));

        JsonPath after = data(Operations.read("PartnerSummaries"), "partnerIds", List.of(partnerId));
        assertEquals(9.0, after.getDouble("data.partnerScores[0].overall"));
        assertEquals(100, after.getInt("data.partnerScores[0].positivePercentage"));
        assertEquals(5.5, after.getDouble("data.partnerScores[0].subScores.deliveryTime.average"));

        dashboard = dataAs(seller, Operations.read("SellerReview"), "id", jennyId);
        assertEquals("COMPLETED", dashboard.getString("data.review.sellerView.reReview.status"));
        assertEquals(detail.getString("data.review.revisions[0].createdAt"), dashboard.getString("data.review.sellerView.reReview.completedAt"));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> m = new java.util.HashMap<>(map);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }
}
