package org.pinnerformer.spi;

import java.nio.file.Path;
import org.pinnerformer.api.BackendChoice;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.Recommender;
import org.pinnerformer.api.objective.TrainingOptions;

/**
 * The implementation behind the front door {@link org.pinnerformer.api.PinnerFormer}: training, bundles, stores and
 * indexes. {@code pinnerformer-core} provides the one implementation through {@link java.util.ServiceLoader}; a
 * backend author never writes one. Its public no-argument constructor does no work. No method returns null.
 */
public interface PlatformProvider {

    /**
     * Trains a model on {@code data} with a backend that can train, keeps the checkpoint with the best validation
     * Recall@10 and writes its bundle into {@code bundle}, then opens it on {@code backend}.
     *
     * @param listener hears {@code ("train", stepsDone, stepsPlanned)} after each step
     */
    Model train(DataSource data, ModelSpec spec, TrainingOptions options, Path bundle, ProgressListener listener,
            BackendChoice backend);

    /** Opens a model bundle, checking every checksum, to run on {@code backend} (opened on first use). */
    Model open(Path bundle, BackendChoice backend);

    /**
     * A recommender over the latest snapshot in the store {@code store} and the item index saved in {@code index},
     * refusing them when they record different model ids.
     */
    Recommender recommender(Path store, Path index);
}
