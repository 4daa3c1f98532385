/**
 * The engine SPI: what differs from engine to engine, and the one backend built on it.
 *
 * <p>A backend module implements {@link org.pinnerformer.model.engine.Engine} (compile graphs of
 * {@link org.pinnerformer.spi.graph} for inference; if it trains, build the loss graph with an optimiser step) and a
 * tiny {@link org.pinnerformer.model.engine.EngineProvider} (name, capabilities, load the natives, open an engine).
 * The provider's {@code create} wraps the engine in the one {@link org.pinnerformer.spi.Backend} of this package,
 * which packs inputs with {@link org.pinnerformer.model.ModelInputs}, validates checkpoints, checks output sizes,
 * refuses use after close with a sentence, and owns and closes what it hands out: no backend writes those again.
 */
package org.pinnerformer.model.engine;
