/**
 * Everything backend-agnostic: data readers, timelines, features, objective samplers, the model and
 * its loss defined once as a graph with a pure-Java interpreter, training, evaluation, inference,
 * stores and retrieval, and the implementation of the front door {@link org.pinnerformer.api.PinnerFormer}.
 */
module org.pinnerformer.core {
    requires transitive org.pinnerformer.api;
    requires transitive org.pinnerformer.model;
    requires com.fasterxml.jackson.databind;
    requires org.apache.lucene.core;

    exports org.pinnerformer.core.bundle;
    exports org.pinnerformer.core.data;
    exports org.pinnerformer.core.eval;
    exports org.pinnerformer.core.features;
    exports org.pinnerformer.core.inference;
    exports org.pinnerformer.core.sampling;
    exports org.pinnerformer.core.store;
    exports org.pinnerformer.core.pipeline;
    exports org.pinnerformer.core.retrieval;
    exports org.pinnerformer.core.train;

    provides org.pinnerformer.spi.BackendProvider with org.pinnerformer.core.backend.JavaBackendProvider;
    // The front door's implementation (org.pinnerformer.api.PinnerFormer); its package is not exported.
    provides org.pinnerformer.spi.PlatformProvider with org.pinnerformer.core.platform.CorePlatform;
}
