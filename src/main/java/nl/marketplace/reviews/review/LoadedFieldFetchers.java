package nl.marketplace.reviews.review;

import java.util.function.Function;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.spi.EventingService;

/**
 * Answers {@code Review.revisions}, {@code Review.reply} and {@code Review.partner} from the review
 * itself when they were loaded with it (look-ahead, {@link Nested}), and only otherwise through
 * their resolvers (a {@code Uni} and a Batcher each; for the partner a statement of its own). A
 * resolver call, even a lean one, costs a Uni and its callbacks per review, for values already at
 * hand (once SmallRye's batch resolver, whose context building was a quarter of the dashboard
 * page's CPU, JFR). The fetchers are wrapped in the code registry before
 * the schema is built (a SmallRye {@link EventingService}, META-INF/services).
 *
 * <p>If an upgrade leaves no fetcher there, the service refuses to start.
 */
public class LoadedFieldFetchers implements EventingService {

    /** What a review answers for a field that was not loaded with it. */
    private static final Object NOT_LOADED = new Object();

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build(); // to read the code registry SmallRye has set
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry wrapped = registry.transform(changed -> {
            wrap(changed, registry, schema, "revisions", review -> review.loadedRevisions() == null ? NOT_LOADED : review.loadedRevisions());
            wrap(changed, registry, schema, "reply",
                    review -> review.loadedReply() == null ? NOT_LOADED : review.loadedReply().orElse(null));
            wrap(changed, registry, schema, "partner", review -> review.loadedPartner() == null ? NOT_LOADED : review.loadedPartner());
        });
        return builder.codeRegistry(wrapped);
    }

    private static void wrap(GraphQLCodeRegistry.Builder changed, GraphQLCodeRegistry registry, GraphQLSchema schema, String field,
            Function<Review, Object> loaded) {
        GraphQLFieldDefinition definition = schema.getObjectType(Review.TYPE).getFieldDefinition(field);
        FieldCoordinates coordinates = FieldCoordinates.coordinates(Review.TYPE, field);
        DataFetcher<?> resolver = registry.getDataFetcher(coordinates, definition);
        if (resolver == null) {
            throw new IllegalStateException("Review." + field + " has no fetcher: LoadedFieldFetchers must be revisited for this SmallRye version");
        }
        changed.dataFetcher(coordinates, (DataFetcher<Object>) environment -> {
            Object value = environment.getSource() instanceof Review review ? loaded.apply(review) : NOT_LOADED;
            return value != NOT_LOADED ? value : resolver.get(environment);
        });
    }
}
