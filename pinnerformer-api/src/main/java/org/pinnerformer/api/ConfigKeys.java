package org.pinnerformer.api;

/**
 * Every system property PinnerFormer reads, in one place. Explicit options passed through the API always
 * override these.
 */
public final class ConfigKeys {
    /** Forces the backend chosen by {@link Backends#select}: a provider name such as {@code djl} or {@code java}. */
    public static final String BACKEND = "pinnerformer.backend";

    private ConfigKeys() {
    }
}
