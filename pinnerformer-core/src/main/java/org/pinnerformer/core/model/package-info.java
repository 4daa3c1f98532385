/**
 * The PinnerFormer model and loss defined once: the parameter table ({@link org.pinnerformer.core.model.ModelParameters}),
 * initialisation and validation of checkpoints, the graphs every backend lowers
 * ({@link org.pinnerformer.core.model.PinnerFormerGraphs}), the one mapping from batches to graph inputs
 * ({@link org.pinnerformer.core.model.ModelInputs}) and the pure-Java reference interpreter
 * ({@link org.pinnerformer.core.model.GraphInterpreter}). See {@code docs/model.md} and {@code docs/checkpoint.md}.
 */
package org.pinnerformer.core.model;
