package nl.marketplace.reviews.graphql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Reads plain fields (a record component or getter whose value goes out as it is) with one method
 * handle call. SmallRye's own field fetcher builds its request context for every field it reads,
 * and the dashboard page reads about 600 such fields per request; without that work the page takes
 * about a quarter less CPU (README, "Benchmarks").
 *
 * <p>A SmallRye {@link DataFetcherService} (META-INF/services) asked before Quarkus' own (lower
 * priority number). It answers only for fields that SmallRye would neither transform (a scalar
 * whose Java type differs from its GraphQL type, such as OffsetDateTime as DateTime) nor adapt;
 * for every other field, and for every operation, it answers null and SmallRye's fetcher is used.
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
        if (!isPlain(field)) {
            return null;
        }
        try {
            Class<?> ownerClass = ClassloadingService.get().loadClass(owner.getClassName());
            MethodHandle read = field.getMethodName() != null
                    ? MethodHandles.publicLookup().unreflect(ownerClass.getMethod(field.getMethodName()))
                    : MethodHandles.publicLookup().unreflectGetter(ownerClass.getField(field.getPropertyName()));
            return new Plain(read.asType(MethodType.methodType(Object.class, Object.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // SmallRye's own fetcher knows how
        }
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

    /** Trivial in graphql-java's sense: no I/O, so no per-field fetch instrumentation is needed. */
    static final class Plain implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object> {
        private final MethodHandle read;

        Plain(MethodHandle read) {
            this.read = read;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object source = environment.getSource();
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
}
