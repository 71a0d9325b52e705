package nl.marketplace.reviews.graphql;

import java.util.Map;
import java.util.Set;

import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.spi.EventingService;

/**
 * List arguments of ids, declared {@code [ID!]!} as GraphQL means them. SmallRye GraphQL 2.17 prints
 * an {@code @Id} list parameter as {@code [ID!]!} but then rejects every value ("argument 'ids' with
 * value … is not a valid 'Unknown Scalar Type [java.util.List]'", also for arrays): the parameter is
 * a plain {@code List<String>} in Java, and here, before the schema is built, its GraphQL type becomes
 * {@code [ID!]!}. ID values reach the resolver as strings either way, through SmallRye's String
 * handling. (docs/upstream/id-list-arguments.md; ClientCachesAndFragmentsTest and OperationsTest
 * call partners(ids:) with variables of type [ID!]!.)
 */
public class IdListArguments implements EventingService {

    /** Query fields and their arguments that are lists of ids. */
    static final Map<String, Set<String>> QUERY_ARGUMENTS = Map.of("partners", Set.of("ids"));

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLObjectType query = builder.build().getQueryType();
        GraphQLObjectType retyped = query.transform(type -> QUERY_ARGUMENTS.forEach((fieldName, arguments) -> {
            GraphQLFieldDefinition field = query.getFieldDefinition(fieldName);
            if (field == null) {
                throw new IllegalStateException("IdListArguments: Query." + fieldName + " is not in the schema");
            }
            type.field(field.transform(f -> arguments.forEach(name -> {
                GraphQLArgument argument = field.getArgument(name);
                f.argument(argument.transform(a -> a.type(GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLID))))));
            })));
        }));
        return builder.query(retyped);
    }
}
