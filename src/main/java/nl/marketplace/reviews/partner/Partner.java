package nl.marketplace.reviews.partner;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Node;

@Type("Partner")
@Description("A partner (verkoper): the seller that customers review.")
public record Partner(
        @Id @NonNull @Description("The partner's global id.") String id,
        @Ignore long key,
        @NonNull @Description("The partner's shop name.") String name,
        @Ignore long scoreVersion) implements Node {

    public static final String TYPE = "Partner";

    /**
     * @param scoreVersion partner.score_version (migration V10): changes with anything the partner's
     *        scores and review counts are computed from, so figures computed at it may be reused
     */
    public Partner(long key, String name, long scoreVersion) {
        this(GlobalId.encode(TYPE, key), key, name, scoreVersion);
    }

    @Override
    @Id
    @NonNull
    @Description("The partner's global id.")
    public String getId() {
        return id;
    }
}
