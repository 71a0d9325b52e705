package nl.marketplace.reviews.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.PackagedInstance;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Readiness means "can serve requests": the packaged service with no SMTP server at all and its
 * LISTEN connection refused (reviews.db.direct-url points at a port where nothing listens) is ready
 * and answers public reads; the health group "dependencies" and the metrics say what is missing.
 * (That a database outage does make it not ready: {@code DatabaseRestartIT}.)
 */
class DependencyOutageIT {

    private static final String DATABASE = "reviews_it_dependencies";

    @Test
    void smtpAndListenDownKeepThePodReady() throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT
                + "/postgres", TestEnvironment.USER, ""); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        int noSmtp = TestEnvironment.freePort();
        int noListen = TestEnvironment.freePort();
        Map<String, String> config = PackagedInstance.config(TestEnvironment.HOST, Integer.parseInt(TestEnvironment.PORT), DATABASE, noSmtp);
        config.put("reviews.db.direct-url", "postgresql://127.0.0.1:" + noListen + "/" + DATABASE);
        // start() waits for /q/health/ready: with both dependencies down it must still become ready.
        try (PackagedInstance instance = PackagedInstance.start("dependencies-down", config)) {
            TestEnvironment.useDatabase("jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/" + DATABASE);
            long partner;
            try {
                partner = TestData.partner("Dependency outage partner");
            } finally {
                TestEnvironment.useDatabase(null);
            }

            given().baseUri(instance.base.toString()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(instance.base.toString()).get("/q/health/live").then().statusCode(200);
            JsonPath dependencies = given().baseUri(instance.base.toString()).get("/q/health/group/dependencies")
                    .then().statusCode(503).extract().jsonPath();
            assertEquals("DOWN", dependencies.getString("checks.find { it.name == 'SMTP' }.status"), dependencies.prettify());
            assertEquals("DOWN", dependencies.getString("checks.find { it.name == 'Review events' }.status"), dependencies.prettify());
            // Neither is in readiness, nor the other way round.
            List<String> ready = given().baseUri(instance.base.toString()).get("/q/health/ready").then().extract().jsonPath()
                    .getList("checks.name");
            assertTrue(ready.stream().noneMatch(n -> n.equals("SMTP") || n.equals("Review events")), String.valueOf(ready));
            assertTrue(ready.stream().anyMatch(n -> n.contains("Reactive PostgreSQL")), String.valueOf(ready));

            JsonPath answer = GraphQL.postTo(instance.graphql(), null, Operations.read("PartnerSummaries"), "partnerIds",
                    List.of(TestData.partnerId(partner))).then().statusCode(200).extract().jsonPath();
            assertNull(answer.get("errors"), answer.prettify());
            assertEquals(TestData.partnerId(partner), answer.getString("data.partnerScores[0].partnerId"), answer.prettify());

            String metrics = Eventually.value("the SMTP probe's first result", Duration.ofSeconds(30), () -> {
                String m = given().baseUri(instance.base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
                return m.contains("mail_smtp_reachable 0.0") ? java.util.Optional.of(m) : java.util.Optional.empty();
            });
            assertTrue(metrics.contains("reviews_events_listening 0.0"), "LISTEN reported as lost in the metrics");
            String log = Files.readString(Path.of("target", "dependencies-down.log"));
            assertTrue(log.contains("Not listening for review events on 127.0.0.1:" + noListen), "the log names the LISTEN target");
        }
    }
}
