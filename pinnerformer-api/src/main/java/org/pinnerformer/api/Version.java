package org.pinnerformer.api;

/** The library version. */
public final class Version {
    /** The version of this build. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Version() {
    }
}
