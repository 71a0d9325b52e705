package nl.marketplace.reviews.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import nl.marketplace.reviews.event.ReviewEventHub;
import nl.marketplace.reviews.support.Browser;
import nl.marketplace.reviews.support.TcpProxy;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * The socket's refusal of a sign-in on the page. A token that expires while the page's connection is
 * away is refused when the socket comes back: the service closes it with 4403 at connection_init.
 * The page then asks the API, which says the sign-in expired, and signs the partner out with that
 * reason, not with FORBIDDEN's "another partner's data". Without clock skew (default 60 s), so that
 * the test need not wait a minute past the token's end.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(DashboardSignInRefusedBrowserTest.NoClockSkew.class)
class DashboardSignInRefusedBrowserTest {

    public static class NoClockSkew implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.clock.skew", "0");
        }
    }

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @Inject
    ReviewEventHub hub;

    @Test
    void aTokenThatExpiredWhileTheSocketWasAwaySignsThePartnerOutWithTheReason() {
        long partner = TestData.partner("Browser refused sign-in");
        TestData.review(partner, 8, TestClock.now().minusDays(1));
        try (Browser browser = new Browser("nl-NL", 1280, 1000); TcpProxy network = new TcpProxy(dashboard.getPort())) {
            // Long enough for the page to load and go live on a busy machine, counted once the browser is up.
            Duration validity = Duration.ofSeconds(12);
            Instant expires = Instant.now().plus(validity);
            String token = Tokens.partner(partner, validity);
            browser.driver.get("http://127.0.0.1:" + network.port() + dashboard.getPath() + "#access_token=" + token);
            browser.find(By.cssSelector("[data-testid=live][data-status=live]"));
            browser.await(d -> hub.subscriptions(partner) == 1);
            network.cut();
            browser.find(By.cssSelector("[data-testid=live][data-status=reconnecting]"));
            browser.await(d -> hub.subscriptions(partner) == 0);
            // Back only once the token has expired (the wait ends on the token's own end, not a guess).
            new WebDriverWait(browser.driver, validity.plusSeconds(5)).until(d -> Instant.now().isAfter(expires.plusMillis(500)));
            network.resume();
            // The client's next retry may be 15 s away (its back-off grew while the network was cut).
            String message = new WebDriverWait(browser.driver, Duration.ofSeconds(40))
                    .until(d -> d.findElements(By.cssSelector(".sign-in [role=alert]")).stream().findFirst().orElse(null)).getText();
            assertEquals("Je aanmelding is verlopen of ongeldig. Meld je opnieuw aan.", message);
            assertTrue(browser.all(By.cssSelector("article.review")).isEmpty(), "signed out: the reviews are gone");
        }
    }
}
