/**
 * The implementation of the front door ({@link org.pinnerformer.api.PinnerFormer}): {@link
 * org.pinnerformer.core.platform.CorePlatform}, provided to the api through {@link java.util.ServiceLoader}. It
 * composes the other packages (training through {@code pipeline}; serving through {@code bundle}, {@code inference},
 * {@code store} and {@code retrieval}), which never depend on it. Not exported.
 */
package org.pinnerformer.core.platform;
