package nl.marketplace.reviews.security;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerService;

@GraphQLApi
@ClientSafeErrors
public class ViewerGraphQL {

    private final CallerService callers;
    private final PartnerService partners;

    public ViewerGraphQL(CallerService callers, PartnerService partners) {
        this.callers = callers;
        this.partners = partners;
    }

    @Query("viewer")
    @Description("Who is asking: the signed-in partner or administrator; null without sign-in (never an error).")
    public Viewer viewer() {
        return callers.viewer();
    }

    @Name("partner")
    @Description("The partner the caller signed in as; null for an administrator who is no partner.")
    public Uni<Partner> partner(@Source Viewer viewer) {
        return viewer.partnerKey() == null ? Uni.createFrom().nullItem() : partners.find(java.util.List.of(viewer.partnerKey())).map(found -> found.get(0));
    }
}
