/**
 * PinnerFormer's public records and interfaces: actions and vocabularies, the model specification,
 * the flat training and inference batches, checkpoints, embedding stores, item indexes, backend
 * discovery and the exception family.
 *
 * <p>Nothing in this package accepts or returns {@code null}; absent values are {@link java.util.Optional}
 * or empty collections. Records validate their arguments in their constructors and copy arrays on the
 * way in and out.
 */
package org.pinnerformer.api;
