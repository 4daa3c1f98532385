package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pinnerformer.core.eval.Fixtures.act;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.core.data.Dataset;

class ResultFormatTest {
    private static final MethodResult A = new MethodResult("pop|ular \"x\"\n", InferenceMode.ONCE, 10, 50, 12, 40,
            0.125, 0.1, 0.5, OptionalDouble.of(1.23456), 12, 0.5);
    private static final MethodResult B = new MethodResult("model", InferenceMode.DAILY, 10, 50, 12, 40, 0.25,
            0.2, 0.0625, OptionalDouble.empty(), 30, 2);

    @Test
    void markdownTableHasOneRowPerMethodWithFixedDecimals() {
        assertThat(ResultTable.markdown(List.of(A, B))).isEqualTo(
                "| method | users | recall@10 | P90 coverage@10 | entropy@50 | time (s) |\n"
                + "|---|---:|---:|---:|---:|---:|\n"
                + "| pop\\|ular \"x\"\n | 12 | 0.1250 | 0.5000 | 1.235 | 0.50 |\n"
                + "| model (daily) | 12 | 0.2500 | 0.0625 | - | 2.00 |\n");
    }

    @Test
    void jsonHasSnakeCaseKeysEscapesStringsAndWritesAbsentEntropyAsNull(@TempDir Path dir) throws Exception {
        Dataset ds = Fixtures.dataset(Fixtures.fourItems(), act(1, 0, 10, true), act(1, 1, 20, true));
        EvalProtocol p = EvalProtocol.prepare(ds, UserSplit.allEval(1), CutPolicy.globalTime(10),
                EvalOptions.defaults(5).withThreads(1));
        Path file = dir.resolve("results.json");
        ResultJson.write(file, p, List.of(A, B));
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("dataset").asText()).isEqualTo("fixture");
        assertThat(json.get("read").toString()).isEqualTo("{\"rows\":0,\"accepted\":0,\"blank_lines\":0,"
                + "\"skipped\":{},\"dropped\":{},\"examples\":[]}");
        assertThat(json.get("protocol").toString()).isEqualTo("{\"cut\":\"global cut at 10.0\",\"window_days\":28,"
                + "\"k\":10,\"entropy_depth\":50,\"index\":\"all items\",\"index_size\":4,\"mode\":\"once\","
                + "\"exclude_seen\":false,\"seed\":5}");
        assertThat(json.get("users").toString()).isEqualTo("{\"candidates\":1,\"evaluated\":1,"
                + "\"skipped_no_history\":0,\"skipped_no_positive\":0,\"positives\":1}");
        assertThat(json.get("results").get(0).toString()).isEqualTo("{\"method\":\"pop|ular \\\"x\\\"\\n\","
                + "\"mode\":\"once\",\"users\":12,\"positives\":40,\"recall\":0.125,\"pooled_recall\":0.1,"
                + "\"p90_coverage\":0.5,\"interest_entropy\":1.23456,\"queries\":12,\"seconds\":0.5}");
        assertThat(json.get("results").get(1).get("interest_entropy").isNull()).isTrue();
        assertThatThrownBy(() -> ResultJson.number(Double.NaN)).hasMessage("a JSON number must be finite, was NaN");
    }

    @Test
    void resultsRejectValuesOutOfRange() {
        assertThatThrownBy(() -> new MethodResult("m", InferenceMode.ONCE, 10, 50, 1, 1, Double.NaN, 0, 0,
                OptionalDouble.empty(), 1, 0)).hasMessage("recall must be in [0, 1], was NaN");
    }
}
