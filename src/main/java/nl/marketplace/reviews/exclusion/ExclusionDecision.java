package nl.marketplace.reviews.exclusion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ExclusionDecision")
@Description("The platform's decision on an exclusion request.")
public enum ExclusionDecision {
    @Description("The review counts in nothing from now on; it stays visible, marked excluded.")
    APPROVED,
    @Description("The review keeps counting; the same reason cannot be used for it again.")
    REJECTED
}
