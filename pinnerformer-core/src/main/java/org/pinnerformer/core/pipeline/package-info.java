/**
 * The end-to-end pipeline on one data set: split users into training, validation and evaluation users, learn item
 * vectors from the training period only, train a model with any {@link org.pinnerformer.spi.Backend} through the
 * {@link org.pinnerformer.core.train.TrainingLoop} (keeping the checkpoint with the best validation Recall@K), and
 * evaluate it next to the baselines with the same {@link org.pinnerformer.core.eval.Evaluator}.
 *
 * <p>Start from {@link org.pinnerformer.core.pipeline.Experiment}; the adapters
 * {@link org.pinnerformer.core.pipeline.ModelUserEmbedder} and {@link org.pinnerformer.core.retrieval.ItemEmbeddings}
 * connect a backend's encoders to the evaluation package.
 */
package org.pinnerformer.core.pipeline;
