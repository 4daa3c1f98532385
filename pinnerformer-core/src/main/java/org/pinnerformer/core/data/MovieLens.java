package org.pinnerformer.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.Vocabulary;

/**
 * Loaders for the MovieLens data sets (GroupLens; cite Harper and Konstan 2015).
 *
 * <p>Actions: a rating of {@value #HIGH_RATING} or more is {@value #RATE_HIGH}, a lower one
 * {@value #RATE_LOW}, and a tag is {@value #TAG}; all on one surface, {@value #SURFACE}, with duration 0.
 * Positive engagement: {@value #RATE_HIGH} and {@value #TAG}. Timestamps are epoch seconds. Several tags of one
 * movie by one user in the same second are one tag action (the tag text is not kept), so the timelines of
 * ml-latest-small hold fewer actions than its 104,519 rows.
 *
 * <p>Items: movies with their titles and genres as categories ("(no genres listed)" means none).
 * <pre>{@code
 * Dataset ml = MovieLens.latestSmall(Path.of("data/ml-latest-small"))
 *         .withCoEngagementVectors(TrainingPeriod.before(cut), CoEngagementOptions.defaults(42));
 * }</pre>
 */
public final class MovieLens {
    /** The action type of a rating at or above {@link #HIGH_RATING}. */
    public static final String RATE_HIGH = "rate-high";
    /** The action type of a rating below {@link #HIGH_RATING}. */
    public static final String RATE_LOW = "rate-low";
    /** The action type of a tag. */
    public static final String TAG = "tag";
    /** The one surface of MovieLens. */
    public static final String SURFACE = "web";
    /** The lowest rating that is {@link #RATE_HIGH}. */
    public static final double HIGH_RATING = 4.0;
    /** The action types, in index order. */
    public static final Vocabulary ACTION_TYPES = Vocabulary.of(RATE_HIGH, RATE_LOW, TAG);
    /** The surfaces. */
    public static final Vocabulary SURFACES = Vocabulary.of(SURFACE);
    /** The positive action types. */
    public static final Set<String> POSITIVE_TYPES = Set.of(RATE_HIGH, TAG);

    private MovieLens() {
    }

    /** The format of ml-latest-small's {@code ratings.csv} ({@code userId,movieId,rating,timestamp}). */
    public static ActionLogFormat latestSmallRatingsFormat() {
        return ActionLogFormat.builder().user(Column.named("userId")).item(Column.named("movieId"))
                .timestamp(Column.named("timestamp"))
                .actionType(TokenSource.threshold("rating", HIGH_RATING, RATE_HIGH, RATE_LOW))
                .surface(TokenSource.constant(SURFACE)).build();
    }

    /** The format of ml-latest-small's {@code tags.csv} ({@code userId,movieId,tag,timestamp}). */
    public static ActionLogFormat latestSmallTagsFormat() {
        return ActionLogFormat.builder().user(Column.named("userId")).item(Column.named("movieId"))
                .timestamp(Column.named("timestamp")).actionType(TokenSource.constant(TAG))
                .surface(TokenSource.constant(SURFACE)).build();
    }

    /** The format of ml-100k's {@code u.data} (tab-separated user, item, rating, timestamp; no header). */
    public static ActionLogFormat ml100kRatingsFormat() {
        return ActionLogFormat.builder().delimiter('\t').quoted(false)
                .columnNames("user id", "item id", "rating", "timestamp").user(Column.named("user id"))
                .item(Column.named("item id")).timestamp(Column.named("timestamp"))
                .actionType(TokenSource.threshold("rating", HIGH_RATING, RATE_HIGH, RATE_LOW))
                .surface(TokenSource.constant(SURFACE)).build();
    }

    /**
     * Loads ml-latest-small strictly from a folder holding {@code movies.csv}, {@code ratings.csv} and, optionally,
     * {@code tags.csv}.
     */
    public static Dataset latestSmall(Path dir) {
        return latestSmall(dir, ReadMode.STRICT);
    }

    /**
     * Loads ml-latest-small from a folder holding {@code movies.csv}, {@code ratings.csv} and, optionally,
     * {@code tags.csv} (without it there are no tag actions). In strict mode a {@code ratings.csv} with a header but
     * no rating is refused.
     */
    public static Dataset latestSmall(Path dir, ReadMode mode) {
        ReadResult<ItemCatalog> movies = movies(dir.resolve("movies.csv"), mode);
        ActionTable actions = new ActionTable();
        Path ratingsCsv = dir.resolve("ratings.csv");
        ReadReport ratings = new ActionLogReader(latestSmallRatingsFormat(), mode).read(ratingsCsv, actions);
        requireRows(ratingsCsv, ratings, mode, "the file has no ratings after its header");
        ReadReport report = movies.report().plus(ratings);
        Path tagsCsv = dir.resolve("tags.csv");
        if (Files.exists(tagsCsv)) {
            report = report.plus(new ActionLogReader(latestSmallTagsFormat(), mode).read(tagsCsv, actions));
        }
        return Dataset.assemble("ml-latest-small", movies.value(), actions, ACTION_TYPES, SURFACES, POSITIVE_TYPES,
                report);
    }

    private static void requireRows(Path file, ReadReport report, ReadMode mode, String problem) {
        if (mode == ReadMode.STRICT && report.rows() == 0) {
            throw new InputFormatException(file.toString(), 0, "", problem + " (read it in lenient mode to accept "
                    + "that)");
        }
    }

    /** Loads ml-100k strictly from a folder holding {@code u.data}, {@code u.item} and {@code u.genre}. */
    public static Dataset ml100k(Path dir) {
        return ml100k(dir, ReadMode.STRICT);
    }

    /** Loads ml-100k from a folder holding {@code u.data}, {@code u.item} and {@code u.genre}. */
    public static Dataset ml100k(Path dir, ReadMode mode) {
        ReadResult<ItemCatalog> items = ml100kItems(dir, mode);
        ActionTable actions = new ActionTable();
        Path uData = dir.resolve("u.data");
        ReadReport ratings = new ActionLogReader(ml100kRatingsFormat(), mode).read(uData, actions);
        requireRows(uData, ratings, mode, "the file has no ratings");
        ReadReport report = items.report().plus(ratings);
        return Dataset.assemble("ml-100k", items.value(), actions, ACTION_TYPES, SURFACES, POSITIVE_TYPES, report);
    }

    /** Reads ml-latest-small's {@code movies.csv}: titles and genres, placeholder vectors. */
    public static ReadResult<ItemCatalog> movies(Path moviesCsv, ReadMode mode) {
        return MovieLensItemReader.moviesCsv(moviesCsv, mode);
    }

    /** Reads ml-100k's {@code u.item} (ISO-8859-1) with genre names from {@code u.genre}; placeholder vectors. */
    public static ReadResult<ItemCatalog> ml100kItems(Path dir, ReadMode mode) {
        List<String> genres = MovieLensItemReader.genres(dir.resolve("u.genre"));
        return MovieLensItemReader.uItem(dir.resolve("u.item"), genres, mode);
    }
}
