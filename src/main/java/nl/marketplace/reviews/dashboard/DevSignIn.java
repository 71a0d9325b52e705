package nl.marketplace.reviews.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import nl.marketplace.reviews.partner.PartnerRepository;

/**
 * The dashboard's sign-in picker for local use: {@code GET /dashboard/dev-sign-in} lists partners,
 * each with a bearer token signed by the dev key, so that a newcomer can look at any demo partner's
 * dashboard. Built only where {@code reviews.dashboard.dev-sign-in} is true at build time (dev mode
 * and the tests): the production jar has no such bean, and the page then offers only the
 * platform's token (the route answers 404 there).
 */
@ApplicationScoped
@IfBuildProperty(name = "reviews.dashboard.dev-sign-in", stringValue = "true")
public class DevSignIn {

    private static final Logger LOG = Logger.getLogger(DevSignIn.class);
    /** Enough for every partner of the demo data; a picker of thousands helps nobody. */
    private static final int MAX_PARTNERS = 50;

    private final PartnerRepository partners;
    private final String keyLocation;
    private final PrivateKey key;
    private final String issuer;

    public DevSignIn(PartnerRepository partners, @ConfigProperty(name = "reviews.dashboard.dev-sign-in.key") String keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.partners = partners;
        this.keyLocation = keyLocation;
        this.key = readKey(Path.of(keyLocation));
        this.issuer = issuer;
    }

    void install(@Observes Router router) {
        LOG.infof("Dashboard dev sign-in is on: /dashboard/dev-sign-in hands out tokens signed with %s", keyLocation);
        router.get("/dashboard/dev-sign-in").handler(rc -> partners.first(MAX_PARTNERS).subscribe().with(list -> {
            JsonArray body = new JsonArray();
            for (var partner : list) {
                String id = partner.id();
                body.add(new JsonObject().put("id", id).put("name", partner.name()).put("token", token(id)));
            }
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
                    .end(body.encode());
        }, failure -> {
            LOG.error("Dev sign-in failed", failure);
            rc.response().setStatusCode(503).end();
        }));
    }

    /** A partner's token as the platform's identity provider makes it (README, "Sign-in"), valid 8 hours. */
    private String token(String partnerId) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("partner-" + partnerId);
        claims.setStringListClaim("groups", "partner");
        claims.setClaim("partner_id", partnerId);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(8 * 60);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a dev token", e);
        }
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("Dev sign-in: cannot read the key " + pem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Dev sign-in: " + pem + " is not a PKCS#8 RSA private key", e);
        }
    }
}
