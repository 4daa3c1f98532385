/**
 * The backend-neutral operation vocabulary and graph form that every backend lowers to its engine.
 */
package org.pinnerformer.spi.graph;
