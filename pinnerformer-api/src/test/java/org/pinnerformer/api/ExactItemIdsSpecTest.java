package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactItemIdsSpecTest {
    @TempDir
    Path dir;

    @Test
    void theVocabularyIsSortedAndMapsIdsToRowsWithZeroForUnknownItems() {
        ModelSpec s = ModelSpec.smallPreset().toBuilder().exactItemIds(30, 10, 20, 10).build();
        assertThat(s.exactItemIds()).isTrue();
        assertThat(s.itemIdVocabulary()).containsExactly(10, 20, 30);
        assertThat(s.itemIdRows()).isEqualTo(4);
        assertThat(s.exactItemIdRow(10)).isEqualTo(1);
        assertThat(s.exactItemIdRow(30)).isEqualTo(3);
        assertThat(s.exactItemIdRow(25)).isZero();
        assertThat(s).isNotEqualTo(ModelSpec.smallPreset()).isEqualTo(s.toBuilder().build());
        assertThat(ModelSpec.smallPreset().exactItemIds()).isFalse();
        assertThat(ModelSpec.smallPreset().toBuilder().itemIdHashBuckets(7).build().itemIdRows()).isEqualTo(7);
    }

    @Test
    void refusesHashedAndExactTogetherAndAnUnsortedVocabulary() {
        assertThatThrownBy(() -> ModelSpec.smallPreset().toBuilder().itemIdHashBuckets(8).exactItemIds(1, 2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
        ModelSpec s = ModelSpec.smallPreset();
        assertThatThrownBy(() -> new ModelSpec(s.itemVectorSize(), s.actionEmbeddingSize(), s.surfaceEmbeddingSize(),
                s.hiddenSize(), s.layers(), s.heads(), s.maxSequenceLength(), s.outputSize(), 0, true, true, true,
                s.absolutePeriodsSeconds(), s.relativePeriodsSeconds(), 1e-5, 0, 0, 0, new long[] {3, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascending and distinct");
    }

    @Test
    void theVocabularyIsSavedByNameAndOldSpecsLoadWithoutIt() throws IOException {
        ModelSpec exact = ModelSpec.smallPreset().toBuilder().exactItemIds(5, 7, 1_000_000_000_123L).build();
        assertThat(SpecJson.specToJson(exact).get("item_id_vocabulary").toString())
                .isEqualTo("[5,7,1000000000123]");
        assertThat(SpecJson.specFromJson(SpecJson.specToJson(exact))).isEqualTo(exact);
        // a spec without exact ids writes no such key, so older readers and model ids are unaffected ...
        assertThat(SpecJson.specToJson(ModelSpec.smallPreset()).has("item_id_vocabulary")).isFalse();
        // ... and a spec written before the key existed reads as "no exact ids"
        assertThat(SpecJson.specFromJson(SpecJson.specToJson(ModelSpec.smallPreset())))
                .isEqualTo(ModelSpec.smallPreset());

        Map<String, FloatTensor> t = new TreeMap<>();
        t.put("item_id_embedding.weight", FloatTensor.zeros(4, 64));
        Checkpoint c = new Checkpoint(exact, Vocabulary.of("click"), Vocabulary.of("web"), t);
        Path f = dir.resolve("exact.safetensors");
        c.write(f);
        assertThat(Checkpoint.read(f).spec().itemIdVocabulary()).containsExactly(5, 7, 1_000_000_000_123L);
    }
}
