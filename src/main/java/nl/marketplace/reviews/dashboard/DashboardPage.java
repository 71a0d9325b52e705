package nl.marketplace.reviews.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The dashboard's page ({@code /dashboard/}) with its import map inline and a Content-Security-Policy
 * that lets the browser run the service's own files and that one inline script, by its SHA-256,
 * and nothing else: no other inline script, no other origin, no inline style, no framing.
 *
 * <p>Browsers load an import map only inline (WICG/import-maps issue 235), and the one
 * quarkus-web-dependency-locator offers ({@code /_importmap/generated_importmap.js}) writes it into
 * the page from a script, which a policy can only allow with 'unsafe-inline'. So the page is made
 * once at start from the same source, the mvnpm jars' {@code META-INF/importmap.json}, and its hash
 * goes in the header.
 */
@ApplicationScoped
public class DashboardPage {

    static final String POLICY_HEADER = "Content-Security-Policy";
    private static final String TEMPLATE = "dashboard/index.html";
    private static final String PLACEHOLDER = "{{importmap}}";

    private final String page;
    private final String policy;

    public DashboardPage() {
        String importMap = importMap(Thread.currentThread().getContextClassLoader());
        this.page = read(TEMPLATE).replace(PLACEHOLDER, importMap);
        this.policy = policy(importMap);
    }

    void install(@Observes Router router) {
        // Vert.x matches "/dashboard" with and without the slash; the page's files are relative to it.
        router.get("/dashboard").handler(rc -> {
            if (rc.request().path().endsWith("/")) {
                serve(rc);
            } else {
                rc.redirect("/dashboard/");
            }
        });
        router.get("/dashboard/index.html").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                // The page is small and names its files without versions: always ask again.
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(POLICY_HEADER, policy)
                .putHeader("X-Content-Type-Options", "nosniff")
                // The token arrives in the fragment, which is never sent; no page address leaves either.
                .putHeader("Referrer-Policy", "no-referrer")
                .end(page);
    }

    /** The policy of the page, with the import map's text allowed by its hash. */
    static String policy(String importMap) {
        return "default-src 'none'; script-src 'self' '" + sha256(importMap) + "'; style-src 'self'; img-src 'self'; "
                // 'self' covers the subscription's ws: and wss: to the same host (CSP level 3).
                + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** All {@code META-INF/importmap.json} of the classpath (one per mvnpm jar) as one map, keys sorted. */
    static String importMap(ClassLoader loader) {
        Map<String, Object> imports = new TreeMap<>();
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/importmap.json"))) {
                try (InputStream in = url.openStream()) {
                    JsonObject map = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    imports.putAll(map.getJsonObject("imports", new JsonObject()).getMap());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dashboard's import maps", e);
        }
        if (imports.isEmpty()) {
            throw new IllegalStateException("No META-INF/importmap.json on the classpath: the dashboard needs Lit's mvnpm jars");
        }
        return new JsonObject().put("imports", new JsonObject(imports)).encode();
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The dashboard's page " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
