package nl.marketplace.reviews.mail;

import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * DOMAIN.md "Nothing is lost", the other way round: a mail is written in the transaction of the
 * change that causes it, so when that change rolls back, the mail does not exist either.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OutboxRollbackTest {

    @Inject
    Engine qute;

    @Inject
    LinkSealer sealer;

    @Test
    void aMailWhoseChangeRolledBackDoesNotExist() {
        long partner = TestData.partner("Rollback partner");
        String email = TestData.email();
        long review = TestData.review(partner, 4, TestClock.now().minusDays(2), email, "nl");
        // The mail is written, flushed to the database, and then the change fails.
        QuarkusMock.installMockForType(new MailOutbox(qute, sealer) {
            @Override
            public Uni<Void> enqueue(MailKind kind, String locale, String recipient, String customerId, Map<String, Object> data,
                    Link link, OffsetDateTime now) {
                return super.enqueue(kind, locale, recipient, customerId, data, link, now)
                        .chain(() -> Panache.getSession().chain(session -> session.flush()))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change fails after its mail was written")));
            }
        }, MailOutbox.class);

        JsonPath answer = GraphQL.postAs(Tokens.partner(partner), Operations.read("EmailCustomer"), "input",
                Map.of("reviewId", TestData.reviewId(review), "message", "Dit bericht gaat nooit weg"));

        assertEquals(List.of("INTERNAL_SERVER_ERROR"), errorCodes(answer));
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "'"), "no mail");
        assertEquals(0, TestData.count("SELECT count(*) FROM customer_contact WHERE review_id = " + review), "no contact either");
    }
}
