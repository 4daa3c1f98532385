/**
 * The backend-neutral operation vocabulary and graph form that every backend lowers to its engine.
 *
 * <p>Core builds the PinnerFormer user tower, item tower and loss as {@link org.pinnerformer.spi.graph.Graph}s
 * with a {@link org.pinnerformer.spi.graph.GraphBuilder}, which checks every op's operand shapes as it is added.
 * A graph's inputs are per-call data (with symbolic dimensions such as {@code B}, {@code T}) and parameters named
 * after checkpoint tensors; its nodes are in topological order; its outputs are named.
 *
 * <p>A backend lowers a graph by walking {@link org.pinnerformer.spi.graph.Graph#nodes()} in order and
 * translating each {@link org.pinnerformer.spi.graph.Op} with an {@link org.pinnerformer.spi.graph.OpVisitor}
 * (the op set is sealed, so a missing op is a compile error). Each op documents one exact formula; core's
 * pure-Java interpreter implements those formulas and is the oracle backends are tested against.
 *
 * <p>Dropout ({@link org.pinnerformer.spi.graph.Op.Dropout}, and the {@code dropout} of
 * {@link org.pinnerformer.spi.graph.Op.CausalSelfAttention}) is random and appears only in training graphs: a
 * backend that trains draws its masks from its own generator keyed by the graph's int32 step seed and the node;
 * a backend that only infers (and the interpreter) may refuse it, since inference graphs never contain it.
 */
package org.pinnerformer.spi.graph;
