package nl.marketplace.reviews.partner;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Loads a partner in the statement of a field the client selected below it, so that the partner
 * costs no statement of its own (look-ahead). The fields below a partner that load rows belong to
 * packages that use this one (review: {@code Partner.reviews}), so they offer the load here.
 */
public interface PartnerLookAhead {

    /**
     * Called in the synchronous part of the partner's resolver, where the client's selection can be read.
     *
     * @return the partner (NOT_FOUND when there is none), loaded with what the selection needs next;
     *         empty when the selection asks for nothing this look-ahead loads, or not in a way it can
     */
    Optional<Uni<Partner>> load(long key);
}
