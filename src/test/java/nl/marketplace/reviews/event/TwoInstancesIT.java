package nl.marketplace.reviews.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.PackagedInstance;
import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Two instances of the packaged service on one database, as two pods: 200 subscriptions spread over
 * both, 50 partners, 2,000 changes in bursts of 200 at the same moment (replies through either
 * instance's API, new reviews and revisions published by other sessions). Every subscriber gets
 * every event of its own partner exactly once and in order, none of another's, and stays open.
 */
class TwoInstancesIT {

    private static final String DATABASE = "reviews_two_instances";
    private static final String ADMIN_URL = "jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/postgres";
    private static GreenMail smtp;
    private static PackagedInstance a;
    private static PackagedInstance b;

    @BeforeAll
    static void twoInstances() throws Exception {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, TestEnvironment.USER, ""); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        int smtpPort = TestEnvironment.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> config = PackagedInstance.config(TestEnvironment.HOST, Integer.parseInt(TestEnvironment.PORT), DATABASE,
                smtpPort);
        a = PackagedInstance.start("instance-a", config);
        b = PackagedInstance.start("instance-b", config);
        TestEnvironment.useDatabase("jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/" + DATABASE);
    }

    @AfterAll
    static void stop() {
        TestEnvironment.useDatabase(null);
        for (AutoCloseable c : new AutoCloseable[] { a, b }) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void everySubscriberOnEitherInstanceGetsEveryEventOfItsPartnerOnce() throws Exception {
        int perPartner = 4;
        EventBurst burst = new EventBurst(50, "Two pods partner");
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            for (long partner : burst.partners) {
                for (int i = 0; i < perPartner; i++) {
                    Subscriber s = new Subscriber((i % 2 == 0 ? a : b).graphql(), Tokens.partner(partner));
                    // From the partner's first event on, whenever this subscription registers.
                    s.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", TestData.partnerId(partner),
                            "after", new EventCursor(partner, 0).encode()));
                    subscribers.add(s);
                }
            }
            burst.fire(10, (p, r, text) -> reply(a, p, r, text), (p, r, text) -> reply(b, p, r, text));
            burst.assertEverySubscriberGotItsPartnersEvents(subscribers, perPartner, 10);
        } finally {
            subscribers.forEach(Subscriber::close);
        }
    }

    /** A reply deleted through one pod reaches the partner's dashboard on the other. */
    @Test
    void aDeletedReplyReachesASubscriberOnTheOtherInstance() throws Exception {
        long partner = TestData.partner("Deleted reply partner");
        long review = TestData.review(partner, 6, nl.marketplace.reviews.support.TestClock.now().minusDays(1));
        try (Subscriber s = new Subscriber(b.graphql(), Tokens.partner(partner))) {
            s.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", TestData.partnerId(partner),
                    "after", new EventCursor(partner, 0).encode()));
            reply(a, partner, review, "Dank je");
            var deleted = GraphQL.postTo(a.graphql(), Tokens.partner(partner), Operations.read("DeleteReply"), "input",
                    Map.of("reviewId", TestData.reviewId(review)));
            assertNull(deleted.jsonPath().get("errors"), deleted.asString());
            List<String> types = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                var message = s.next(java.time.Duration.ofSeconds(20));
                types.add(message.path("payload").path("data").path("reviewEvents").path("type").asText());
                if (i == 1) {
                    assertTrue(message.path("payload").path("data").path("reviewEvents").path("review").path("reply").isNull(),
                            "the review as it is now, without its reply: " + message);
                }
            }
            assertEquals(List.of("REPLY", "REPLY_DELETED"), types);
        }
    }

    private static void reply(PackagedInstance instance, long partner, long review, String text) {
        var answer = GraphQL.postTo(instance.graphql(), Tokens.partner(partner), Operations.read("Reply"), "input",
                Map.of("reviewId", TestData.reviewId(review), "text", text));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertNull(answer.jsonPath().get("errors"), answer.asString());
    }
}
