package nl.marketplace.reviews.trusteddocument;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;

/** Apps' manifests of trusted documents (README, "Trusted documents"). */
@GraphQLApi
@ClientSafeErrors
public class TrustedDocumentsGraphQL {

    private final TrustedManifests manifests;

    public TrustedDocumentsGraphQL(TrustedManifests manifests) {
        this.manifests = manifests;
    }

    @Mutation("registerTrustedDocuments")
    @Description("Admin (the platform, at an app's release): list an app version's operations as trusted documents. They then run "
            + "for callers without sign-in where only trusted documents run, by their SHA-256 (persisted queries), and are never "
            + "pruned while listed. Listing the same version again changes nothing.")
    public Uni<@NonNull TrustedDocumentsPayload> registerTrustedDocuments(@NonNull @Name("input") RegisterTrustedDocumentsInput input) {
        return manifests.register(input.client(), input.version(), input.manifest()).map(o -> o.isOk()
                ? new TrustedDocumentsPayload(o.value().listed(), o.value().newlyTrusted(), o.userErrors())
                : new TrustedDocumentsPayload(null, null, o.userErrors()));
    }

    @Mutation("unlistTrustedDocuments")
    @Description("Admin: an app version is no longer in use. Its operations stay trusted while another listing has them, and are "
            + "pruned like any other document from then on.")
    public Uni<@NonNull TrustedDocumentsPayload> unlistTrustedDocuments(@NonNull @Name("input") UnlistTrustedDocumentsInput input) {
        return manifests.unlist(input.client(), input.version()).map(o -> new TrustedDocumentsPayload(o.isOk() ? o.value() : null, null,
                o.userErrors()));
    }
}
