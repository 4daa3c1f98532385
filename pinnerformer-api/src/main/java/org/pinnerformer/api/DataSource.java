package org.pinnerformer.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data set the front door ({@link PinnerFormer}) can train on and read users' actions from. Users and items are
 * named by the data set's own ids throughout.
 */
public sealed interface DataSource {

    /**
     * A MovieLens ml-latest-small style directory: {@code ratings.csv} and {@code movies.csv}, {@code tags.csv}
     * optional. Ratings of 4 and more are positive engagements.
     *
     * @param directory the directory
     * @param lenient whether malformed lines are skipped and counted instead of refused with the file, line and field
     */
    record MovieLens(Path directory, boolean lenient) implements DataSource {
        /** Validates. */
        public MovieLens {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** A MovieLens ml-latest-small style directory, read strictly: the first malformed line is refused. */
    static DataSource movieLens(Path directory) {
        return new MovieLens(directory, false);
    }
}
