/**
 * The PinnerFormer model, written once, on the api alone: the graphs every backend lowers, the parameter table,
 * the one mapping from batches to graph inputs, checkpoint initialisation and validation, the learning-rate
 * schedule and the pure-Java reference interpreter. Backends and core both build on it; it knows neither.
 */
module org.pinnerformer.model {
    requires transitive org.pinnerformer.api;

    exports org.pinnerformer.model;
}
