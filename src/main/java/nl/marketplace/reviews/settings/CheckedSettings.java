package nl.marketplace.reviews.settings;

/**
 * A group of settings that states its own rules: each range, and each agreement with its other
 * settings. Extended by the {@code @ConfigMapping} interfaces, so that a rule lives beside the
 * setting it is about; {@link SettingsAtStart} runs them all when the service starts.
 */
public interface CheckedSettings {

    /**
     * Adds what is wrong to {@code checks}. A default method only because SmallRye Config takes an
     * abstract method of a mapping (and of its super-interfaces) for a setting; every group
     * overrides it ({@code SettingsUnitTest} checks).
     */
    default void check(Checks checks) {
    }
}
