package nl.marketplace.reviews.invitation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.graphql.NotFoundException;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.score.ScoreRules;
import nl.marketplace.reviews.security.CallerService;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * The invitation figures a partner sees (seed 000: invitations 3 to 18 days after the expected
 * delivery, only to customers who opted in): per month of expected delivery, and per order. The
 * partner's own and administrators' only; counts and order numbers, no customer data.
 */
@ApplicationScoped
public class InvitationFiguresService {

    static final int MAX_MONTHS = 36;
    private static final int MAX_ORDER_NUMBER = 64;

    /** Months of figures to load: the {@code last} months up to and including the current one. */
    public record MonthsKey(long partnerKey, int last) {
    }

    private final InvitationFiguresRepository figures;
    private final InvitationRules rules;
    private final CallerService callers;
    private final Clock clock;

    public InvitationFiguresService(InvitationFiguresRepository figures, InvitationRules rules, CallerService callers, Clock clock) {
        this.figures = figures;
        this.rules = rules;
        this.callers = callers;
        this.clock = clock;
    }

    private void requireReader(Partner partner) {
        callers.current().requireReader(partner.key(), "These are another partner's orders", "Sign in as the partner to see its invitations");
    }

    /** What to load for the partner's months, once the caller may see them and {@code last} is 1-36; else FORBIDDEN or BAD_USER_INPUT. */
    public MonthsKey monthsKey(Partner partner, int last) {
        requireReader(partner);
        if (last < 1 || last > MAX_MONTHS) {
            throw new BadUserInputException("last", "must be between 1 and " + MAX_MONTHS + ", was " + last);
        }
        return new MonthsKey(partner.key(), last);
    }

    /** The months of many keys, oldest first: one statement per distinct {@code last}. */
    public Uni<Map<MonthsKey, List<InvitationMonth>>> monthsFor(List<MonthsKey> keys) {
        LocalDate thisMonth = BusinessTime.monthOf(BusinessTime.today(clock));
        return Batcher.perGroup(keys, MonthsKey::last, MonthsKey::partnerKey, (last, partners) -> {
            LocalDate first = thisMonth.minusMonths(last - 1L);
            return figures.months(partners, first, thisMonth.plusMonths(1)).map(found -> partners.stream().map(partner -> {
                Map<LocalDate, InvitationFiguresRepository.Counts> byMonth = found.getOrDefault(partner, Map.of());
                List<InvitationMonth> months = new ArrayList<>(last);
                for (int i = 0; i < last; i++) {
                    LocalDate month = first.plusMonths(i);
                    months.add(month(month, byMonth.getOrDefault(month, InvitationFiguresRepository.Counts.NONE)));
                }
                return (List<InvitationMonth>) months;
            }).toList());
        });
    }

    private static InvitationMonth month(LocalDate month, InvitationFiguresRepository.Counts c) {
        return new InvitationMonth(month, (int) c.registered(), (int) c.notOptedIn(), ScoreRules.percentage(c.notOptedIn(), c.registered()),
                (int) c.waiting(), (int) c.sent(), (int) c.expiredUnsent(), (int) c.reviewedWithoutInvitation(),
                (int) c.reviewsFromInvitations(), ScoreRules.percentage(c.reviewsFromInvitations(), c.sent()));
    }

    /** The invitation of the partner's order with this number: FORBIDDEN, BAD_USER_INPUT or NOT_FOUND when it cannot be given. */
    public Uni<OrderInvitation> order(Partner partner, String orderNumber) {
        requireReader(partner);
        String number = Texts.trimmed(orderNumber);
        String problem = Texts.lineProblem(number, MAX_ORDER_NUMBER);
        if (problem != null) {
            throw new BadUserInputException("orderNumber", problem);
        }
        return figures.order(partner.key(), number).map(order -> {
            if (order == null) {
                throw new NotFoundException("The partner has no order with this number");
            }
            return new OrderInvitation(order.orderNumber(), order.expectedDelivery(), status(order),
                    order.expectedDelivery().plusDays(rules.config().firstDay()), order.expectedDelivery().plusDays(rules.config().lastDay()),
                    order.sentAt(), order.reviewed());
        });
    }

    /** Why an order has or has no invitation; the same classes as the month counts. */
    static InvitationStatus status(InvitationFiguresRepository.Order order) {
        if (!order.optedIn()) {
            return InvitationStatus.NOT_OPTED_IN;
        }
        if ("SENT".equals(order.invitationStatus())) {
            return InvitationStatus.SENT;
        }
        if ("EXPIRED".equals(order.invitationStatus())) {
            return InvitationStatus.EXPIRED_UNSENT;
        }
        return order.reviewed() ? InvitationStatus.REVIEWED_WITHOUT_INVITATION : InvitationStatus.WAITING;
    }
}
