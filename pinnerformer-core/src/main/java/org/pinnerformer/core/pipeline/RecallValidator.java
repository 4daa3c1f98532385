package org.pinnerformer.core.pipeline;

import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.eval.EvalProtocol;
import org.pinnerformer.core.eval.Evaluator;
import org.pinnerformer.core.eval.RetrievalMethod;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.retrieval.ItemEmbeddings;
import org.pinnerformer.core.train.Validator;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.UserEncoder;

/**
 * Scores a checkpoint by Recall@K (the protocol's K) on held-out validation users: the protocol's evaluation
 * users, which must be disjoint from both the training users and the users of the final evaluation. Each call
 * opens the backend's user and item encoders for the checkpoint, encodes the catalogue and the validation users,
 * and closes the encoders again.
 */
public final class RecallValidator implements Validator {
    private final Backend backend;
    private final EvalProtocol protocol;
    private final SequenceFeatures features;
    private final int batchSize;

    /**
     * A validator on a prepared validation protocol.
     *
     * @param backend encodes users and items (any backend with INFER)
     * @param protocol the validation protocol; its data set must carry the content vectors the model trains on
     * @param features the sequence features of the protocol's data set
     * @param batchSize users or items per encoder call, {@code > 0}
     */
    public RecallValidator(Backend backend, EvalProtocol protocol, SequenceFeatures features, int batchSize) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.features = Objects.requireNonNull(features, "features");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (protocol.examples().size() == 0) {
            throw new IllegalArgumentException("the validation protocol has no user with a positive in the window;"
                    + " use more validation users");
        }
        this.batchSize = batchSize;
    }

    @Override
    public double score(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        try (UserEncoder users = backend.userEncoder(checkpoint);
                ItemEncoder items = backend.itemEncoder(checkpoint)) {
            ItemVectors space = ItemEmbeddings.encode(items, protocol.dataset().catalog(), checkpoint.spec(), batchSize);
            return new Evaluator(protocol).evaluate(new RetrievalMethod.Embedding("validation",
                    new ModelUserEmbedder(users, features, batchSize), space)).recall();
        }
    }
}
