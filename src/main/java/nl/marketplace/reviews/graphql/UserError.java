package nl.marketplace.reviews.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("UserError")
@Description("An expected refusal of a mutation's input; nothing was changed.")
public record UserError(
        @Description("The path to the input field concerned, e.g. [\"input\", \"text\"]; null when no one field is.") List<@NonNull String> field,
        @NonNull @Description("What is wrong, for people.") String message,
        @NonNull @Description("What is wrong, for programs.") UserErrorCode code) {

    public static UserError of(UserErrorCode code, String message, String... field) {
        return new UserError(field.length == 0 ? null : List.of(field), message, code);
    }
}
