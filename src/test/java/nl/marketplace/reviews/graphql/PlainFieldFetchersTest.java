package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Which fields the lean fetcher serves. That their answers are right is shown by every other test
 * (the operations' answers, the schema), which run with it in place.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PlainFieldFetchersTest {

    @Inject
    GraphQLSchema schema;

    private DataFetcher<?> fetcher(String type, String field) {
        GraphQLObjectType object = schema.getObjectType(type);
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), object.getFieldDefinition(field));
    }

    @Test
    void plainFieldsAreReadDirectly() {
        for (String field : new String[] { "id", "authorName", "overall", "classification", "pros", "subScores" }) {
            assertInstanceOf(PlainFieldFetchers.Plain.class, fetcher("Review", field), "Review." + field);
        }
        assertInstanceOf(PlainFieldFetchers.Plain.class, fetcher("ReviewConnection", "edges"));
        assertInstanceOf(PlainFieldFetchers.Plain.class, fetcher("SubScores", "deliveryTime"));
    }

    @Test
    void datesAreReadDirectlyAndFormattedAsSmallRyeFormatsThem() {
        // DateTime and Date: the OffsetDateTime or LocalDate through SmallRye's Transformer of the field
        // (OperationsTest and PartnerScoreTest hold the exact strings: "2022-04-02T07:30:00Z").
        assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher("Review", "createdAt"));
        assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher("Reply", "updatedAt"));
        assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher("PartnerScore", "windowStart"));
    }

    @Test
    void dateTimesAreFormattedByHandAsSmallRyesTransformerFormatsThem() {
        // Tripwire for IsoDateTime: SmallRye's own Transformer of a DateTime field still writes ISO_OFFSET_DATE_TIME.
        for (String[] field : new String[][] { { "Review", "createdAt" }, { "Reply", "updatedAt" }, { "PartnerScore", "windowStart" } }) {
            PlainFieldFetchers.Converted converted = assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher(field[0], field[1]));
            assertTrue(converted.isoDateTime, field[0] + "." + field[1]);
            for (String moment : new String[] { "2022-04-02T07:30:00Z", "2026-10-25T02:30:00.123456+01:00", "2027-03-28T03:30:00.1+02:00",
                    "0001-01-01T00:00:00-05:30", "+12345-06-07T08:09:10.000000001+14:00", "2026-12-05T23:59:59.999+00:00:30" }) {
                OffsetDateTime value = OffsetDateTime.parse(moment);
                assertEquals(converted.transformer.out(value), IsoDateTime.format(value), moment);
            }
        }
    }

    @Test
    void resolversKeepSmallRyesFetchers() {
        // Resolvers (@Source, batched, with arguments) are operations, not fields.
        assertFalse(fetcher("Review", "revisions") instanceof PlainFieldFetchers.Plain);
        assertFalse(fetcher("Partner", "reviews") instanceof PlainFieldFetchers.Plain);
        assertFalse(fetcher("Query", "partner") instanceof PlainFieldFetchers.Plain);
    }
}
