/**
 * PinnerFormer's public records and interfaces. Applications start at the front door, {@link
 * org.pinnerformer.api.PinnerFormer}: it trains a {@link org.pinnerformer.api.Model} from a {@link
 * org.pinnerformer.api.DataSource}, opens bundles, embeds users by id into {@link org.pinnerformer.api.Embeddings},
 * builds item indexes, runs the daily job and makes {@link org.pinnerformer.api.Recommender}s, on a backend picked by
 * a {@link org.pinnerformer.api.BackendChoice}; none of that needs {@code org.pinnerformer.spi}. Below it: actions and vocabularies, the model specification,
 * the flat training and inference batches, checkpoints, embedding stores, item indexes, backend
 * discovery and the exception family.
 *
 * <p>Nothing in this package accepts or returns {@code null}; absent values are {@link java.util.Optional}
 * or empty collections. Records validate their arguments in their constructors and copy arrays on the
 * way in and out.
 */
package org.pinnerformer.api;
