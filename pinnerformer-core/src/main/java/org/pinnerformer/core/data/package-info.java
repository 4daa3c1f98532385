/**
 * Reading action logs and item data: readers with strict and lenient modes, the item catalogue, compact
 * per-user timelines, and item content vectors.
 *
 * <table>
 *   <caption>Where to start</caption>
 *   <tr><th>to</th><th>use</th></tr>
 *   <tr><td>load a public data set</td><td>{@link org.pinnerformer.core.data.MovieLens},
 *       {@link org.pinnerformer.core.data.Taobao}, {@link org.pinnerformer.core.data.SequenceFile}: each returns a
 *       {@link org.pinnerformer.core.data.Dataset} (catalogue, timelines, {@link org.pinnerformer.core.data.ReadReport})</td></tr>
 *   <tr><td>read your own log</td><td>{@link org.pinnerformer.core.data.ActionLogFormat} (column mapping) +
 *       {@link org.pinnerformer.core.data.ActionLogReader} into an {@link org.pinnerformer.core.data.ActionTable},
 *       then {@link org.pinnerformer.core.data.Dataset#assemble}</td></tr>
 *   <tr><td>give items content vectors</td><td>{@link org.pinnerformer.core.data.CoEngagementVectors} (learned
 *       from a {@link org.pinnerformer.core.data.TrainingPeriod} only) or
 *       {@link org.pinnerformer.core.data.ItemVectorFiles} (supplied, text or binary)</td></tr>
 * </table>
 *
 * <p>Every reader streams its input and, on a malformed row, either throws an
 * {@link org.pinnerformer.api.InputFormatException} naming file, line and field
 * ({@link org.pinnerformer.core.data.ReadMode#STRICT}) or skips and counts it by
 * {@link org.pinnerformer.core.data.SkipReason} ({@link org.pinnerformer.core.data.ReadMode#LENIENT}). Actions
 * whose action type or surface is out of vocabulary are dropped and counted when timelines are built.
 */
package org.pinnerformer.core.data;
