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

    /** A partner's token that expired an hour ago (by the real clock: smallrye-jwt checks expiry against it, not the service's Clock). */
    public static String expired(long partnerKey) {
        java.time.Instant now = java.time.Instant.now();
        return Jwt.issuer(TestEnvironment.ISSUER).subject("partner-" + partnerKey).groups(Set.of("partner"))
                .claim("partner_id", TestData.partnerId(partnerKey)).issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .sign(TestEnvironment.keys().getPrivate());
    }

    /** Signed with the right key, but by another issuer. */
    public static String otherIssuer(long partnerKey) {
        return Jwt.issuer("https://evil.example").subject("partner-" + partnerKey).groups(Set.of("partner"))
                .claim("partner_id", TestData.partnerId(partnerKey)).sign(TestEnvironment.keys().getPrivate());
    }

    /** A valid token with a partner_id but neither group. */
    public static String otherGroup(long partnerKey) {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("customer-" + partnerKey).groups(Set.of("customer"))
                .claim("partner_id", TestData.partnerId(partnerKey)).sign(TestEnvironment.keys().getPrivate());
    }

    /** In the partner group, with something other than a partner's id as partner_id. */
    public static String partnerIdClaim(String partnerId) {
        return Jwt.issuer(TestEnvironment.ISSUER).subject("partner-x").groups(Set.of("partner")).claim("partner_id", partnerId)
                .sign(TestEnvironment.keys().getPrivate());
    }

    /** The partner's claims, unsigned (alg none). */
    public static String unsigned(long partnerKey) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"" + TestEnvironment.ISSUER + "\",\"sub\":\"partner-" + partnerKey
                        + "\",\"groups\":[\"partner\"],\"partner_id\":\"" + TestData.partnerId(partnerKey) + "\",\"exp\":4102444800}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".";
    }
}
