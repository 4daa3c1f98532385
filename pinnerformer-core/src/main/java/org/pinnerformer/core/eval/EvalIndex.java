package org.pinnerformer.core.eval;

/** Which items each evaluated user's top K is retrieved from. */
public sealed interface EvalIndex {

    /** Every item of the catalogue. */
    static EvalIndex allItems() {
        return new AllItems();
    }

    /** A seeded random sample of {@code size} items, shared by all users, plus each user's own positives. */
    static EvalIndex sampled(int size) {
        return new Sampled(size);
    }

    /** A short description for reports. */
    String describe();

    /** Every item of the catalogue. */
    record AllItems() implements EvalIndex {
        @Override
        public String describe() {
            return "all items";
        }
    }

    /**
     * A random sample of items plus the evaluated user's positives, as in the paper (1M random items there).
     * Coverage is relative to the sample together with all evaluated users' positives (N when {@code size} is at
     * least the catalogue's size, which makes this all items).
     *
     * @param size how many items are sampled, {@code > 0}
     */
    record Sampled(int size) implements EvalIndex {
        /** Validates the size. */
        public Sampled {
            if (size <= 0) {
                throw new IllegalArgumentException("size must be > 0, was " + size);
            }
        }

        @Override
        public String describe() {
            return "random " + size + " items + positives";
        }
    }
}
