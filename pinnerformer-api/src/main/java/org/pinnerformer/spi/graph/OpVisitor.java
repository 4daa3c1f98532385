package org.pinnerformer.spi.graph;

/**
 * Lowers one {@link Op}: one method per op of the sealed vocabulary, so a backend that misses an op does not
 * compile. Implementations usually keep the node being lowered in a field.
 *
 * @param <R> what a lowering returns (a backend tensor, a shape, ...)
 */
public interface OpVisitor<R> {
    /** Lowers {@link Op.Linear}. */
    R visit(Op.Linear op);

    /** Lowers {@link Op.LayerNorm}. */
    R visit(Op.LayerNorm op);

    /** Lowers {@link Op.Gelu}. */
    R visit(Op.Gelu op);

    /** Lowers {@link Op.Gather}. */
    R visit(Op.Gather op);

    /** Lowers {@link Op.Reshape}. */
    R visit(Op.Reshape op);

    /** Lowers {@link Op.Concat}. */
    R visit(Op.Concat op);

    /** Lowers {@link Op.Add}. */
    R visit(Op.Add op);

    /** Lowers {@link Op.Sub}. */
    R visit(Op.Sub op);

    /** Lowers {@link Op.Mul}. */
    R visit(Op.Mul op);

    /** Lowers {@link Op.Div}. */
    R visit(Op.Div op);

    /** Lowers {@link Op.ScaleShift}. */
    R visit(Op.ScaleShift op);

    /** Lowers {@link Op.Cos}. */
    R visit(Op.Cos op);

    /** Lowers {@link Op.Sin}. */
    R visit(Op.Sin op);

    /** Lowers {@link Op.Softplus}. */
    R visit(Op.Softplus op);

    /** Lowers {@link Op.SelectLast}. */
    R visit(Op.SelectLast op);

    /** Lowers {@link Op.SliceLastAxis}. */
    R visit(Op.SliceLastAxis op);

    /** Lowers {@link Op.CausalSelfAttention}. */
    R visit(Op.CausalSelfAttention op);

    /** Lowers {@link Op.Dropout} (training graphs only). */
    R visit(Op.Dropout op);

    /** Lowers {@link Op.L2Normalize}. */
    R visit(Op.L2Normalize op);

    /** Lowers {@link Op.MatMulTransposed}. */
    R visit(Op.MatMulTransposed op);

    /** Lowers {@link Op.MaskedFill}. */
    R visit(Op.MaskedFill op);

    /** Lowers {@link Op.LogSumExp}. */
    R visit(Op.LogSumExp op);

    /** Lowers {@link Op.Diagonal}. */
    R visit(Op.Diagonal op);

    /** Lowers {@link Op.WeightedSum}. */
    R visit(Op.WeightedSum op);
}
