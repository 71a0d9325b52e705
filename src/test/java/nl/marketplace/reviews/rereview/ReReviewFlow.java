package nl.marketplace.reviews.rereview;

import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestData;

/** The partner's steps up to a re-review request, as the dashboard sends them. */
public final class ReReviewFlow {

    private ReReviewFlow() {
    }

    public static void emailCustomer(String token, long review, String message) {
        JsonPath answer = dataAs(token, Operations.read("EmailCustomer"), "input",
                Map.of("reviewId", TestData.reviewId(review), "message", message));
        assertEquals(List.of(), answer.getList("data.emailCustomer.userErrors"));
    }

    static JsonPath requestReReview(String token, long review) {
        return dataAs(token, Operations.read("RequestReReview"), "input", Map.of("reviewId", TestData.reviewId(review)));
    }

    /** Emails the customer, requests the re-review, and returns the token of the link in the mail. */
    static String tokenFromMail(String partnerToken, long review, String email) {
        emailCustomer(partnerToken, review, "Sorry, we hebben het opgelost.");
        JsonPath requested = requestReReview(partnerToken, review);
        assertEquals(List.of(), requested.getList("data.requestReReview.userErrors"));
        List<MimeMessage> mails = Mails.await(email, 2);
        for (MimeMessage mail : mails) {
            if (Mails.text(mail).contains("?token=")) {
                return Mails.token(mail);
            }
        }
        throw new AssertionError("no re-review mail");
    }

    static JsonPath submit(String token, Object overall, String comment) {
        java.util.HashMap<String, Object> input = new java.util.HashMap<>();
        input.put("token", token);
        input.put("overall", overall);
        input.put("comment", comment);
        return dataAs(null, Operations.read("SubmitReReview"), "input", input);
    }
}
