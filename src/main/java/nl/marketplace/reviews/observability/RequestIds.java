package nl.marketplace.reviews.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Gives every HTTP request an id: the caller's X-Request-Id when it is a sane one, else a new one.
 * It goes into the logging MDC (so every JSON log line of the request carries "requestId") and
 * back in the response header.
 */
@ApplicationScoped
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            MDC.put("requestId", id);
            rc.response().putHeader(HEADER, id);
            rc.addEndHandler(ignored -> MDC.remove("requestId"));
            rc.next();
        });
    }
}
