package org.pinnerformer.api;

/**
 * Two artefacts computed with different models (a snapshot and an item index, or two snapshots) were to be combined.
 * Every artefact records the id of the model it came from (a model bundle's content hash); readers check it with
 * {@link #requireSame} and refuse a mismatch by naming both.
 */
public class ModelMismatchException extends PinnerFormerException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming both artefacts and both ids. */
    public ModelMismatchException(String message) {
        super(message);
    }

    /**
     * Refuses to combine two artefacts computed with different models.
     *
     * @param first what the first artefact is, for the message ("the snapshot of 2018-08-01 in store s")
     * @param firstId its model id
     * @param second what the second artefact is
     * @param secondId its model id
     * @throws ModelMismatchException naming both artefacts and both ids when the ids differ
     */
    public static void requireSame(String first, String firstId, String second, String secondId) {
        if (!firstId.equals(secondId)) {
            throw new ModelMismatchException("refusing to combine artefacts of different models: " + first
                    + " was computed with model " + firstId + " but " + second + " with model " + secondId
                    + "; use artefacts of one --model bundle");
        }
    }
}
