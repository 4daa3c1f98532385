/**
 * Offline evaluation of user embeddings (paper section 5, DESIGN section 6), independent of any backend: a
 * model enters as a {@link org.pinnerformer.core.eval.UserEmbedder} and its item embeddings
 * ({@link org.pinnerformer.core.data.ItemVectors}). Evaluation builds on serving, never the reverse: it ranks with
 * retrieval's {@link org.pinnerformer.core.retrieval.ExactTopK} and measures the production daily job through
 * {@link org.pinnerformer.core.eval.DailyJobUserEmbedder}; {@code inference}, {@code store} and {@code retrieval}
 * import nothing from here.
 *
 * <table>
 *   <caption>Where to start</caption>
 *   <tr><th>to</th><th>use</th></tr>
 *   <tr><td>choose evaluated users and their cut times</td><td>{@link org.pinnerformer.core.eval.UserSplit},
 *       {@link org.pinnerformer.core.eval.CutPolicy}</td></tr>
 *   <tr><td>fix K, the window, the index, the inference mode</td><td>{@link org.pinnerformer.core.eval.EvalOptions},
 *       {@link org.pinnerformer.core.eval.EvalIndex}, {@link org.pinnerformer.core.eval.InferenceMode}</td></tr>
 *   <tr><td>prepare users, positives and the leak-free training period</td>
 *       <td>{@link org.pinnerformer.core.eval.EvalProtocol} ({@link org.pinnerformer.core.eval.EvalExamples})</td></tr>
 *   <tr><td>evaluate a model or a baseline</td><td>{@link org.pinnerformer.core.eval.Evaluator} with a
 *       {@link org.pinnerformer.core.eval.RetrievalMethod}; {@link org.pinnerformer.core.eval.Baselines}</td></tr>
 *   <tr><td>report</td><td>{@link org.pinnerformer.core.eval.ResultTable} (Markdown),
 *       {@link org.pinnerformer.core.eval.ResultJson} (results.json)</td></tr>
 *   <tr><td>sequence-only data (no timestamps)</td><td>{@link org.pinnerformer.core.eval.LeaveLastOut}</td></tr>
 * </table>
 *
 * <p>The metric formulas are in {@link org.pinnerformer.core.eval.Metrics}; retrieval is exact
 * ({@link org.pinnerformer.core.retrieval.ExactTopK}), so results measure the embeddings, not an approximate index.
 */
package org.pinnerformer.core.eval;
