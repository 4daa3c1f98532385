package org.pinnerformer.core.data;

import java.nio.file.Path;
import java.util.Set;
import org.pinnerformer.api.Vocabulary;

/**
 * Loader for Alibaba's Taobao UserBehavior log (Tianchi data set 649; Zhu et al., KDD 2018):
 * {@code user,item,category,behavior,timestamp} without a header, behaviours {@value #PV} (page view),
 * {@value #CART}, {@value #FAV} and {@value #BUY}, epoch seconds. The category id is kept as the item's
 * category; the catalogue holds every item of the log, by ascending id. One surface, {@value #SURFACE}.
 *
 * <p>Positive engagement is cart, fav and buy by default: a page view is the weakest signal and about 90% of
 * all actions, so counting it as positive would make the objective mostly "predict the next click". Pass
 * {@code pvIsPositive} to count it too.
 */
public final class Taobao {
    /** A page view. */
    public static final String PV = "pv";
    /** Added to cart. */
    public static final String CART = "cart";
    /** Added to favourites. */
    public static final String FAV = "fav";
    /** A purchase. */
    public static final String BUY = "buy";
    /** The one surface. */
    public static final String SURFACE = "app";
    /** The action types, in index order. */
    public static final Vocabulary ACTION_TYPES = Vocabulary.of(PV, CART, FAV, BUY);
    /** The surfaces. */
    public static final Vocabulary SURFACES = Vocabulary.of(SURFACE);

    private Taobao() {
    }

    /** The format of {@code UserBehavior.csv}. */
    public static ActionLogFormat format() {
        return ActionLogFormat.builder().quoted(false)
                .columnNames("user_id", "item_id", "category_id", "behavior_type", "timestamp")
                .user(Column.named("user_id")).item(Column.named("item_id")).timestamp(Column.named("timestamp"))
                .actionType(TokenSource.column("behavior_type")).surface(TokenSource.constant(SURFACE))
                .itemCategory(Column.named("category_id")).build();
    }

    /** Reads a UserBehavior file strictly; cart, fav and buy are positive. */
    public static Dataset read(Path file) {
        return read(file, ReadMode.STRICT, false);
    }

    /** Reads a UserBehavior file; cart, fav and buy are positive, and pv too when {@code pvIsPositive}. */
    public static Dataset read(Path file, ReadMode mode, boolean pvIsPositive) {
        ActionTable actions = new ActionTable();
        ReadReport report = new ActionLogReader(format(), mode).read(file, actions);
        Set<String> positive = pvIsPositive ? Set.of(PV, CART, FAV, BUY) : Set.of(CART, FAV, BUY);
        return Dataset.assemble("taobao", actions.itemCatalog(), actions, ACTION_TYPES, SURFACES, positive, report);
    }
}
