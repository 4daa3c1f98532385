/**
 * Item retrieval for serving: {@link org.pinnerformer.api.ItemIndex} implementations over L2-normalised item
 * embeddings, ranked by inner product (= cosine).
 *
 * <table>
 *   <caption>Where to start</caption>
 *   <tr><th>to</th><th>use</th></tr>
 *   <tr><td>exact top-K (multi-threaded brute force)</td><td>{@link org.pinnerformer.core.retrieval.ExactItemIndex}</td></tr>
 *   <tr><td>approximate top-K (HNSW on Apache Lucene), persisted in a directory</td>
 *       <td>{@link org.pinnerformer.core.retrieval.HnswItemIndex}, {@link org.pinnerformer.core.retrieval.HnswOptions}</td></tr>
 *   <tr><td>index a model's catalogue; reopen any saved index; read the model id it records</td>
 *       <td>{@link org.pinnerformer.core.retrieval.ItemIndexes}</td></tr>
 *   <tr><td>embed items with the item tower</td><td>{@link org.pinnerformer.core.retrieval.ItemEmbeddings}</td></tr>
 *   <tr><td>brute-force top-K over {@link org.pinnerformer.core.data.ItemVectors} (also used by evaluation)</td>
 *       <td>{@link org.pinnerformer.core.retrieval.ExactTopK}</td></tr>
 *   <tr><td>a user's top-K from a snapshot and an index of the same model</td>
 *       <td>{@link org.pinnerformer.core.retrieval.Recommender}</td></tr>
 * </table>
 *
 * <p>Both indexes validate that item vectors have unit L2 norm (or are all zero: an item the model knows nothing
 * about); they never normalise silently, because a non-unit vector from the item tower is a bug upstream.
 */
package org.pinnerformer.core.retrieval;
