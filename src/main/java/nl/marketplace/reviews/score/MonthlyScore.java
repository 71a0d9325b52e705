package nl.marketplace.reviews.score;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("MonthlyScore")
@Description("A partner's average overall score over the reviews given in one calendar month.")
public record MonthlyScore(
        @NonNull @Description("The first day of the month.") LocalDate month,
        @Description("The average current overall score, rounded half-up to one decimal; null without reviews.") Double average,
        @NonNull @Description("How many counted reviews were given in the month.") Integer reviewCount,
        @NonNull @Description("Whether the month is a top performance (average of 8.8 or higher, configurable).") Boolean topPerformance) {
}
