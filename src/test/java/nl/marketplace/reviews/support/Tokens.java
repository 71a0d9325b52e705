package nl.marketplace.reviews.support;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens as the platform's identity provider would issue them, signed with the test key. */
public final class Tokens {

    private Tokens() {
    }

    public static String partner(long partnerKey) {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("partner-" + partnerKey).groups(Set.of("partner"))
                .claim("partner_id", TestData.partnerId(partnerKey)).sign(TestEnvironment.keys().getPrivate());
    }

    /** A partner's token that expires after the given time. */
    public static String partner(long partnerKey, java.time.Duration validity) {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("partner-" + partnerKey).groups(Set.of("partner"))
                .claim("partner_id", TestData.partnerId(partnerKey)).expiresIn(validity)
                .sign(TestEnvironment.keys().getPrivate());
    }

    /** A partner's token that is also in the admin group. */
    public static String partnerAndAdmin(long partnerKey) {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("partner-admin-" + partnerKey).groups(Set.of("partner", "admin"))
                .claim("partner_id", TestData.partnerId(partnerKey)).sign(TestEnvironment.keys().getPrivate());
    }

    /** In the partner group, without the partner_id claim: no partner at all. */
    public static String partnerWithoutId() {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("nobody").groups(Set.of("partner")).sign(TestEnvironment.keys().getPrivate());
    }

    public static String admin() {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("admin").groups(Set.of("admin")).sign(TestEnvironment.keys().getPrivate());
    }

    /** Signed with another key: the service must refuse it. */
    public static String forged(long partnerKey) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(TestEnvironment.ISSUER).subject("partner-" + partnerKey).groups(Set.of("partner"))
                    .claim("partner_id", TestData.partnerId(partnerKey)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
