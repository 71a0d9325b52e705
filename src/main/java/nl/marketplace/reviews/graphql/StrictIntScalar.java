package nl.marketplace.reviews.graphql;

import java.util.List;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import io.smallrye.graphql.scalar.GraphQLScalarTypes;
import io.smallrye.graphql.spi.EventingService;

/**
 * The GraphQL spec's Int on input: SmallRye GraphQL 2.17 maps Integer to a scalar "Int" of its own
 * (IntegerScalar, NumberCoercing) that lets any number or string through, and JSON-B then turns 8.5
 * into 8 and "8" into 8, so a submitReview with overall 8.5 was stored as 8 and spent the token.
 * Before the schema is generated, this swaps that scalar's input coercion for graphql-java's own
 * (GraphqlIntCoercing: integral numbers in range, IntValue literals only); output stays SmallRye's.
 * graphql-java coerces every variable and checks every literal before a resolver runs, so a
 * refused value changes nothing and answers a ValidationError (BAD_USER_INPUT in the answer).
 * There is no SmallRye setting for this; StrictIntTest trips if an upgrade changes it.
 */
public class StrictIntScalar implements EventingService {

    /** The Java types SmallRye 2.17 maps to "Int" (GraphQLScalarTypes). */
    private static final List<String> INT_TYPES = List.of("java.lang.Integer", "int", "java.util.OptionalInt",
            "java.util.concurrent.atomic.AtomicInteger", "java.lang.Short", "short", "java.lang.Byte", "byte");

    /**
     * SmallRye creates its EventingService providers before it generates the schema, so the strict
     * scalar is in its scalar table when the fields are made. (Replacing the scalar in the built
     * schema instead, with graphql-java's SchemaTransformer, left SmallRye's interface type
     * resolvers returning the old object types: node(id) lost its Int fields.)
     */
    public StrictIntScalar() {
        install();
    }

    static synchronized void install() {
        GraphQLScalarType current = GraphQLScalarTypes.getScalarByName("Int");
        if (current.getCoercing() instanceof StrictInt) {
            return;
        }
        GraphQLScalarType strict = current.transform(b -> b.coercing(new StrictInt(current.getCoercing())));
        INT_TYPES.forEach(type -> GraphQLScalarTypes.registerCustomScalar("Int", type, strict));
    }

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    /** graphql-java's Int for input, SmallRye's for output. */
    @SuppressWarnings({ "rawtypes", "unchecked", "deprecation" })
    static final class StrictInt implements Coercing<Object, Object> {
        private static final Coercing SPEC = Scalars.GraphQLInt.getCoercing();
        private final Coercing output;

        StrictInt(Coercing<?, ?> output) {
            this.output = output;
        }

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return output.serialize(value, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
            return output.valueToLiteral(value, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return SPEC.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return SPEC.parseLiteral(input, variables, context, locale);
        }

        @Override
        public Object serialize(Object value) {
            return output.serialize(value);
        }

        @Override
        public Object parseValue(Object input) {
            return SPEC.parseValue(input);
        }

        @Override
        public Object parseLiteral(Object input) {
            return SPEC.parseLiteral(input);
        }
    }
}
