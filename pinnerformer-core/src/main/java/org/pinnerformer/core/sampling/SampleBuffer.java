package org.pinnerformer.core.sampling;

/**
 * One sampled training sequence, reused from sequence to sequence so that sampling allocates nothing: the
 * input window (actions {@link #from()} .. {@link #to()} - 1 of user {@link #user()}, indexes into the
 * timelines) and {@link #pairCount()} (anchor, label) pairs, where the anchor is an input action and the label a
 * positive action of the same user that comes after it.
 */
public final class SampleBuffer {
    private int user;
    private int from;
    private int to;
    private int pairCount;
    private int[] anchors;
    private int[] labels;

    /** An empty buffer. */
    public SampleBuffer() {
        anchors = new int[64];
        labels = new int[64];
    }

    /** The dense user index. */
    public int user() {
        return user;
    }

    /** The first (oldest) input action. */
    public int from() {
        return from;
    }

    /** One past the newest input action. */
    public int to() {
        return to;
    }

    /** The number of (anchor, label) pairs. */
    public int pairCount() {
        return pairCount;
    }

    /** The anchor (predicting input action) of pair {@code k}. */
    public int anchor(int k) {
        java.util.Objects.checkIndex(k, pairCount);
        return anchors[k];
    }

    /** The label (positive action to predict) of pair {@code k}. */
    public int label(int k) {
        java.util.Objects.checkIndex(k, pairCount);
        return labels[k];
    }

    void reset(int user, int from, int to) {
        this.user = user;
        this.from = from;
        this.to = to;
        this.pairCount = 0;
    }

    void add(int anchor, int label) {
        if (pairCount == anchors.length) {
            anchors = java.util.Arrays.copyOf(anchors, pairCount * 2);
            labels = java.util.Arrays.copyOf(labels, pairCount * 2);
        }
        anchors[pairCount] = anchor;
        labels[pairCount] = label;
        pairCount++;
    }

    int anchorAt(int k) {
        return anchors[k];
    }

    int labelAt(int k) {
        return labels[k];
    }
}
