/**
 * The backend-agnostic training loop: steps a {@link org.pinnerformer.spi.Trainer} over batches from an
 * objective sampler, validates on held-out users at the configured cadence, keeps the best checkpoint, stops
 * early when validation stops improving, and reports progress to a listener. The learning-rate schedule that
 * every backend's optimiser follows is defined here too.
 */
package org.pinnerformer.core.train;
