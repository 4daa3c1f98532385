/**
 * Daily snapshots of user embeddings: {@link org.pinnerformer.core.store.InMemoryEmbeddingStore} for tests and
 * small jobs, and {@link org.pinnerformer.core.store.SnapshotEmbeddingStore}, one checksummed, memory-mapped file
 * per day, published atomically by rename, looked up by binary search over the sorted user ids.
 */
package org.pinnerformer.core.store;
