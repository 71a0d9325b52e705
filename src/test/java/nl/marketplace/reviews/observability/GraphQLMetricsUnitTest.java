package nl.marketplace.reviews.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The operation name a request's metrics are filed under when it sends none: the document's first named operation. */
class GraphQLMetricsUnitTest {

    @Test
    void theDocumentsFirstNamedOperationWhateverComesBeforeIt() {
        assertEquals(Optional.of("ReviewPage"), GraphQLMetrics.impliedName("query ReviewPage { __typename }"));
        // A fragment first, as some clients print documents.
        assertEquals(Optional.of("ReviewPage"),
                GraphQLMetrics.impliedName("fragment Card on Review { id }\nquery ReviewPage { reviews(partnerId: \"x\") { edges { node { ...Card } } } }"));
        // Comments and strings that look like operations are neither.
        assertEquals(Optional.of("Real"), GraphQLMetrics.impliedName("# query Commented\nquery Real { __type(name: \"mutation Fake\") { name } }"));
        assertEquals(Optional.empty(), GraphQLMetrics.impliedName("{ __type(name: \"query Fake\") { name } }"));
        assertEquals(Optional.of("Second"), GraphQLMetrics.impliedName("{ __typename } mutation Second { __typename }"));
        assertEquals(Optional.empty(), GraphQLMetrics.impliedName("query ( {"));
        assertEquals(Optional.empty(), GraphQLMetrics.impliedName(null));
    }
}
