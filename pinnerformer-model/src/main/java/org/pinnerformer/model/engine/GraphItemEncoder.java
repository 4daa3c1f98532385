package org.pinnerformer.model.engine;

import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.ItemEncoder;

/** The item tower on an engine. Thread-safe. */
final class GraphItemEncoder extends Handle implements ItemEncoder {
    static final String TOWER = "item_tower";

    private final ModelSpec spec;
    private final CompiledModel model;

    GraphItemEncoder(Engine engine, Checkpoint checkpoint) {
        super("item encoder");
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointValidator.validate(checkpoint);
        this.spec = checkpoint.spec();
        this.model = engine.compile(checkpoint,
                Map.of(TOWER, PinnerFormerGraphs.itemTower(ModelParameters.of(checkpoint))));
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(ItemBatch batch) {
        checkOpen();
        Objects.requireNonNull(batch, "batch");
        if (batch.count() == 0) {
            return new float[0];
        }
        return Outputs.check(model.run(TOWER, ModelInputs.items(spec, batch), GraphNames.ITEM_EMBEDDINGS),
                batch.count(), spec.outputSize(), TOWER);
    }

    @Override
    void release() {
        model.close();
    }
}
