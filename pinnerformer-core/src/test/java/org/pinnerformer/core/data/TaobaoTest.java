package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;

class TaobaoTest {
    @TempDir
    Path dir;

    private static Path sample() {
        return TestData.shared("taobao-userbehavior-head").resolve("UserBehavior_head.csv");
    }

    @Test
    void readsTheSampleWithItsPublishedCounts() {
        ActionTable t = new ActionTable();
        ReadReport r = new ActionLogReader(Taobao.format(), ReadMode.STRICT).read(sample(), t);
        assertThat(r.accepted()).isEqualTo(4_321);
        assertThat(t.distinctUserIds()).hasSize(43);
        assertThat(t.distinctItemIds()).hasSize(3_276);
        assertThat(t.actionTypeCounts()).isEqualTo(Map.of("pv", 3_926L, "cart", 190L, "fav", 128L, "buy", 77L));
        assertThat(t.action(0)).isEqualTo(new org.pinnerformer.api.Action(1, 2268318, 1511544070, "pv", "app", 0));
    }

    @Test
    void buildsACatalogueWithCategoriesAndTimelines() {
        Dataset d = Taobao.read(sample());
        ItemCatalog c = d.catalog();
        assertThat(c.size()).isEqualTo(3_276);
        assertThat(c.categoryNames()).hasSize(567);
        int first = c.index(2268318).orElseThrow();
        assertThat(Arrays.stream(c.categories(first)).mapToObj(i -> c.categoryNames().get(i)))
                .containsExactly("2520377");
        assertThat(d.timelines().userCount()).isEqualTo(43);
        assertThat(d.timelines().actionCount() + d.report().totalDropped()).isEqualTo(4_321);
        assertThat(d.positiveActionTypes()).containsExactly(Taobao.CART, Taobao.FAV, Taobao.BUY);
        assertThat(Taobao.read(sample(), ReadMode.STRICT, true).positiveActionTypes())
                .containsExactly(Taobao.PV, Taobao.CART, Taobao.FAV, Taobao.BUY);
    }

    @Test
    void namesTheColumnOfABadRowByItsDocumentedName() throws IOException {
        Path f = Files.writeString(dir.resolve("UserBehavior.csv"), "1,2,3,pv,1511544070\n1,2,3,pv,soon\n");
        assertThatThrownBy(() -> Taobao.read(f)).isInstanceOf(InputFormatException.class)
                .hasMessage(f + ", line 2, field 'timestamp': is not a number: 'soon'");
    }
}
