package nl.marketplace.reviews.partner;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
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
        return partners.findByKeys(List.of(key)).map(found -> {
            Partner partner = found.get(key);
            if (partner == null) {
                throw new NotFoundException("No partner with this id");
            }
            return partner;
        });
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

    /** The partners in the order of the keys; a key without a partner gives null. */
    public Uni<List<Partner>> find(List<Long> keys) {
        return partners.findByKeys(keys).map(found -> keys.stream().map(found::get).toList());
    }
}
