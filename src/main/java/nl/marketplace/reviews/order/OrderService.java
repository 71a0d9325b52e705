package nl.marketplace.reviews.order;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerRepository;
import nl.marketplace.reviews.security.Caller;

/** Orders come in from the platform in batches: every row is checked on its own; the good ones are kept. */
@ApplicationScoped
public class OrderService {

    public static final int MAX_BATCH = 1000;
    private final OrderRepository orders;
    private final PartnerRepository partners;

    public OrderService(OrderRepository orders, PartnerRepository partners) {
        this.orders = orders;
        this.partners = partners;
    }

    public Uni<RegisterOrdersPayload> register(Caller caller, List<OrderInput> rows) {
        caller.requireAdmin("registers orders");
        if (rows.isEmpty() || rows.size() > MAX_BATCH) {
            throw new BadUserInputException("input.orders", "give 1 to " + MAX_BATCH + " orders, not " + rows.size());
        }
        List<UserError> errors = new ArrayList<>();
        List<OrderRepository.NewOrder> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            OrderInput row = rows.get(i);
            String at = String.valueOf(i);
            UserError error = check(row, at, seen);
            if (error != null) {
                errors.add(error);
                continue;
            }
            valid.add(new OrderRepository.NewOrder(Texts.trimmed(row.orderNumber()), GlobalId.keyOrNull(row.partnerId(), Partner.TYPE),
                    Texts.trimmed(row.customerId()), Texts.trimmed(row.firstName()), Texts.trimmed(row.city()), Texts.trimmed(row.email()),
                    row.reviewOptIn(), LocalDate.parse(row.expectedDeliveryDate().strip()),
                    row.locale() == null ? "nl" : row.locale()));
            validIndex.add(i);
        }
        List<Long> partnerKeys = valid.stream().map(OrderRepository.NewOrder::partnerKey).distinct().toList();
        return (partnerKeys.isEmpty() ? Uni.createFrom().item(Set.<Long>of()) : partners.findByKeys(partnerKeys).map(Map::keySet))
                .chain(known -> {
                    List<OrderRepository.NewOrder> insert = new ArrayList<>();
                    for (int j = 0; j < valid.size(); j++) {
                        if (known.contains(valid.get(j).partnerKey())) {
                            insert.add(valid.get(j));
                        } else {
                            errors.add(UserError.of(UserErrorCode.UNKNOWN_PARTNER, "No partner with this id",
                                    "input", "orders", String.valueOf(validIndex.get(j)), "partnerId"));
                        }
                    }
                    return orders.insertNew(insert).map(n -> new RegisterOrdersPayload(n, insert.size() - n,
                            errors.stream().sorted(java.util.Comparator.comparing(e -> Integer.parseInt(e.field().get(2)))).toList()));
                });
    }

    /** The first problem of a row, or null. */
    private static UserError check(OrderInput row, String at, Set<String> seen) {
        String number = Texts.trimmed(row.orderNumber());
        UserError bad = line(at, "orderNumber", number, 64);
        if (bad != null) {
            return bad;
        }
        if (!seen.add(number)) {
            return UserError.of(UserErrorCode.DUPLICATE, "This order number is in the batch twice", "input", "orders", at, "orderNumber");
        }
        if (GlobalId.keyOrNull(row.partnerId(), Partner.TYPE) == null) {
            return UserError.of(UserErrorCode.UNKNOWN_PARTNER, "Not a partner id", "input", "orders", at, "partnerId");
        }
        bad = line(at, "customerId", Texts.trimmed(row.customerId()), 64);
        bad = bad != null ? bad : line(at, "firstName", Texts.trimmed(row.firstName()), 100);
        bad = bad != null ? bad : line(at, "city", Texts.trimmed(row.city()), 100);
        if (bad != null) {
            return bad;
        }
        String email = Texts.trimmed(row.email());
        if (Texts.emailProblem(email) != null) {
            return invalid(at, "email", "not an email address");
        }
        try {
            LocalDate date = LocalDate.parse(row.expectedDeliveryDate().strip());
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                return invalid(at, "expectedDeliveryDate", "must be in the years 2000 to 2100");
            }
        } catch (DateTimeParseException e) {
            return invalid(at, "expectedDeliveryDate", "not a date (yyyy-MM-dd)");
        }
        if (row.locale() != null && !row.locale().equals("nl") && !row.locale().equals("en")) {
            return invalid(at, "locale", "\"nl\" or \"en\"");
        }
        return null;
    }

    /** Null, or INVALID for a single-line field of a row that is absent, too long or holds control characters. */
    private static UserError line(String at, String field, String trimmed, int max) {
        String problem = Texts.lineProblem(trimmed, max);
        return problem == null ? null : invalid(at, field, problem);
    }

    private static UserError invalid(String at, String field, String what) {
        return UserError.of(UserErrorCode.INVALID, field + ": " + what, "input", "orders", at, field);
    }
}
