package nl.marketplace.reviews.graphql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.DateTransformer;
import io.smallrye.graphql.transformation.Transformer;

/**
 * Reads plain fields (a record component or getter whose value goes out as it is) with one method
 * handle call. SmallRye's own field fetcher builds its request context for every field it reads,
 * and the dashboard page reads about 600 such fields per request; without that work the page takes
 * about a quarter less CPU (README, "Benchmarks").
 *
 * <p>A SmallRye {@link DataFetcherService} (META-INF/services) asked before Quarkus' own (lower
 * priority number). It answers for fields that SmallRye would neither transform nor adapt, and for
 * single scalars whose Java type differs from their GraphQL type (OffsetDateTime as DateTime,
 * LocalDate as Date), which it gives out through SmallRye's own Transformer of the field, as
 * SmallRye's fetcher would, without SmallRye's per-field context (4% of the page's CPU, JFR). For
 * every other field, and for every operation, it answers null and SmallRye's fetcher is used.
 *
 * <p>A workaround for a framework limit: docs/upstream/smallrye-field-cost.md (what, upstream, tripwire).
 */
public class PlainFieldFetchers implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 0; // Quarkus' service has 1; lower is asked first
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        boolean plain = isPlain(field);
        if (!plain && !isScalarConversion(field)) {
            return null;
        }
        try {
            Class<?> ownerClass = ClassloadingService.get().loadClass(owner.getClassName());
            MethodHandle read = field.getMethodName() != null
                    ? MethodHandles.publicLookup().unreflect(ownerClass.getMethod(field.getMethodName()))
                    : MethodHandles.publicLookup().unreflectGetter(ownerClass.getField(field.getPropertyName()));
            MethodHandle asObject = read.asType(MethodType.methodType(Object.class, Object.class));
            if (plain) {
                return new Plain(asObject);
            }
            @SuppressWarnings("unchecked")
            Transformer<Object, Object> transformer = Transformer.transformer(field);
            return transformer == null ? new Plain(asObject) : new Converted(asObject, transformer, isoDateTime(field, transformer));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // SmallRye's own fetcher knows how
        }
    }

    /**
     * A scalar whose Java type is not its GraphQL type (OffsetDateTime as DateTime, LocalDate as
     * Date), single (no list or optional), not adapted: SmallRye's FieldHelper gives it out as its
     * Transformer makes it, which depends on the field alone; so does {@link Converted}.
     */
    static boolean isScalarConversion(Field field) {
        Reference ref = field.getReference();
        boolean adapted = field.isAdaptingWith() || ref.isAdaptingWith() || field.isAdaptingTo() || ref.isAdaptingTo();
        return ref.getType() == ReferenceType.SCALAR && !ref.getClassName().equals(ref.getGraphQLClassName()) && !field.hasWrapper()
                && !adapted;
    }

    /** A DateTime without a format of its own: SmallRye's DateTransformer formats it as ISO_OFFSET_DATE_TIME ({@link IsoDateTime}). */
    static boolean isoDateTime(Field field, Transformer<?, ?> transformer) {
        return transformer instanceof DateTransformer && field.getTransformation() == null
                && OffsetDateTime.class.getName().equals(field.getReference().getClassName());
    }

    /** Mirrors SmallRye's FieldHelper: no transformation, no adapter, no map wrapper. */
    static boolean isPlain(Field field) {
        Reference ref = field.getReference();
        boolean transformed = field.hasTransformation()
                || (ref.getType() == ReferenceType.SCALAR && !ref.getClassName().equals(ref.getGraphQLClassName()));
        boolean adapted = field.isAdaptingWith() || ref.isAdaptingWith() || field.isAdaptingTo() || ref.isAdaptingTo()
                || (field.hasWrapper() && field.getWrapper().isMap());
        return !transformed && !adapted;
    }

    /**
     * Trivial in graphql-java's sense: no I/O, so no per-field fetch instrumentation is needed; and
     * light: it reads the source only, so graphql-java does not build a DataFetchingEnvironment for
     * it (a copy of the variables and a dozen fields, for each of the ~600 plain fields of a page).
     */
    static final class Plain implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object>, LightDataFetcher<Object> {
        private final MethodHandle read;

        Plain(MethodHandle read) {
            this.read = read;
        }

        @Override
        public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment) throws Exception {
            return read(source);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return read(environment.getSource());
        }

        private Object read(Object source) throws Exception {
            if (source == null) {
                return null;
            }
            try {
                return read.invokeExact(source);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A plain read, then SmallRye's output transformation of the field (a date formatted as the field
     * says), or the same by {@link IsoDateTime}.
     */
    static final class Converted implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object>, LightDataFetcher<Object> {
        private final Plain read;
        final Transformer<Object, Object> transformer;
        final boolean isoDateTime;

        Converted(MethodHandle read, Transformer<Object, Object> transformer, boolean isoDateTime) {
            this.read = new Plain(read);
            this.transformer = transformer;
            this.isoDateTime = isoDateTime;
        }

        @Override
        public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment) throws Exception {
            return convert(read.get(definition, source, environment));
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return convert(read.get(environment));
        }

        private Object convert(Object value) {
            if (value == null) {
                return null;
            }
            try {
                return isoDateTime && value instanceof OffsetDateTime moment ? IsoDateTime.format(moment) : transformer.out(value);
            } catch (Exception e) {
                return value; // as SmallRye's FieldDataFetcher: the value as it is, for the scalar to refuse
            }
        }
    }
}
