package org.pinnerformer.core.platform;

import java.nio.file.Files;
import java.util.Objects;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.data.ReadMode;

/** Reads the data set an api {@link DataSource} describes. */
final class DataSources {
    private DataSources() {
    }

    /**
     * Reads the data set.
     *
     * @throws PinnerFormerException if the directory lacks its files
     * @throws org.pinnerformer.api.InputFormatException naming the file, line and field of a malformed line (strict
     *     reading)
     */
    static Dataset read(DataSource source) {
        Objects.requireNonNull(source, "source");
        if (source instanceof DataSource.MovieLens m) {
            if (!Files.isRegularFile(m.directory().resolve("ratings.csv"))) {
                throw new PinnerFormerException("cannot read the MovieLens data set in " + m.directory()
                        + ": it has no ratings.csv; give a directory with the files of ml-latest-small");
            }
            return MovieLens.latestSmall(m.directory(), m.lenient() ? ReadMode.LENIENT : ReadMode.STRICT);
        }
        throw new IllegalArgumentException("unknown data source " + source);
    }
}
