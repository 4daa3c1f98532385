package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.Provenance;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.retrieval.ExactItemIndex;
import org.pinnerformer.core.retrieval.HnswItemIndex;
import org.pinnerformer.core.retrieval.ItemEmbeddings;
import org.pinnerformer.core.retrieval.ItemIndexes;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;

/** {@code pinnerformer index} on the bundled ml-latest-small with a small initialised model. */
class IndexCommandTest extends CommandTestSupport {
    @TempDir
    Path dir;

    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(8).actionEmbeddingSize(3)
            .surfaceEmbeddingSize(2).hiddenSize(8).layers(1).heads(2).maxSequenceLength(6).outputSize(4).build();

    @Test
    void indexesTheCatalogueThroughTheItemTowerExactAndHnsw() {
        Checkpoint ck = ModelInitializer.initialize(SPEC, MovieLens.ACTION_TYPES, MovieLens.SURFACES, 5);
        // The bundle's items: the experiment's catalogue (co-engagement vectors of seed 42), as training writes it.
        Experiment experiment = Experiment.prepare(MovieLens.latestSmall(PipelineCommandsTest.DATA), SPEC,
                ExperimentOptions.defaults(42));
        Path file = dir.resolve("bundle");
        String modelId = ModelBundle.write(file, ck, experiment.dataset().catalog(),
                Provenance.of(experiment.dataset(), Map.of())).modelId();

        Path exactDir = dir.resolve("exact");
        assertThat(run("index", "--model", file.toString(), "--backend", "java", "--out",
                exactDir.toString(), "--exact", "--json")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("indexed 9,742 of 9,742 items (D=4, exact) into " + exactDir)
                .contains("{\"command\":\"index\",\"backend\":\"java\"");
        assertThat(ItemIndexes.modelIdOf(exactDir)).isEqualTo(modelId);

        // The reference: the bundle's items through the java item tower.
        ItemVectors expected;
        try (Backend java = Backends.discover().create("java", BackendOptions.defaults(), Capability.INFER);
                ItemEncoder items = java.itemEncoder(ck)) {
            expected = ItemEmbeddings.encode(items, experiment.dataset().catalog(), SPEC, 256);
        }
        int nonZero = 0;
        try (ItemIndex index = ItemIndexes.open(exactDir, 1)) {
            ItemVectors saved = ((ExactItemIndex) index).space();
            assertThat(saved.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(saved.itemId(i)).isEqualTo(expected.itemId(i));
                assertThat(saved.vector(i)).containsExactly(expected.vector(i));
                nonZero += expected.isZero(i) ? 0 : 1;
            }
        }

        Path hnswDir = dir.resolve("hnsw");
        assertThat(run("index", "--model", file.toString(), "--backend", "java", "--out",
                hnswDir.toString(), "--ef", "50")).as(err.toString()).isZero();
        assertThat(ItemIndexes.modelIdOf(hnswDir)).isEqualTo(modelId);
        assertThat(out.toString()).startsWith("indexed " + String.format(java.util.Locale.ROOT, "%,d", nonZero)
                + " of 9,742 items (D=4, hnsw) into " + hnswDir);
        try (ItemIndex index = ItemIndexes.open(hnswDir, 1)) {
            assertThat(((HnswItemIndex) index).efSearch()).isEqualTo(50);
            int item = 0;
            while (expected.isZero(item)) {
                item++;
            }
            // In D = 4 many items share a direction; the best score is the item's own, 1.
            assertThat((double) index.search(expected.vector(item), 1).get(0).score())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }

        // A second build into the same directory is refused with a clear message.
        assertThat(run("index", "--model", file.toString(), "--backend", "java", "--out",
                hnswDir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: cannot write an item index into " + hnswDir
                + ": the directory is not empty");
    }
}
