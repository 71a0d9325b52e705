package nl.marketplace.reviews.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.ErrorClassification;
import graphql.language.SourceLocation;
import graphql.InvalidSyntaxError;
import graphql.introspection.GoodFaithIntrospection;
import graphql.execution.AbortExecutionException;
import graphql.execution.UnknownOperationException;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Gives every error graphql-java makes an {@code extensions.code} from {@link ApiErrorCode}
 * (SmallRye passes validation, coercion and limit errors on with none). (A result with errors and
 * no data, a request error in the GraphQL-over-HTTP spec's words, is answered HTTP 400 to a client
 * that accepts application/graphql-response+json by the HTTP edge's answer writer.)
 *
 * <p>Errors from resolvers are left alone: SmallRye adds their code from the exception's
 * {@code @ErrorCode} when it writes them, and {@link ClientSafeErrorsInterceptor} sees to it that
 * every such exception has one.
 */
public class RequestErrors implements EventingService {

    /** graphql-java writes literal values as their AST nodes: {@code 'StringValue{value='x'}'}. */
    private static final Pattern STRING_LITERAL = Pattern.compile("'StringValue\\{value='(.*?)'}'");
    private static final Pattern OTHER_LITERAL = Pattern.compile("'(?:Int|Float|Boolean)Value\\{value=(.*?)}'");
    private static final Pattern ENUM_LITERAL = Pattern.compile("'EnumValue\\{name='(.*?)'}'");
    /** An input object or list literal, dumped whole: the rest of the message says what is wrong with it. */
    private static final Pattern DUMPED_VALUE = Pattern.compile(" with value '[^']*?\\{.*?' (?=is not|contains|is missing|has)");
    private static final Pattern AST_TYPES = Pattern.compile("Expected an AST type of '(\\w+)' but it was a '(\\w+)'");
    private static final Map<String, String> LITERAL_KINDS = Map.of("IntValue", "a whole number", "FloatValue",
            "a number with a fraction", "StringValue", "a string", "BooleanValue", "a boolean", "EnumValue", "an enum value",
            "ObjectValue", "an input object", "ArrayValue", "a list", "NullValue", "null");

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public void afterExecute(Context context) {
        if (!(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        ExecutionResult result = smallRye.unwrap(ExecutionResult.class);
        if (result == null || result.getErrors().isEmpty()) {
            return;
        }
        List<GraphQLError> errors = result.getErrors().stream().map(RequestErrors::withCode).toList();
        smallRye.setExecutionResult(result.transform(b -> b.errors(errors)));
    }

    static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (error instanceof ExceptionWhileDataFetching || extensions != null && extensions.get("code") != null) {
            return error;
        }
        return new CodedError(readable(error.getMessage()), error.getLocations(), error.getPath(), codeOf(error), error.getErrorType());
    }

    /**
     * An error as the client gets it: message, locations, path and {@code extensions.code}, nothing
     * else (graphql-java's own errors would add a "classification", such as DataFetchingException).
     */
    record CodedError(String message, List<SourceLocation> locations, List<Object> path, ApiErrorCode code,
            ErrorClassification classification) implements GraphQLError {

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public List<SourceLocation> getLocations() {
            return locations;
        }

        @Override
        public List<Object> getPath() {
            return path;
        }

        @Override
        public ErrorClassification getErrorType() {
            return classification;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code.name());
        }

        @Override
        public Map<String, Object> toSpecification() {
            Map<String, Object> specification = new LinkedHashMap<>();
            specification.put("message", message);
            if (locations != null && !locations.isEmpty()) {
                specification.put("locations", locations.stream().map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
            }
            if (path != null) {
                specification.put("path", path);
            }
            specification.put("extensions", getExtensions());
            return specification;
        }
    }

    static ApiErrorCode codeOf(GraphQLError error) {
        if (error instanceof ValidationError validation) {
            // A literal the argument's type refuses (8.5 for an Int, "yesterday" for a DateTime) is a bad value.
            return validation.getValidationErrorType() == ValidationErrorType.WrongType ? ApiErrorCode.BAD_USER_INPUT
                    : ApiErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        if (error instanceof InvalidSyntaxError) {
            return ApiErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (error instanceof UnknownOperationException) {
            return ApiErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        if (error instanceof AbortExecutionException && error.getMessage() != null && error.getMessage().startsWith("maximum query")) {
            return ApiErrorCode.QUERY_TOO_COMPLEX; // QueryLimits, in graphql-java's words
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            // graphql-java refuses an introspection query that asks for __Type.fields and the like too often: the client's query is too big.
            return ApiErrorCode.QUERY_TOO_COMPLEX;
        }
        if (error.getErrorType() == ErrorType.ValidationError) {
            return ApiErrorCode.BAD_USER_INPUT; // variable coercion: a value of the wrong type, a missing non-null one
        }
        return ApiErrorCode.INTERNAL_SERVER_ERROR;
    }

    /** The message with literal values as a client wrote them instead of graphql-java's AST classes. */
    static String readable(String message) {
        if (message == null) {
            return "Invalid request";
        }
        String m = STRING_LITERAL.matcher(message).replaceAll(r -> java.util.regex.Matcher.quoteReplacement("\"" + r.group(1) + "\""));
        m = OTHER_LITERAL.matcher(m).replaceAll("$1");
        m = ENUM_LITERAL.matcher(m).replaceAll("$1");
        m = DUMPED_VALUE.matcher(m).replaceAll(" ");
        return AST_TYPES.matcher(m).replaceAll(r -> "expected " + LITERAL_KINDS.getOrDefault(r.group(1), "another kind of value")
                + ", got " + LITERAL_KINDS.getOrDefault(r.group(2), "another kind of value"));
    }
}
