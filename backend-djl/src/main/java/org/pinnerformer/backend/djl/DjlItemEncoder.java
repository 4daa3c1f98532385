package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.graph.Graph;

/** The item tower on libtorch. Thread-safe. */
final class DjlItemEncoder implements ItemEncoder {
    private final DjlModel model;
    private final ModelSpec spec;
    private final Graph graph;

    DjlItemEncoder(NDManager parent, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        this.model = new DjlModel(parent, checkpoint);
        this.spec = checkpoint.spec();
        this.graph = PinnerFormerGraphs.itemTower(ModelParameters.of(checkpoint));
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(ItemBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return model.run(graph, ModelInputs.items(spec, batch), GraphNames.ITEM_EMBEDDINGS, "item encoder");
    }

    @Override
    public void close() {
        model.close();
    }

    /** Whether {@link #close()} ran. */
    boolean isClosed() {
        return model.isClosed();
    }
}
