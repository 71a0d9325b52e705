package nl.marketplace.reviews.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

@Interface("Node")
@Description("An object with a global, opaque id that `node(id:)` can fetch again.")
public interface Node {

    @Id
    @NonNull
    @Description("The object's global id: opaque, stable, and unique across all types.")
    String getId();
}
