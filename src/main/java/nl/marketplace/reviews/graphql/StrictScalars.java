package nl.marketplace.reviews.graphql;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import io.smallrye.graphql.scalar.GraphQLScalarTypes;
import io.smallrye.graphql.spi.EventingService;

/**
 * Int and DateTime inputs are checked by graphql-java, before anything runs. SmallRye GraphQL 2.17
 * lets any value through its own scalars and converts it later, in the resolver call:
 * <ul>
 * <li>its "Int" (IntegerScalar, NumberCoercing) takes any number or string, and JSON-B then turns
 * 8.5 into 8 and "8" into 8, so a submitReview with overall 8.5 was stored as 8 and spent the
 * token; here input coercion is graphql-java's own (GraphqlIntCoercing: integral numbers in range,
 * IntValue literals only);</li>
 * <li>its "DateTime" (DateCoercing) takes any string, and a bad one failed inside the resolver call
 * with "is not a valid 'Unknown Scalar Type [nl.marketplace.reviews.review.ReviewFilter]'" and no
 * code; here a DateTime input must be an ISO 8601 moment with an offset (all of this schema's
 * DateTime inputs are OffsetDateTime).</li>
 * </ul>
 * Output stays SmallRye's. A refused value is a validation or variable coercion error, answered
 * with BAD_USER_INPUT and a message that names the argument (see {@link RequestErrors}), and
 * changes nothing. There is no SmallRye setting for this; StrictIntTest and ErrorCodesTest trip if
 * an upgrade changes it.
 */
public class StrictScalars implements EventingService {

    /** The Java types SmallRye 2.17 maps to "Int" (GraphQLScalarTypes). */
    private static final List<String> INT_TYPES = List.of("java.lang.Integer", "int", "java.util.OptionalInt",
            "java.util.concurrent.atomic.AtomicInteger", "java.lang.Short", "short", "java.lang.Byte", "byte");
    /** The Java types SmallRye 2.17 maps to "DateTime" (DateTimeScalar). */
    private static final List<String> DATE_TIME_TYPES = List.of("java.time.LocalDateTime", "java.util.Date", "java.sql.Timestamp",
            "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.Instant", "java.util.Calendar",
            "java.util.GregorianCalendar");

    /**
     * SmallRye creates its EventingService providers before it generates the schema, so the strict
     * scalars are in its scalar table when the fields are made. (Replacing a scalar in the built
     * schema instead, with graphql-java's SchemaTransformer, left SmallRye's interface type
     * resolvers returning the old object types: node(id) lost its Int fields.)
     */
    public StrictScalars() {
        install();
    }

    @SuppressWarnings("rawtypes")
    static synchronized void install() {
        replace("Int", INT_TYPES, Scalars.GraphQLInt.getCoercing(), null, null);
        replace("DateTime", DATE_TIME_TYPES, new OffsetDateTimeInput(), "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
                "A moment: an RFC 3339 date-time with its offset (2026-12-01T09:30:00+01:00). Outputs are given in UTC "
                        + "(2026-12-01T08:30:00Z); an input may carry any offset, and one without an offset is refused.");
        describe("Date", DATE_TYPES, "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
                "A calendar day, RFC 3339 full-date (2026-12-01): a day in Europe/Amsterdam, the marketplace's calendar.");
    }

    /** The Java types SmallRye 2.17 maps to "Date" (DateScalar). */
    private static final List<String> DATE_TYPES = List.of("java.time.LocalDate", "java.sql.Date");

    @SuppressWarnings("rawtypes")
    private static void replace(String name, List<String> javaTypes, Coercing input, String specifiedBy, String description) {
        GraphQLScalarType current = GraphQLScalarTypes.getScalarByName(name);
        if (current.getCoercing() instanceof StrictInput) {
            return;
        }
        GraphQLScalarType strict = current.transform(b -> {
            b.coercing(new StrictInput(input, current.getCoercing()));
            if (specifiedBy != null) {
                specify(b, specifiedBy, description);
            }
        });
        javaTypes.forEach(type -> GraphQLScalarTypes.registerCustomScalar(name, type, strict));
    }

    /** The URL both as graphql-java's property and as the applied @specifiedBy, which is what the printed schema shows. */
    private static void specify(GraphQLScalarType.Builder b, String url, String description) {
        b.specifiedByUrl(url).description(description).withAppliedDirective(graphql.Directives.SpecifiedByDirective.toAppliedDirective()
                .transform(d -> d.clearArguments().argument(graphql.schema.GraphQLAppliedDirectiveArgument.newArgument().name("url")
                        .type(Scalars.GraphQLString).valueProgrammatic(url).build())));
    }

    /** A scalar whose coercion stays SmallRye's, declared for tools that load the schema (@specifiedBy). */
    private static void describe(String name, List<String> javaTypes, String specifiedBy, String description) {
        GraphQLScalarType current = GraphQLScalarTypes.getScalarByName(name);
        if (specifiedBy.equals(current.getSpecifiedByUrl())) {
            return;
        }
        GraphQLScalarType described = current.transform(b -> specify(b, specifiedBy, description));
        javaTypes.forEach(type -> GraphQLScalarTypes.registerCustomScalar(name, type, described));
    }

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    /** One coercing for input, another for output. */
    @SuppressWarnings({ "rawtypes", "unchecked", "deprecation" })
    static final class StrictInput implements Coercing<Object, Object> {
        private final Coercing input;
        private final Coercing output;

        StrictInput(Coercing<?, ?> input, Coercing<?, ?> output) {
            this.input = input;
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
        public Object parseValue(Object value, GraphQLContext context, Locale locale) {
            return input.parseValue(value, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> value, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return input.parseLiteral(value, variables, context, locale);
        }

        @Override
        public Object serialize(Object value) {
            return output.serialize(value);
        }

        @Override
        public Object parseValue(Object value) {
            return input.parseValue(value);
        }

        @Override
        public Object parseLiteral(Object value) {
            return input.parseLiteral(value);
        }
    }

    /**
     * A DateTime input: a string with an ISO 8601 moment and its offset, passed on as the string
     * (SmallRye converts it for the resolver, with the same format).
     */
    @SuppressWarnings("deprecation")
    static final class OffsetDateTimeInput implements Coercing<Object, Object> {

        static final String EXPECTED = "a moment in ISO 8601 with an offset, like 2026-12-01T09:30:00+01:00";

        @Override
        public Object serialize(Object value) {
            throw new UnsupportedOperationException("input only");
        }

        @Override
        public Object parseValue(Object value) {
            if (value instanceof String text && valid(text)) {
                return text;
            }
            throw new CoercingParseValueException("Expected " + EXPECTED + ", got " + shown(value));
        }

        @Override
        public Object parseLiteral(Object literal) {
            if (literal instanceof StringValue text && valid(text.getValue())) {
                return text.getValue();
            }
            throw new CoercingParseLiteralException("Expected " + EXPECTED + ", got "
                    + (literal instanceof StringValue text ? shown(text.getValue()) : "a literal that is not a string"));
        }

        private static boolean valid(String text) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private static String shown(Object value) {
            if (value instanceof String text) {
                return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
            }
            return value == null ? "null" : "a " + (value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "non-string value");
        }
    }
}
