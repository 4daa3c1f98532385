package org.pinnerformer.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The tables the Spark job reads and writes, by column name (other columns are ignored; types are cast).
 *
 * <ul>
 *   <li>Action log: {@code user_id} bigint, {@code item_id} bigint, {@code timestamp} double (epoch seconds),
 *       {@code action_type} string, {@code surface} string, {@code duration} double (seconds, {@code >= 0}).</li>
 *   <li>Item vectors: {@code item_id} bigint, {@code vector} array&lt;float&gt; (the frozen content vector the
 *       checkpoint was trained with).</li>
 *   <li>User embeddings (written, and read back as the previous table): {@code user_id} bigint, {@code vector}
 *       array&lt;float&gt;, {@code model_id} string (the model bundle's id), {@code date} date.</li>
 *   <li>Item embeddings (written): {@code item_id} bigint, {@code vector} array&lt;float&gt;,
 *       {@code model_id} string, {@code date} date.</li>
 * </ul>
 */
public final class Tables {
    /** The user id column. */
    public static final String USER_ID = "user_id";
    /** The item id column. */
    public static final String ITEM_ID = "item_id";
    /** The action time column, epoch seconds. */
    public static final String TIMESTAMP = "timestamp";
    /** The action type column. */
    public static final String ACTION_TYPE = "action_type";
    /** The surface column. */
    public static final String SURFACE = "surface";
    /** The duration column, seconds. */
    public static final String DURATION = "duration";
    /** The vector column: content vectors in the item table, embeddings in the output tables. */
    public static final String VECTOR = "vector";
    /** The model id column of the output tables: the model bundle's id (docs/checkpoint.md). */
    public static final String MODEL_ID = "model_id";
    /** The day column of the output tables. */
    public static final String DATE = "date";

    /** The columns of the action log, in order. */
    public static final List<String> ACTION_COLUMNS = List.of(USER_ID, ITEM_ID, TIMESTAMP, ACTION_TYPE, SURFACE,
            DURATION);
    /** The columns of the item vector table. */
    public static final List<String> ITEM_COLUMNS = List.of(ITEM_ID, VECTOR);
    /** The columns of the user embedding table. */
    public static final List<String> USER_EMBEDDING_COLUMNS = List.of(USER_ID, VECTOR, MODEL_ID, DATE);
    /** The columns of the item embedding table. */
    public static final List<String> ITEM_EMBEDDING_COLUMNS = List.of(ITEM_ID, VECTOR, MODEL_ID, DATE);

    private static final DataType FLOATS = DataTypes.createArrayType(DataTypes.FloatType);

    private Tables() {
    }

    /**
     * The action log's six columns with the job's types.
     *
     * @throws IllegalArgumentException naming the missing columns when a column is absent
     */
    public static Dataset<Row> actions(Dataset<Row> table) {
        require(table, "action log", ACTION_COLUMNS);
        return table.select(col(USER_ID).cast(DataTypes.LongType), col(ITEM_ID).cast(DataTypes.LongType),
                col(TIMESTAMP).cast(DataTypes.DoubleType), col(ACTION_TYPE).cast(DataTypes.StringType),
                col(SURFACE).cast(DataTypes.StringType), col(DURATION).cast(DataTypes.DoubleType));
    }

    /**
     * The item table's two columns with the job's types.
     *
     * @throws IllegalArgumentException naming the missing columns when a column is absent
     */
    public static Dataset<Row> items(Dataset<Row> table) {
        require(table, "item vector table", ITEM_COLUMNS);
        return table.select(col(ITEM_ID).cast(DataTypes.LongType), col(VECTOR).cast(FLOATS));
    }

    /**
     * The previous user embedding table's four columns with the job's types.
     *
     * @throws IllegalArgumentException naming the missing columns when a column is absent
     */
    public static Dataset<Row> userEmbeddings(Dataset<Row> table) {
        require(table, "previous user embedding table", USER_EMBEDDING_COLUMNS);
        return table.select(col(USER_ID).cast(DataTypes.LongType), col(VECTOR).cast(FLOATS),
                col(MODEL_ID).cast(DataTypes.StringType), col(DATE).cast(DataTypes.DateType));
    }

    /**
     * Checks that {@code table} has every column of {@code required}.
     *
     * @param what the table's name in the message, e.g. "action log"
     * @throws IllegalArgumentException "the action log lacks the column(s) [surface] (it has [...]); expected
     *     [...]" when one is missing
     */
    public static void require(Dataset<Row> table, String what, List<String> required) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(required, "required");
        List<String> has = Arrays.asList(table.columns());
        List<String> missing = new ArrayList<>();
        for (String c : required) {
            if (!has.contains(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " lacks the column(s) " + missing + " (it has "
                    + has + "); expected " + required);
        }
    }
}
