package org.pinnerformer.backend.tf;

import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.ItemEncoder;
import org.tensorflow.proto.ConfigProto;

/** The item tower on TensorFlow. Thread-safe. */
final class TfItemEncoder implements ItemEncoder {
    private static final String ITEMS = "items";

    private final TfModel model;
    private final ModelSpec spec;

    TfItemEncoder(Checkpoint checkpoint, ConfigProto config) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        this.spec = checkpoint.spec();
        this.model = new TfModel(checkpoint,
                Map.of(ITEMS, PinnerFormerGraphs.itemTower(ModelParameters.of(checkpoint))), config);
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(ItemBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return model.run(ITEMS, ModelInputs.items(spec, batch), GraphNames.ITEM_EMBEDDINGS, "item encoder");
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
