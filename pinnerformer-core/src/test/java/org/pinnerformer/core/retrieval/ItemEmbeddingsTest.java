package org.pinnerformer.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.pipeline.PipelineFixtures;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;

class ItemEmbeddingsTest {
    private static final ModelSpec SPEC = PipelineFixtures.tinySpec();
    private static final Checkpoint MODEL = ModelInitializer.initialize(SPEC, Vocabulary.of("click"),
            Vocabulary.of("home"), 4);

    /** Seven items; items 2 and 5 have the zero vector. */
    private static ItemCatalog catalog() {
        SplittableRandom r = new SplittableRandom(2);
        ItemCatalog.Builder b = ItemCatalog.builder(6);
        for (int i = 0; i < 7; i++) {
            float[] v = new float[6];
            if (i != 2 && i != 5) {
                for (int c = 0; c < 6; c++) {
                    v[c] = (float) r.nextGaussian();
                }
            }
            b.add(50 + i, v, "item " + i);
        }
        return b.build();
    }

    @Test
    void rowsAreTheItemTowerOutputAndContentlessItemsAreZero() {
        ItemCatalog catalog = catalog();
        try (Backend backend = PipelineFixtures.javaBackend(); ItemEncoder encoder = backend.itemEncoder(MODEL)) {
            ItemVectors space = ItemEmbeddings.encode(encoder, catalog, SPEC, 3);
            assertThat(space.size()).isEqualTo(7);
            assertThat(space.dimension()).isEqualTo(4);
            for (int i = 0; i < 7; i++) {
                assertThat(space.itemId(i)).isEqualTo(50 + i);
                if (i == 2 || i == 5) {
                    assertThat(space.isZero(i)).isTrue();
                } else {
                    float[] alone = encoder.encode(new ItemBatch(1, 6, catalog.vector(i), new int[1]));
                    assertThat(space.vector(i)).containsExactly(alone, within(1e-6f));
                }
            }
            space.requireAlignedWith(catalog);
        }
    }

    @Test
    void contentlessItemsKeepTheirEmbeddingWhenTheModelHasItemIds() {
        ModelSpec withIds = SPEC.toBuilder().itemIdHashBuckets(11).build();
        Checkpoint model = ModelInitializer.initialize(withIds, Vocabulary.of("click"), Vocabulary.of("home"), 4);
        ItemCatalog catalog = catalog();
        try (Backend backend = PipelineFixtures.javaBackend(); ItemEncoder encoder = backend.itemEncoder(model)) {
            ItemVectors space = ItemEmbeddings.encode(encoder, catalog, withIds, 100);
            float[] alone = encoder.encode(new ItemBatch(1, 6, new float[6],
                    new int[] {ItemBuckets.bucket(52, 11)}));
            assertThat(space.vector(2)).containsExactly(alone, within(1e-6f));
        }
    }

    @Test
    void withExactItemIdsAnItemUnseenInTrainingIsItsContentVectorAlone() {
        // the vocabulary holds items 50..54; items 55 and 56 are new (55 has no content, 56 has)
        ModelSpec exact = SPEC.toBuilder().exactItemIds(54, 50, 51, 52, 53, 50).build();
        assertThat(exact.itemIdVocabulary()).containsExactly(50, 51, 52, 53, 54);
        Checkpoint model = ModelInitializer.initialize(exact, Vocabulary.of("click"), Vocabulary.of("home"), 4);
        assertThat(model.tensor("item_id_embedding.weight").shape()).containsExactly(6, 6);
        for (int c = 0; c < 6; c++) {
            assertThat(model.tensor("item_id_embedding.weight").get(c)).isZero();
        }
        ItemCatalog catalog = catalog();
        ItemBuckets rows = ItemBuckets.of(catalog, exact);
        assertThat(java.util.stream.IntStream.range(0, 7).map(rows::bucketOf).toArray())
                .containsExactly(1, 2, 3, 4, 5, 0, 0);
        // the same weights without the id table: the model a content-only item sees
        java.util.Map<String, org.pinnerformer.api.FloatTensor> withoutIds = new java.util.LinkedHashMap<>(
                model.tensors());
        withoutIds.remove("item_id_embedding.weight");
        Checkpoint contentOnly = new Checkpoint(SPEC, model.actionTypes(), model.surfaces(), withoutIds);
        try (Backend backend = PipelineFixtures.javaBackend(); ItemEncoder encoder = backend.itemEncoder(model);
                ItemEncoder reference = backend.itemEncoder(contentOnly)) {
            ItemVectors space = ItemEmbeddings.encode(encoder, catalog, exact, 100);
            ItemVectors content = ItemEmbeddings.encode(reference, catalog, SPEC, 100);
            assertThat(space.vector(6)).containsExactly(content.vector(6), within(1e-6f));
            assertThat(space.isZero(5)).isTrue();
            // a known item without content keeps its learned id row
            float[] known = encoder.encode(new ItemBatch(1, 6, new float[6], new int[] {3}));
            assertThat(space.vector(2)).containsExactly(known, within(1e-5f));
            assertThat(space.vector(0)).isNotEqualTo(content.vector(0));
        }
    }

    @Test
    void rejectsACatalogueWhoseVectorsDoNotFitTheModel() {
        ItemCatalog small = ItemCatalog.builder(3).add(1, new float[3], "x").build();
        try (Backend backend = PipelineFixtures.javaBackend(); ItemEncoder encoder = backend.itemEncoder(MODEL)) {
            assertThatThrownBy(() -> ItemEmbeddings.encode(encoder, small, SPEC, 8))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the catalogue's item vectors have 3 values but the model expects itemVectorSize 6");
            assertThatThrownBy(() -> ItemEmbeddings.encode(encoder, catalog(), SPEC, 0))
                    .hasMessage("batchSize must be > 0, was 0");
        }
    }
}
