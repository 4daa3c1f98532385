package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The front door when only the api is on the path, and its value types. */
class FrontDoorWithoutCoreTest {

    @Test
    void loadSaysToAddCoreWhenNoImplementationIsOnThePath() {
        assertThatThrownBy(PinnerFormer::load).isInstanceOf(PinnerFormerException.class)
                .hasMessage("the PinnerFormer implementation was not found: add pinnerformer-core"
                        + " (org.pinnerformer:pinnerformer-core) to the module path or class path; the api alone cannot"
                        + " train or serve");
    }

    @Test
    void embeddingsAreLookedUpByUserIdAndCopied() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Embeddings e = new Embeddings("m", new long[] {30, 10, 20}, 2, values);
        values[0] = 99;
        assertThat(e.vector(30)).containsExactly(1, 2);
        assertThat(e.vector(10)).containsExactly(3, 4);
        assertThat(e.vector(20)).containsExactly(5, 6);
        e.vector(20)[0] = 99;
        assertThat(e.vector(20)).containsExactly(5, 6);
        assertThat(e.contains(10)).isTrue();
        assertThat(e.contains(11)).isFalse();
        assertThat(e.userIds()).containsExactly(30, 10, 20);
        assertThatThrownBy(() -> e.vector(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user 11 is not among these 3 embeddings");
    }

    @Test
    void embeddingsRefuseRepeatedUsersWrongSizesAndNonFiniteValues() {
        assertThatThrownBy(() -> new Embeddings("m", new long[] {1, 1}, 1, new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("user 1 appears twice");
        assertThatThrownBy(() -> new Embeddings("m", new long[] {1, 2}, 2, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 users of dimension 2 need 4 values, got 3");
        assertThatThrownBy(() -> new Embeddings("m", new long[] {1, 2}, 1, new float[] {0, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the vector of user 2 holds a non-finite value NaN");
    }

    @Test
    void backendChoicesAreNamedAutomaticOrGpu() {
        assertThat(BackendChoice.named("onnx")).isEqualTo(new BackendChoice.Named("onnx"));
        assertThat(BackendChoice.automatic()).isInstanceOf(BackendChoice.Automatic.class);
        assertThat(BackendChoice.gpu()).isInstanceOf(BackendChoice.Gpu.class);
        assertThatThrownBy(() -> BackendChoice.named(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a backend name must not be blank");
        assertThat(DataSource.movieLens(Path.of("d"))).isEqualTo(new DataSource.MovieLens(Path.of("d"), false));
    }
}
