package nl.marketplace.reviews.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example operations of graphql/operations/, as a client would send them. */
public final class Operations {

    static final Path DIR = Path.of("graphql", "operations");

    private Operations() {
    }

    public static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name + ".graphql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
