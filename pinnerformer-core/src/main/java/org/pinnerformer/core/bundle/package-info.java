/**
 * The model bundle: the one artefact training writes and serving reads (the checkpoint, the item vectors it was
 * trained with, vocabularies and provenance under one content-hash model id, checksummed). Start from
 * {@link org.pinnerformer.core.bundle.ModelBundle}; {@link org.pinnerformer.core.bundle.ServingData} applies a
 * bundle to an action log (the new-item rule), {@link org.pinnerformer.api.ModelMismatchException} refuses to combine
 * artefacts of different models.
 */
package org.pinnerformer.core.bundle;
