package nl.marketplace.reviews.api;

import static io.restassured.RestAssured.given;
import static nl.marketplace.reviews.support.GraphQL.data;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.marketplace.reviews.support.TestEnvironment;

/** What the platform team scrapes and probes, over HTTP. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OperationsEndpointsTest {

    @Test
    void healthHasLiveReadyWithTheDatabaseAndDependenciesApart() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", org.hamcrest.Matchers.not(hasItems("SMTP")))
                .body("checks.name", org.hamcrest.Matchers.not(hasItems("Review events")));
        given().when().get("/q/health/group/dependencies").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SMTP' }.data.reachable", equalTo(true))
                .body("checks.find { it.name == 'Review events' }.data.listening", equalTo(true));
    }

    /** Mail waits in the outbox while the SMTP server is away: the pod stays ready, the dependencies group says so. */
    @Test
    void anSmtpOutageLeavesReadinessUp() {
        TestEnvironment.stopMail();
        try {
            given().when().get("/q/health/group/dependencies").then().statusCode(503)
                    .body("checks.find { it.name == 'SMTP' }.status", equalTo("DOWN"));
            given().when().get("/q/health/ready").then().statusCode(200);
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            TestEnvironment.startMail();
        }
        given().when().get("/q/health/group/dependencies").then().statusCode(200);
    }

    @Test
    void metricsCoverGraphQLOperationsPoolsOutboxAndMail() {
        data(Operations.read("PartnerSummaries"), "partnerIds", List.of(OperationsTest.KASTENKONING));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "query Evil$Name { __typename }")).post("/graphql");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("graphql_requests_seconds_count{operation=\"PartnerSummaries\",outcome=\"ok\"}"), metrics);
        assertTrue(metrics.contains("http_server_requests_seconds_count"), "HTTP metrics");
        assertTrue(metrics.contains("mail_outbox_pending"), "outbox backlog");
        assertTrue(metrics.contains("mail_outbox_oldest_pending_seconds"), "outbox age");
        assertTrue(metrics.contains("mail_sent_total"), "mails sent");
        assertTrue(metrics.contains("mail_failed_total"), "mails failed");
        assertTrue(metrics.contains("reviews_events_listening 1.0"), "LISTEN");
        assertTrue(metrics.contains("mail_smtp_reachable"), "SMTP reachability");
        assertTrue(metrics.contains("vertx_sql") || metrics.contains("vertx_pool") || metrics.contains("agroal"), "pool metrics");
    }

    @Test
    void everyResponseCarriesARequestId() {
        String id = given().contentType(ContentType.JSON).body(Map.of("query", "{ __typename }")).post("/graphql")
                .then().extract().header("X-Request-Id");
        assertTrue(id != null && id.length() >= 8, String.valueOf(id));
        assertEquals("abc-123", given().header("X-Request-Id", "abc-123").contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql").then().extract().header("X-Request-Id"));
        String forged = given().header("X-Request-Id", "x\u0001y{}").contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql").then().extract().header("X-Request-Id");
        assertTrue(!forged.contains("{"), forged);
    }
}
