/**
 * The public contract of PinnerFormer for the JVM.
 *
 * <table>
 *   <caption>Packages</caption>
 *   <tr><th>package</th><th>holds</th></tr>
 *   <tr><td>{@code org.pinnerformer.api}</td><td>actions, vocabularies, the model spec, batches, checkpoints,
 *       embedding stores, item indexes, backend discovery ({@link org.pinnerformer.api.Backends}) and the
 *       exception family</td></tr>
 *   <tr><td>{@code org.pinnerformer.api.objective}</td><td>training objectives, negative sampling and
 *       training options (sealed types of records)</td></tr>
 *   <tr><td>{@code org.pinnerformer.spi}</td><td>the backend service provider interface</td></tr>
 *   <tr><td>{@code org.pinnerformer.spi.graph}</td><td>the backend-neutral operation vocabulary and graph
 *       form that every backend lowers to its engine</td></tr>
 * </table>
 *
 * <p>Applications start at {@link org.pinnerformer.api.PinnerFormer}, the front door, and import nothing from
 * {@code org.pinnerformer.spi}; its implementation ({@link org.pinnerformer.spi.PlatformProvider}) is provided by
 * {@code org.pinnerformer.core}.
 *
 * <p>Backends are discovered through {@link java.util.ServiceLoader}: this module {@code uses}
 * {@link org.pinnerformer.spi.BackendProvider}; backend modules {@code provide} it.
 */
module org.pinnerformer.api {
    requires com.fasterxml.jackson.databind;

    exports org.pinnerformer.api;
    exports org.pinnerformer.api.objective;
    exports org.pinnerformer.spi;
    exports org.pinnerformer.spi.graph;

    uses org.pinnerformer.spi.BackendProvider;
    uses org.pinnerformer.spi.ModelExporter;
    uses org.pinnerformer.spi.PlatformProvider;
}
