package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.TimelinesBuilder.DropReason;

class DatasetTest {
    @TempDir
    Path dir;

    private static final ActionLogFormat FORMAT = ActionLogFormat.builder().user(Column.named("user"))
            .item(Column.named("item")).timestamp(Column.named("ts")).actionType(TokenSource.column("type"))
            .surface(TokenSource.column("surface")).build();

    @Test
    void dropsAndCountsOutOfVocabularyActionsFromALog() throws IOException {
        Path f = Files.writeString(dir.resolve("log.csv"), "user,item,ts,type,surface\n"
                + "1,10,1,click,home\n"
                + "1,11,2,share,home\n"   // type out of vocabulary
                + "1,12,3,share,search\n" // type out of vocabulary (counted first)
                + "2,10,4,save,search\n"  // surface out of vocabulary
                + "2,11,5,save,home\n"
                + "2,11,5,save,home\n");  // exact duplicate
        ActionTable actions = new ActionTable();
        ReadReport read = new ActionLogReader(FORMAT, ReadMode.STRICT).read(f, actions);
        Dataset d = Dataset.assemble("log", actions.itemCatalog(), actions, Vocabulary.of("click", "save"),
                Vocabulary.of("home"), Set.of("save"), read);
        assertThat(d.timelines().actionCount()).isEqualTo(2);
        assertThat(d.report().accepted()).isEqualTo(6);
        assertThat(d.report().dropped(DropReason.UNKNOWN_ACTION_TYPE)).isEqualTo(2);
        assertThat(d.report().dropped(DropReason.UNKNOWN_SURFACE)).isEqualTo(1);
        assertThat(d.report().dropped(DropReason.DUPLICATE)).isEqualTo(1);
        assertThat(d.report().summary()).isEqualTo(
                "6 rows, 6 accepted, 2 dropped (unknown_action_type), 1 dropped (unknown_surface), 1 dropped (duplicate)");
    }

    @Test
    void replacesPlaceholderVectorsWithSuppliedOnesKeepingItemIndexes() throws IOException {
        Path f = Files.writeString(dir.resolve("log.csv"), "user,item,ts,type,surface\n1,10,1,click,home\n"
                + "1,20,2,click,home\n");
        ActionTable actions = new ActionTable();
        ReadReport read = new ActionLogReader(FORMAT, ReadMode.STRICT).read(f, actions);
        Dataset d = Dataset.assemble("log", actions.itemCatalog(), actions, Vocabulary.of("click"),
                Vocabulary.of("home"), Set.of("click"), read);
        assertThat(d.hasContentVectors()).isFalse();
        Dataset v = d.withVectors(ItemVectors.of(new long[] {20}, new float[] {0.5f, -1f}, 2));
        assertThat(v.hasContentVectors()).isTrue();
        assertThat(v.catalog().vector(v.catalog().index(20).orElseThrow())).containsExactly(0.5f, -1f);
        assertThat(v.catalog().vector(v.catalog().index(10).orElseThrow())).containsExactly(0f, 0f);
        assertThat(v.timelines()).isSameAs(d.timelines());
    }
}
