/**
 * Small runnable programs, one idea each.
 *
 * <ul>
 *   <li>{@link org.pinnerformer.examples.TrainAndEvaluate}: the quick start through the API - train on MovieLens,
 *       evaluate next to the baselines, print the table.</li>
 * </ul>
 */
package org.pinnerformer.examples;
