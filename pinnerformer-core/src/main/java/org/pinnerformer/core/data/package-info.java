/**
 * Reading action logs and item data: readers with strict and lenient modes, the item catalogue, and
 * compact per-user timelines.
 */
package org.pinnerformer.core.data;
