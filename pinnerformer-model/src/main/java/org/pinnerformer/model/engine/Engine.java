package org.pinnerformer.model.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.graph.Graph;

/**
 * One started engine: the only part of a backend that differs from engine to engine. It runs graphs of
 * {@link org.pinnerformer.spi.graph} (lowered to the engine however it likes) and, if it trains, builds a trainable
 * loss graph with an optimiser step. Everything around it (the {@link org.pinnerformer.spi.Backend}, its encoders and
 * trainer, input packing, checkpoint validation, output checks, use-after-close sentences, tracking and closing what
 * was handed out) is written once by {@link EngineProvider}.
 *
 * <p>Called only by that code: graphs and checkpoints arrive validated, and {@link #close()} is called once, after
 * every {@link CompiledModel} and {@link TrainingProgram} the engine made has been closed or abandoned.
 */
public interface Engine extends AutoCloseable {

    /**
     * What this engine can do here: {@link Capability#INFER} always, {@link Capability#TRAIN} when
     * {@link #train} works, {@link Capability#GPU} when it runs on a GPU. By default {@code INFER} alone.
     */
    default Set<Capability> capabilities() {
        return EnumSet.of(Capability.INFER);
    }

    /**
     * Prepares graphs that share one checkpoint's parameters for inference (an engine may hold the parameters
     * once for all of them).
     *
     * @param checkpoint a validated checkpoint whose tensors are the graphs' parameters
     * @param graphs the graphs, by a name the caller chooses and passes back to {@link CompiledModel#run}
     * @throws org.pinnerformer.api.BackendException naming the graph when the engine cannot prepare it
     */
    CompiledModel compile(Checkpoint checkpoint, Map<String, Graph> graphs);

    /**
     * Builds {@code loss} (a graph with the scalar output {@link org.pinnerformer.model.GraphNames#LOSS}) over
     * trainable copies of the checkpoint's tensors, with the AdamW step of {@code options}: the
     * {@link org.pinnerformer.model.LearningRateSchedule} of the options, decoupled weight decay on matrices and
     * global-norm gradient clipping. Called only when {@link #capabilities()} has {@link Capability#TRAIN}.
     *
     * @throws UnsupportedOperationException if the engine does not train (the default)
     */
    default TrainingProgram train(Graph loss, Checkpoint initial, TrainingOptions options) {
        throw new UnsupportedOperationException("this engine does not train");
    }

    /** Releases what the engine holds. */
    @Override
    void close();
}
