package nl.marketplace.reviews.score;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("MonthlyReplyPerformance")
@Description("The reply rate and speed over the reviews given in one calendar month (Europe/Amsterdam).")
public record MonthlyReplyPerformance(
        @NonNull @Description("The first day of the month.") LocalDate month,
        @NonNull @Description("The figures of the month's reviews.") ReplyPerformance replies) {
}
