/**
 * Feature preparation: {@link org.pinnerformer.core.features.SequenceWindow} picks a user's last {@code M}
 * actions, {@link org.pinnerformer.core.features.SequenceFeatures} turns windows into the flat arrays of a
 * {@link org.pinnerformer.api.SequenceBatch} (left padded, newest last), with the time angles of
 * {@link org.pinnerformer.core.features.TimeEncoding} computed in double precision and the item-id buckets of
 * {@link org.pinnerformer.core.features.ItemBuckets}; {@link org.pinnerformer.core.features.InferenceBatches}
 * builds {@link org.pinnerformer.api.InferenceBatch}es at the newest action or at a time cut.
 */
package org.pinnerformer.core.features;
