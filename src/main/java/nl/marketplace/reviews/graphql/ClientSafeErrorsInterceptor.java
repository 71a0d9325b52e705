package nl.marketplace.reviews.graphql;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * SmallRye derives {@code extensions.code} of an unexpected exception from its class name
 * ("pg", "date-time"); this turns every failure that is not an {@link ApiException} into
 * SERVICE_UNAVAILABLE (the database cannot be reached), OUTCOME_UNKNOWN (a change lost its
 * connection on the way) or INTERNAL_SERVER_ERROR (anything else, logged with its stack trace)
 * before SmallRye sees it.
 */
@ClientSafeErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ClientSafeErrorsInterceptor {

    private static final Logger LOG = Logger.getLogger(ClientSafeErrorsInterceptor.class);

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        Object result;
        try {
            result = invocation.proceed();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw internal(invocation, e);
        }
        if (result instanceof Uni<?> uni) {
            return uni.onFailure(failure -> !(failure instanceof ApiException)).transform(failure -> internal(invocation, failure));
        }
        return result;
    }

    private static ApiException internal(InvocationContext invocation, Throwable failure) {
        if (ServiceUnavailable.isCause(failure)) {
            // Expected while the database restarts or fails over: one line, no stack trace. A read, or a
            // change that never reached the database, may simply be tried again; a change cut off on
            // its way may have been saved.
            LOG.warnf("Database unavailable in %s.%s: %s", invocation.getMethod().getDeclaringClass().getSimpleName(),
                    invocation.getMethod().getName(), failure.getMessage());
            boolean change = invocation.getMethod().isAnnotationPresent(org.eclipse.microprofile.graphql.Mutation.class);
            return change && !ServiceUnavailable.connectFailed(failure) ? new OutcomeUnknown() : new ServiceUnavailable();
        }
        LOG.errorf(failure, "Unexpected failure in %s.%s", invocation.getMethod().getDeclaringClass().getSimpleName(),
                invocation.getMethod().getName());
        return new InternalServerError();
    }
}
