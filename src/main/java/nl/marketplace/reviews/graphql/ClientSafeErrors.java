package nl.marketplace.reviews.graphql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a GraphQL API class: unexpected failures of its resolvers reach the client as
 * INTERNAL_SERVER_ERROR and are logged here in full (see {@link ClientSafeErrorsInterceptor}).
 */
@InterceptorBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ClientSafeErrors {
}
