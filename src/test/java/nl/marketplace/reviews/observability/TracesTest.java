package nl.marketplace.reviews.observability;

import static io.restassured.RestAssured.given;
import static nl.marketplace.reviews.support.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.OtlpReceiver;
import nl.marketplace.reviews.support.OtlpReceiver.Span;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Traces reach a real OTLP/HTTP endpoint (OtlpReceiver, started for this class; the service's own
 * exporter sends to it): the dashboard's review page is one trace with one request span, named after
 * the operation, and the statements that read the page beneath it.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)
class TracesTest {

    private static final int SERVER = 2;
    private static final int CLIENT = 3;

    @Test
    void aDashboardPageIsOneRequestSpanWithItsStatementsBeneath() {
        data(Operations.read("ReviewPage"), "partnerId", "UGFydG5lcjoy", "first", 10);
        Eventually.until("the request's span", Duration.ofSeconds(20), () -> OtlpReceiver.received().stream()
                .anyMatch(s -> s.kind() == SERVER && s.name().equals("query ReviewPage")), () -> lines(OtlpReceiver.received()));
        Span request = OtlpReceiver.received().stream().filter(s -> s.kind() == SERVER && s.name().equals("query ReviewPage")).findFirst()
                .orElseThrow();
        assertEquals("ReviewPage", request.attributes().get("graphql.operation.name"));
        assertEquals("query", request.attributes().get("graphql.operation.type"));

        // The statements end before the request does, so they are exported with it or before it.
        List<Span> trace = OtlpReceiver.received().stream().filter(s -> s.traceId().equals(request.traceId())).toList();
        assertEquals(1, trace.stream().filter(s -> s.kind() == SERVER).count(), "one request span: " + lines(trace));
        Map<String, Span> byId = trace.stream().collect(Collectors.toMap(Span::spanId, s -> s));
        List<Span> statements = trace.stream().filter(s -> s.kind() == CLIENT && statement(s) != null).toList();
        assertTrue(statements.size() >= 2, "the page's statements (partner, page with revisions and replies): " + lines(trace));
        for (Span statement : statements) {
            assertTrue(beneath(statement, request, byId), "beneath the request: " + statement + "\n" + lines(trace));
        }
        assertTrue(statements.stream().anyMatch(s -> statement(s).contains("FROM review")), "a statement's text says what it reads: " + lines(statements));
    }

    /**
     * The span's name comes from the document as the edge parsed it: an anonymous query is "query"
     * (whatever its comments and strings say), and of several operations the one the request names.
     */
    @Test
    void theSpanIsNamedAfterTheOperationThatRan() {
        String marker = "Marker" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("query", "# query Commented\n{ __type(name: \"mutation Fake\") { name } }")).post("/graphql").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "query First { __typename } query " + marker + " { __typename }", "operationName", marker))
                .post("/graphql").then().statusCode(200);
        Eventually.until("the span of " + marker, Duration.ofSeconds(20), () -> OtlpReceiver.received().stream()
                .anyMatch(s -> s.kind() == SERVER && s.name().equals("query " + marker)), () -> lines(OtlpReceiver.received()));
        List<Span> requests = OtlpReceiver.received().stream().filter(s -> s.kind() == SERVER).toList();
        assertTrue(requests.stream().anyMatch(s -> s.name().equals("query") && !s.attributes().containsKey("graphql.operation.name")),
                "the anonymous query's span: " + lines(requests));
        assertTrue(requests.stream().noneMatch(s -> s.name().equals("query First") || s.name().equals("query Commented") || s.name().startsWith("mutation")), lines(requests));
    }

    /** The statement's text (semantic conventions before and after 1.26 name it differently). */
    private static String statement(Span span) {
        return Optional.ofNullable(span.attributes().get("db.query.text")).orElse(span.attributes().get("db.statement"));
    }

    private static boolean beneath(Span span, Span ancestor, Map<String, Span> byId) {
        for (Span at = span; at != null; at = byId.get(at.parentSpanId())) {
            if (at.parentSpanId().equals(ancestor.spanId())) {
                return true;
            }
        }
        return false;
    }

    private static String lines(List<Span> spans) {
        return spans.stream().map(Span::toString).collect(Collectors.joining("\n"));
    }
}
