/**
 * The PinnerFormer model, written once, on the api alone: the graphs every backend lowers, the parameter table,
 * the one mapping from batches to graph inputs, checkpoint initialisation and validation, the learning-rate
 * schedule and the pure-Java reference interpreter; and the engine SPI ({@code org.pinnerformer.model.engine}): what
 * a backend implements (an engine that compiles and trains graphs, a tiny provider) and the one
 * {@link org.pinnerformer.spi.Backend} built on it. Backends and core both build on it; it knows neither.
 */
module org.pinnerformer.model {
    requires transitive org.pinnerformer.api;

    exports org.pinnerformer.model;
    exports org.pinnerformer.model.engine;
}
