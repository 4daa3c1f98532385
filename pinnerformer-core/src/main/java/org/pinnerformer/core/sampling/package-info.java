/**
 * Training examples: one {@link org.pinnerformer.core.sampling.ObjectiveSampler} per objective (next action,
 * SASRec, all action, dense all action; DESIGN.md section 4), {@link org.pinnerformer.core.sampling.UniformNegatives},
 * the sampler's own label distribution for logQ ({@link org.pinnerformer.core.sampling.LabelFrequencies}), and the
 * {@link org.pinnerformer.core.sampling.TrainingBatchAssembler} that turns sampled sequences into a
 * {@link org.pinnerformer.api.TrainingBatch}. {@link org.pinnerformer.core.sampling.TrainingBatchSource} is the
 * entry point: seeded, deterministic epochs of batches over a set of users.
 */
package org.pinnerformer.core.sampling;
