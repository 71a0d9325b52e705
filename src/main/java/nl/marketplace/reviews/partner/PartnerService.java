package nl.marketplace.reviews.partner;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.Arguments;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.NotFoundException;

@ApplicationScoped
public class PartnerService {

    private final PartnerRepository partners;

    public PartnerService(PartnerRepository partners) {
        this.partners = partners;
    }

    /** The partner, or NOT_FOUND. */
    public Uni<Partner> get(long key) {
        return partners.findByKeys(List.of(key)).map(found -> found(found.get(key)));
    }

    /** The partner asked for by its id, read by whichever statement; NOT_FOUND when there is none (null). */
    public static Partner found(Partner partner) {
        if (partner == null) {
            throw new NotFoundException("No partner with this id");
        }
        return partner;
    }

    /** The partners in the order of the keys; NOT_FOUND when any key is unknown. */
    public Uni<List<Partner>> getAll(List<Long> keys) {
        return partners.findByKeys(keys).map(found -> {
            List<Partner> result = new ArrayList<>(keys.size());
            for (Long key : keys) {
                Partner partner = found.get(key);
                if (partner == null) {
                    throw new NotFoundException("No partner with id " + GlobalId.encode(Partner.TYPE, key));
                }
                result.add(partner);
            }
            return result;
        });
    }

    /**
     * The partners of 1 to 100 global ids, in their order; an id that names no partner (unknown, malformed
     * or of another type) gives null in its place: a list screen keeps the shops that are there.
     */
    public Uni<List<Partner>> findByIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > Arguments.MAX_FIRST) {
            throw new BadUserInputException("ids", "give 1 to " + Arguments.MAX_FIRST + " ids, not " + ids.size());
        }
        List<Long> keys = ids.stream().map(id -> GlobalId.keyOrNull(id, Partner.TYPE)).toList();
        return partners.findByKeys(keys.stream().filter(java.util.Objects::nonNull).toList())
                .map(found -> keys.stream().map(key -> key == null ? null : found.get(key)).toList());
    }

    /** The partners in the order of the keys; a key without a partner gives null. */
    public Uni<List<Partner>> find(List<Long> keys) {
        return partners.findByKeys(keys).map(found -> keys.stream().map(found::get).toList());
    }
}
