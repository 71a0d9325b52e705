package nl.marketplace.reviews.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.invitation.InvitationRules.Stage;

/** DOMAIN.md: the invitation goes out from day 3 through day 18 after the expected delivery. */
class InvitationRulesUnitTest {

    private static final LocalDate TODAY = LocalDate.of(2027, 3, 28); // the day DST starts

    private static InvitationRules rules(int firstDay, int lastDay) {
        return new InvitationRules(new InvitationRules.Config() {
            @Override
            public int firstDay() {
                return firstDay;
            }

            @Override
            public int lastDay() {
                return lastDay;
            }

            @Override
            public Period linkValidity() {
                return Period.ofDays(30);
            }

            @Override
            public String pageUrl() {
                return "https://shop.test/beoordeling";
            }

            @Override
            public Duration interval() {
                return Duration.ofHours(1);
            }

            @Override
            public int batchSize() {
                return 500;
            }
        });
    }

    @Test
    void daysTwoThreeEighteenNineteen() {
        InvitationRules rules = rules(3, 18);
        assertEquals(Stage.WAITING, rules.stage(TODAY.minusDays(2), TODAY));
        assertEquals(Stage.DUE, rules.stage(TODAY.minusDays(3), TODAY));
        assertEquals(Stage.DUE, rules.stage(TODAY.minusDays(18), TODAY));
        assertEquals(Stage.EXPIRED, rules.stage(TODAY.minusDays(19), TODAY));
        assertEquals(Stage.WAITING, rules.stage(TODAY.plusDays(1), TODAY), "not delivered yet");
    }

    @Test
    void otherDays() {
        InvitationRules rules = rules(0, 0);
        assertEquals(Stage.DUE, rules.stage(TODAY, TODAY));
        assertEquals(Stage.EXPIRED, rules.stage(TODAY.minusDays(1), TODAY));
    }
}
