package nl.marketplace.reviews.graphql;

import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.spi.config.Config;

/**
 * Gives the schema graphql-java's default field visibility back. SmallRye 2.17 reads its
 * field-visibility setting, whose default is the word "default", and makes every value other than
 * "no-introspection" a {@link BlockedFields} of its comma-separated patterns: so the default
 * schema blocks fields matching the pattern "default", and graphql-java matches that regular
 * expression against "Type.field" for every field of every object it resolves (3.4% of the
 * dashboard page's CPU, JFR). No field here is called "default", and this service has no field
 * visibility of its own: the default visibility shows every field, without a regular expression.
 *
 * <p>A workaround for a framework limit: docs/upstream/field-visibility.md (what, upstream, tripwire).
 */
public class DefaultFieldVisibility implements EventingService {

    private static volatile boolean replacedBlockedFields;

    /** Whether SmallRye built the blocking visibility and this replaced it (the tripwire in SchemaTest reads it). */
    public static boolean replacedBlockedFields() {
        return replacedBlockedFields;
    }

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        if (!"default".equals(Config.get().getFieldVisibility()) || !(schema.getCodeRegistry().getFieldVisibility() instanceof BlockedFields)) {
            // quarkus.smallrye-graphql.field-visibility set to real patterns: SmallRye's blocking is meant.
            return builder;
        }
        replacedBlockedFields = true;
        return GraphQLSchema.newSchema(schema).codeRegistry(
                schema.getCodeRegistry().transform(registry -> registry.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
    }
}
