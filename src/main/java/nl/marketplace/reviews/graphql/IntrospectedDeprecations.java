package nl.marketplace.reviews.graphql;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.TypeResolver;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Makes SmallRye's {@code @Deprecated(reason)} visible to introspection. SmallRye 2.17 turns it into
 * an applied {@code @deprecated} directive only: the printed schema shows it, but graphql-java's
 * introspection reads a field's own deprecation reason, so {@code isDeprecated} was false and
 * GraphiQL, Apollo and codegen from a live endpoint did not see the deprecation that
 * graphql/schema.graphql shows. Each field with the directive gets the same reason as its own (a
 * SmallRye {@link EventingService}, META-INF/services). {@code .ci/apollo/introspection.mjs}
 * compares the introspected schema with the committed one and trips if this stops working or is no
 * longer needed.
 */
public class IntrospectedDeprecations implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLSchema deprecated = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
                if (field.isDeprecated()) {
                    return TraversalControl.CONTINUE;
                }
                Object reason;
                GraphQLAppliedDirective applied = field.getAppliedDirective("deprecated");
                @SuppressWarnings("deprecation") // SmallRye 2.17 adds it the old way: a GraphQLDirective on the field
                GraphQLDirective directive = field.getDirective("deprecated");
                if (applied != null) {
                    reason = applied.getArgument("reason") == null ? null : applied.getArgument("reason").getValue();
                } else if (directive != null) {
                    reason = directive.getArgument("reason") == null ? null : directive.getArgument("reason").toAppliedArgument().getValue();
                } else {
                    return TraversalControl.CONTINUE;
                }
                String given = reason == null ? "No longer supported" : reason.toString();
                return changeNode(context, field.transform(f -> f.deprecate(given)));
            }
        });
        // The transformed types are new objects, and SmallRye's type resolvers hand out the ones they
        // were built with: a fragment "... on Review" would no longer match a resolved Review (graphql-java
        // compares the types themselves). Resolve by name in the schema that runs the query instead.
        GraphQLCodeRegistry registry = deprecated.getCodeRegistry();
        GraphQLCodeRegistry byName = registry.transform(changed -> {
            for (GraphQLNamedType type : deprecated.getAllTypesAsList()) {
                if (type instanceof GraphQLInterfaceType abstractType) {
                    changed.typeResolver(abstractType, byName(registry.getTypeResolver(abstractType)));
                } else if (type instanceof GraphQLUnionType abstractType) {
                    changed.typeResolver(abstractType, byName(registry.getTypeResolver(abstractType)));
                }
            }
        });
        return GraphQLSchema.newSchema(deprecated).codeRegistry(byName);
    }

    private static TypeResolver byName(TypeResolver resolver) {
        if (resolver == null) {
            return null;
        }
        return environment -> {
            GraphQLObjectType resolved = resolver.getType(environment);
            return resolved == null ? null : environment.getSchema().getObjectType(resolved.getName());
        };
    }
}
