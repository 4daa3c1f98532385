package org.pinnerformer.core.platform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pinnerformer.api.ItemIndex;

/** An item index that knows the id of the model whose item tower computed its vectors. */
final class ModelItemIndex implements ItemIndex {
    private final ItemIndex index;
    private final String modelId;

    ModelItemIndex(ItemIndex index, String modelId) {
        this.index = Objects.requireNonNull(index, "index");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
    }

    @Override
    public int dimension() {
        return index.dimension();
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        return index.search(query, k);
    }

    @Override
    public Optional<String> modelId() {
        return Optional.of(modelId);
    }

    @Override
    public void close() {
        index.close();
    }

    @Override
    public String toString() {
        return "item index of " + index.size() + " items (model " + modelId + ")";
    }
}
