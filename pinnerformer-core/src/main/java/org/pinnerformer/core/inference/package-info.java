/**
 * The daily batch job of the paper's section 4.4: re-embed the users who acted since the last run, carry the
 * previous vectors of everyone else over, publish the day's snapshot to an
 * {@link org.pinnerformer.api.EmbeddingStore}.
 */
package org.pinnerformer.core.inference;
