/**
 * The PinnerFormer model and loss defined once: the parameter table ({@link org.pinnerformer.model.ModelParameters}),
 * initialisation and validation of checkpoints, the graphs every backend lowers
 * ({@link org.pinnerformer.model.PinnerFormerGraphs}), the one mapping from batches to graph inputs
 * ({@link org.pinnerformer.model.ModelInputs}) and the pure-Java reference interpreter
 * ({@link org.pinnerformer.model.GraphInterpreter}). See {@code docs/model.md} and {@code docs/checkpoint.md}.
 */
package org.pinnerformer.model;
