package nl.marketplace.reviews.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.event.ReviewEventHub;
import nl.marketplace.reviews.support.Browser;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TcpProxy;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * The dashboard page in a real browser (Debian's headless Chromium) against the service and its
 * demo data: what a partner sees and does, checked against what the API says. Demo partners are
 * only read; every test that changes something has a partner of its own.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class DashboardBrowserTest {

    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DUTCH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH)
            .withZone(ZoneId.of("Europe/Amsterdam"));
    private static Browser browser;

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @Inject
    ReviewEventHub hub;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser("nl-NL", 1280, 1800);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver.get(dashboard.toString());
        browser.driver.executeScript("sessionStorage.clear()");
        browser.driver.get("about:blank"); // so that the next page load is a load, not a jump within the page
    }

    @Test
    void jennysReviewShowsHerNewEightAndTheEarlierFourOnRequest() throws Exception {
        browser.driver.get(dashboard.toString());
        browser.findWithText(By.cssSelector(".dev-partners button"), "Aanmelden als Kastenkoning").click();

        WebElement jenny = browser.findWithText(By.cssSelector("article.review"), "Jenny uit Enschede");
        WebElement revision = jenny.findElement(By.cssSelector(".revision"));
        assertEquals("8", revision.findElement(By.cssSelector(".mark")).getText());
        assertTrue(revision.getText().contains("Gewijzigd op 15 april 2022"), revision.getText());
        WebElement earlier = jenny.findElement(By.cssSelector(".earlier"));
        assertFalse(earlier.isDisplayed(), "the earlier review is hidden until asked for");
        WebElement toggle = jenny.findElement(By.cssSelector("button.link"));
        assertEquals("Bekijk eerdere beoordeling", toggle.getText());

        toggle.sendKeys(Keys.ENTER); // the keyboard works as well as the mouse
        browser.await(d -> earlier.isDisplayed());
        assertEquals("true", toggle.getDomAttribute("aria-expanded"));
        assertEquals("Verberg eerdere beoordeling", toggle.getText());
        assertEquals("4 Algemeen oordeel", earlier.findElement(By.cssSelector(".scores li")).getText());
        assertTrue(earlier.getText().contains("12 april 2022"), earlier.getText());

        // The score panel says what the API says, in the words of the seed page.
        JsonPath score = GraphQL.data("query($id: ID!) { partner(id: $id) { score { overall fewerThanFiveReviews positivePercentage "
                + "subScores { deliveryTime { average count } } monthly { month } } } }", "id", "UGFydG5lcjox");
        assertTrue(score.getBoolean("data.partner.score.fewerThanFiveReviews"));
        assertEquals("Je hebt de afgelopen 3 maanden minder dan 5 beoordelingen ontvangen. Hiervan zijn "
                + score.getInt("data.partner.score.positivePercentage") + "% positieve beoordelingen.",
                browser.find(By.cssSelector("[data-testid=sentence]")).getText());
        assertEquals(String.format(DUTCH, "%.1f", score.getDouble("data.partner.score.overall")),
                browser.find(By.cssSelector("[data-testid=overall]")).getText());
        assertTrue(browser.find(By.cssSelector(".sub-scores")).getText().contains("Levertijd\n"
                + String.format(DUTCH, "%.1f", score.getDouble("data.partner.score.subScores.deliveryTime.average"))),
                browser.find(By.cssSelector(".sub-scores")).getText());
        assertEquals(12, browser.all(By.cssSelector(".monthly tbody tr")).size(), "12 months in the chart's table");
        assertEquals(1, browser.all(By.cssSelector(".monthly line.top-line")).size());
        assertEquals(1, browser.all(By.cssSelector(".monthly line.standard-line")).size());

        toggle.click();
        browser.await(d -> !earlier.isDisplayed());
        assertEquals("Bekijk eerdere beoordeling", toggle.getText());
        toggle.click();
        browser.await(d -> earlier.isDisplayed());
        screenshot();
    }

    @Test
    void aFilterNarrowsTheListAndMoreLoadsTheNextPage() {
        long partner = TestData.count("SELECT id FROM partner WHERE name = 'Demo partner 1'");
        String partnerId = TestData.partnerId(partner);
        int total = totalCount(partnerId, "{}");
        int negative = totalCount(partnerId, "{ classification: NEGATIVE }");
        assertTrue(total > 20 && negative > 0 && negative < total, "the demo data has pages of reviews of each class");

        browser.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));
        browser.await(d -> cards().size() == 10);
        assertEquals("10 van " + total + " beoordelingen", browser.find(By.cssSelector("[data-testid=shown]")).getText());
        Set<String> firstPage = ids();

        browser.findWithText(By.cssSelector("button.more"), "Meer laden").click();
        browser.await(d -> cards().size() == 20);
        Set<String> twoPages = ids();
        assertEquals(20, twoPages.size(), "no review twice");
        assertTrue(twoPages.containsAll(firstPage));
        assertEquals("20 van " + total + " beoordelingen", browser.find(By.cssSelector("[data-testid=shown]")).getText());

        new Select(browser.find(By.id("f-classification"))).selectByVisibleText("Negatief");
        browser.findWithText(By.cssSelector(".filter button"), "Toepassen").click();
        String expected = Math.min(10, negative) + " van " + negative + " beoordelingen";
        browser.await(d -> d.findElement(By.cssSelector("[data-testid=shown]")).getText().equals(expected));
        for (WebElement card : cards()) {
            assertEquals("Negatief", card.findElement(By.cssSelector(".badge")).getText());
        }

        browser.findWithText(By.cssSelector(".filter button"), "Wis filters").click();
        browser.await(d -> d.findElement(By.cssSelector("[data-testid=shown]")).getText().equals("10 van " + total + " beoordelingen"));
    }

    /** Issue 23 on the page: reply rate and speed, the topics (a click filters), the search box, the alert setting, an alert's link. */
    @Test
    void insightsTopicsSearchAndTheAlertSetting() {
        long partner = TestData.partner("Browser insights");
        String[][] texts = { { "Goed verpakt", "Pakket kwam laat" }, { "Snel en vriendelijk", "Doos was kapot" }, { "Prima prijs", null } };
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            long review = TestData.review(partner, 3 + i * 3, TestClock.now().minusDays(5 + i));
            TestData.execute("UPDATE review SET pros = '" + texts[i][0] + "', cons = " + (texts[i][1] == null ? "NULL" : "'" + texts[i][1] + "'")
                    + " WHERE id = " + review);
            ids.add(TestData.reviewId(review));
        }
        TestData.execute("INSERT INTO reply (review_id, text, created_at, updated_at) SELECT id, 'Dank je', created_at + interval '2 hours', "
                + "created_at + interval '2 hours' FROM review WHERE partner_id = " + partner + " AND overall = 3");
        browser.driver.get(dashboard + "?review=" + ids.get(1) + "#access_token=" + Tokens.partner(partner));
        browser.await(d -> cards().size() == 4); // the three, and the one the link names above them
        assertEquals(ids.get(1), browser.find(By.cssSelector("[data-testid=linked] article.review")).getDomAttribute("data-review-id"));
        String replies = browser.find(By.cssSelector("[data-testid=replies]")).getText();
        assertTrue(replies.contains("33%") && replies.contains("binnen 2 uur"), replies);
        // And each reply's own time, on its card.
        assertEquals("gereageerd na 2 uur", card(ids.get(0)).findElement(By.cssSelector("[data-testid=reply-after]")).getText());

        // Packaging: the first two ("verpakt", "doos").
        browser.find(By.cssSelector("button.topic[data-topic=verpakking]")).click();
        browser.await(d -> d.findElement(By.cssSelector("[data-testid=shown]")).getText().equals("2 van 2 beoordelingen"));
        assertEquals(Set.of(ids.get(0), ids.get(1)), listed());
        new Select(browser.find(By.id("f-topic"))).selectByIndex(0);
        browser.find(By.id("f-text")).sendKeys("prijs");
        browser.findWithText(By.cssSelector(".filter button"), "Toepassen").click();
        browser.await(d -> d.findElement(By.cssSelector("[data-testid=shown]")).getText().equals("1 van 1 beoordelingen"));
        assertEquals(Set.of(ids.get(2)), listed());

        new Select(browser.find(By.id("a-frequency"))).selectByValue("DAILY_DIGEST");
        browser.find(By.id("a-email")).sendKeys("insights@example.com");
        new Select(browser.find(By.id("a-hour"))).selectByValue("7");
        browser.findWithText(By.cssSelector(".alert-setting button"), "Instelling opslaan").click();
        browser.await(d -> d.findElement(By.cssSelector("[data-testid=alert-message]")).getText().equals("Opgeslagen."));
        assertEquals(1, TestData.count("SELECT count(*) FROM partner_alert_setting WHERE partner_id = " + partner
                + " AND frequency = 'DAILY_DIGEST' AND digest_hour = 7 AND email = 'insights@example.com'"));
    }

    /**
     * The page under its Content-Security-Policy: its own files, its inline import map (by hash), its
     * socket and the topic bars' widths work, the console has no error, and a script put into the
     * page does not run.
     */
    @Test
    void thePageRunsUnderAPolicyThatAllowsOnlyItsOwnScripts() {
        long partner = TestData.partner("Browser policy");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(2));
        TestData.execute("UPDATE review SET cons = 'Slecht verpakt' WHERE id = " + review);
        var answer = io.restassured.RestAssured.given().get(dashboard.getPath()).then().statusCode(200).extract();
        String policy = answer.header("Content-Security-Policy");
        var importMap = java.util.regex.Pattern.compile("<script type=\"importmap\">(.*?)</script>").matcher(answer.asString());
        assertTrue(importMap.find(), "the import map is in the page");
        assertTrue(JsonPath.from(importMap.group(1)).getString("imports.lit").startsWith("/_static/lit/"), importMap.group(1));
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self' '" + DashboardPage.sha256(importMap.group(1)) + "';"), policy);

        browser.consoleErrors(); // what earlier tests left there
        browser.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));
        browser.find(By.cssSelector("[data-testid=live][data-status=live]"));
        browser.await(d -> cards().size() == 1);
        // The one review names the packaging: its bar is full (an SVG rect sized by its attributes).
        browser.await(d -> ((Number) d.executeScript(
                "const bar = document.querySelector('button.topic[data-topic=verpakking] .mine'); return bar ? bar.getBoundingClientRect().width : 0"))
                .doubleValue() > 100);
        assertEquals(List.of(), browser.consoleErrors());
        assertEquals(0L, browser.driver.executeScript("return document.querySelectorAll('[style]').length"),
                "no style=\"…\" attribute: the policy would refuse it, and the page would look wrong without an error to show for it");

        Object blocked = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective + ' ' + (window.injected === true)), { once: true });
                const script = document.createElement('script');
                script.textContent = 'window.injected = true';
                document.head.append(script);
                """);
        assertEquals("script-src-elem false", blocked);
    }

    /** The reviews of the list (not the one an alert's link shows above it). */
    private static Set<String> listed() {
        return browser.all(By.cssSelector(".list article.review")).stream().map(c -> c.getDomAttribute("data-review-id"))
                .collect(Collectors.toSet());
    }

    @Test
    void aReplyMadeInThePageIsShownSurvivesAReloadAndCanBeEditedAndDeleted() {
        long partner = TestData.partner("Browser reply");
        long review = TestData.review(partner, 5, 4, 6, 5, null, TestClock.now().minusDays(3));
        String reviewId = TestData.reviewId(review);
        browser.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));

        WebElement card = card(reviewId);
        button(card, "Reageren").click();
        WebElement text = card.findElement(By.cssSelector("form.editor textarea"));
        assertEquals(text, browser.driver.switchTo().activeElement(), "the reply field has the focus");
        text.sendKeys("Sorry voor de late levering; we hebben de vervoerder aangesproken.");
        button(card, "Opslaan").click();
        browser.await(d -> card.findElements(By.cssSelector(".reply-text")).size() == 1);
        assertEquals("Sorry voor de late levering; we hebben de vervoerder aangesproken.", card.findElement(By.cssSelector(".reply-text")).getText());
        assertEquals(1, TestData.count("SELECT count(*) FROM reply WHERE review_id = " + review));
        // The focus goes back to the button that opened the form, now "Reactie bewerken".
        browser.await(d -> "Reactie bewerken".equals(d.switchTo().activeElement().getText()));

        browser.driver.navigate().refresh();
        WebElement reloaded = card(reviewId);
        assertEquals("Sorry voor de late levering; we hebben de vervoerder aangesproken.",
                browser.await(d -> reloaded.findElement(By.cssSelector(".reply-text"))).getText());

        button(reloaded, "E-mail de klant").click();
        button(reloaded, "Annuleren").click();
        browser.await(d -> "E-mail de klant".equals(d.switchTo().activeElement().getText()));

        button(reloaded, "Reactie bewerken").click();
        WebElement edit = reloaded.findElement(By.cssSelector("form.editor textarea"));
        edit.clear();
        edit.sendKeys("Opgelost: het pakket is gisteren bezorgd.");
        button(reloaded, "Opslaan").click();
        browser.await(d -> reloaded.findElement(By.cssSelector(".reply-text")).getText().equals("Opgelost: het pakket is gisteren bezorgd."));

        button(reloaded, "Reactie verwijderen").click();
        browser.await(d -> d.switchTo().alert()).accept();
        browser.await(d -> reloaded.findElements(By.cssSelector(".reply-text")).isEmpty());
        assertEquals(0, TestData.count("SELECT count(*) FROM reply WHERE review_id = " + review));
        browser.await(d -> "Reageren".equals(d.switchTo().activeElement().getText()));
    }

    @Test
    void aReplyMadeByAnotherClientAppearsWithoutAReloadAndWhatWasMissedAfterAReconnect() {
        long partner = TestData.partner("Browser live");
        long review = TestData.review(partner, 6, TestClock.now().minusDays(2));
        String reviewId = TestData.reviewId(review);
        // Through a proxy, so that the test can cut the page's connections as a lost network would.
        try (TcpProxy network = new TcpProxy(dashboard.getPort())) {
            browser.driver.get("http://127.0.0.1:" + network.port() + dashboard.getPath() + "#access_token=" + Tokens.partner(partner));
            WebElement card = card(reviewId);
            browser.find(By.cssSelector("[data-testid=live][data-status=live]"));
            // The page's subscription is registered with the service before the other client acts.
            browser.await(d -> hub.subscriptions(partner) == 1);

            replyThroughTheApi(partner, reviewId, "Gemaakt in een andere app");
            browser.await(d -> replyText(card).equals("Gemaakt in een andere app"));

            // A new review, written and published as submitReview does: on top of the list, marked new.
            long fresh = TestData.review(partner, 9, TestClock.now().minusMinutes(1));
            TestData.execute("SELECT publish_review_event('NEW_REVIEW', " + partner + ", " + fresh + ")");
            WebElement top = browser.await(d -> {
                List<WebElement> cards = cards();
                return cards.size() == 2 && TestData.reviewId(fresh).equals(cards.get(0).getDomAttribute("data-review-id")) ? cards.get(0) : null;
            });
            assertTrue(top.getText().contains("Nieuw"), top.getText());
            browser.await(d -> d.findElement(By.cssSelector("[data-testid=shown]")).getText().equals("2 van 2 beoordelingen"));

            // The connection drops; what happened meanwhile shows once it is back (replayed after the last cursor).
            network.cut();
            browser.findWithText(By.cssSelector("[data-testid=live][data-status=reconnecting]"), "opnieuw verbinden");
            browser.await(d -> hub.subscriptions(partner) == 0);
            replyThroughTheApi(partner, reviewId, "Bijgewerkt terwijl je weg was");
            network.resume();
            browser.find(By.cssSelector("[data-testid=live][data-status=live]"));
            browser.await(d -> replyText(card).equals("Bijgewerkt terwijl je weg was"));
        }
    }

    private static void replyThroughTheApi(long partner, String reviewId, String text) {
        JsonPath replied = GraphQL.dataAs(Tokens.partner(partner), "mutation($input: ReplyInput!) { reply(input: $input) { userErrors { code } } }",
                "input", Map.of("reviewId", reviewId, "text", text));
        assertEquals(List.of(), replied.getList("data.reply.userErrors"));
    }

    private static String replyText(WebElement card) {
        return card.findElements(By.cssSelector(".reply-text")).stream().map(WebElement::getText).findFirst().orElse("");
    }

    @Test
    void aReReviewRequestTurnsTheButtonIntoSentWithItsDate() {
        long partner = TestData.partner("Browser re-review");
        long review = TestData.review(partner, 4, 2, 5, 3, null, TestClock.now().minusDays(10), TestData.email(), "nl");
        String reviewId = TestData.reviewId(review);
        long positive = TestData.review(partner, 9, TestClock.now().minusDays(5));
        browser.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));
        WebElement card = card(reviewId);
        assertTrue(card(TestData.reviewId(positive)).getText().contains("Een positieve beoordeling kun je niet opnieuw laten beoordelen."));

        WebElement blocked = button(card, "Opnieuw laten beoordelen");
        assertEquals("true", blocked.getDomAttribute("aria-disabled"));
        assertTrue(card.getText().contains("Mail eerst de klant via ‘E-mail de klant’"), card.getText());
        blocked.click();

        button(card, "E-mail de klant").click();
        card.findElement(By.cssSelector("form.editor textarea")).sendKeys("Hoi, het ontbrekende deel is vandaag verstuurd.");
        button(card, "Versturen").click();
        browser.await(d -> card.getText().contains("1 bericht aan de klant verstuurd"));
        // Counted after the mail's round trip, which the page made after the click: the blocked button sent nothing.
        assertEquals(0, TestData.count("SELECT count(*) FROM re_review_request WHERE review_id = " + review), "a blocked button does nothing");

        browser.await(d -> button(card, "Opnieuw laten beoordelen").getDomAttribute("aria-disabled") == null);
        button(card, "Opnieuw laten beoordelen").click();
        WebElement sent = browser.await(d -> card.findElement(By.cssSelector("p[data-testid=re-review]")));
        String requestedAt = GraphQL.dataAs(Tokens.partner(partner), "query($id: ID!) { review(id: $id) { reReview { requestedAt } } }",
                "id", reviewId).getString("data.review.reReview.requestedAt");
        assertTrue(sent.getText().startsWith("Beoordelingsverzoek verzonden op " + DUTCH_DAY.format(OffsetDateTime.parse(requestedAt))),
                sent.getText());
        assertTrue(card.findElements(By.xpath(".//button[normalize-space()='Opnieuw laten beoordelen']")).isEmpty());
    }

    @Test
    void anExclusionRequestShowsItsStateAndARefusalIsShownInWords() {
        long partner = TestData.partner("Browser exclusion");
        long review = TestData.review(partner, 2, TestClock.now().minusDays(4));
        String reviewId = TestData.reviewId(review);
        browser.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));
        WebElement card = card(reviewId);

        button(card, "Uitzondering aanvragen").click();
        new Select(card.findElement(By.cssSelector("form.editor select"))).selectByVisibleText("De vervoerder");
        card.findElement(By.cssSelector("form.editor textarea")).sendKeys("Het pakket is door de vervoerder beschadigd.");
        button(card, "Versturen").click();
        WebElement exclusion = browser.await(d -> card.findElement(By.cssSelector("[data-testid=exclusion]")));
        assertTrue(exclusion.getText().startsWith("De vervoerder: Het pakket is door de vervoerder beschadigd."), exclusion.getText());
        assertTrue(exclusion.getText().contains("in behandeling"), exclusion.getText());

        // A second request while the first is open: the userError in words, and nothing changes.
        button(card, "Uitzondering aanvragen").click();
        card.findElement(By.cssSelector("form.editor textarea")).sendKeys("Nog een keer.");
        button(card, "Versturen").click();
        assertEquals("Er loopt al een aanvraag voor deze beoordeling.",
                browser.await(d -> card.findElement(By.cssSelector("[role=alert]"))).getText());
        assertEquals(1, TestData.count("SELECT count(*) FROM review_exclusion WHERE review_id = " + review));
    }

    @Test
    void anInvalidTokenAndALostNetworkAreShownInWords() {
        long partner = TestData.partner("Browser errors");
        TestData.review(partner, 9, TestClock.now().minusDays(1));
        browser.driver.get(dashboard + "#access_token=" + Tokens.forged(partner));
        assertEquals("Je aanmelding is verlopen of ongeldig. Meld je opnieuw aan.",
                browser.find(By.cssSelector(".sign-in [role=alert]")).getText());

        browser.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));
        browser.await(d -> cards().size() == 1);
        browser.driver.setNetworkConditions(offline(true));
        try {
            browser.findWithText(By.cssSelector(".filter button"), "Toepassen").click();
            assertEquals("Geen verbinding met de service. Controleer je internetverbinding en probeer het opnieuw.",
                    browser.find(By.cssSelector("[data-testid=error] p")).getText());
        } finally {
            browser.driver.setNetworkConditions(offline(false));
        }
        browser.findWithText(By.cssSelector("[data-testid=error] button"), "Opnieuw proberen").click();
        browser.await(d -> d.findElements(By.cssSelector("[data-testid=error]")).isEmpty());
        assertEquals(1, cards().size());
    }

    @Test
    void englishWhenTheBrowserAsksAndUsableOnAPhone() {
        long partner = TestData.partner("Browser phone");
        TestData.review(partner, 7, 8, 6, 7, null, TestClock.now().minusDays(1));
        // 375 px: the narrowest phone in common use (an iPhone SE, a small Android).
        try (Browser phone = new Browser("en-GB", 375, 812)) {
            phone.driver.get(dashboard + "#access_token=" + Tokens.partner(partner));
            phone.findWithText(By.cssSelector("h1"), "Customer reviews");
            phone.findWithText(By.cssSelector("article.review button"), "Email the customer");
            phone.find(By.cssSelector("[data-testid=overall]"));
            phone.find(By.cssSelector(".monthly svg"));
            assertEquals("en", phone.driver.executeScript("return document.documentElement.lang"));
            Number overflow = (Number) phone.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow.intValue(), "nothing sticks out sideways on a phone (the chart's screen-reader table included)");
            // The page names its icon, and it is there: no failed request for /favicon.ico on every load.
            Object icon = phone.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "const link = document.querySelector('link[rel=icon]');"
                    + "if (!link) { done('no icon link'); } else { fetch(link.href).then(r => done(r.status + ' ' + r.headers.get('content-type'))); }");
            assertEquals("200 image/svg+xml", String.valueOf(icon).replaceAll(";.*", ""));
            for (WebElement field : phone.all(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
                String id = field.getDomAttribute("id");
                boolean labelled = field.getDomAttribute("aria-label") != null
                        || (id != null && !phone.all(By.cssSelector("label[for='" + id + "']")).isEmpty());
                assertTrue(labelled, "every field has a label: " + field.getDomAttribute("name"));
            }
        }
    }

    private static org.openqa.selenium.chromium.ChromiumNetworkConditions offline(boolean offline) {
        var conditions = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        conditions.setOffline(offline);
        return conditions;
    }

    private static int totalCount(String partnerId, String filter) {
        return GraphQL.data("query($id: ID!) { partner(id: $id) { reviews(filter: " + filter + ") { totalCount } } }", "id", partnerId)
                .getInt("data.partner.reviews.totalCount");
    }

    private static List<WebElement> cards() {
        return browser.all(By.cssSelector("article.review"));
    }

    private static Set<String> ids() {
        return cards().stream().map(c -> c.getDomAttribute("data-review-id")).collect(Collectors.toSet());
    }

    private static WebElement card(String reviewId) {
        return browser.find(By.cssSelector("article.review[data-review-id='" + reviewId + "']"));
    }

    /** The card's button with exactly this text. */
    private static WebElement button(WebElement card, String text) {
        return browser.await(d -> card.findElements(By.xpath(".//button[normalize-space()='" + text + "']")).stream().findFirst().orElse(null));
    }

    /**
     * The README's picture of the page: always written to target/, and to docs/dashboard.png with
     * -Dscreenshot.update=true.
     */
    private static void screenshot() throws Exception {
        Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("screenshot.update")) {
            Files.createDirectories(Path.of("docs"));
            Files.copy(shot, Path.of("docs", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
