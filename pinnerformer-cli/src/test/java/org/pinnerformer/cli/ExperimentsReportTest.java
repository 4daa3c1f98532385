package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.eval.InferenceMode;
import org.pinnerformer.core.eval.MethodResult;

/** Statistics, gains, table rows and the marker merge of the results file. */
class ExperimentsReportTest {

    private static MethodResult result(String name, double recall) {
        return new MethodResult(name, InferenceMode.ONCE, 10, 50, 100, 1000, recall, recall, 0.5,
                OptionalDouble.of(1.5), 100, 1);
    }

    @Test
    void meanAndSampleStandardDeviation() {
        ExperimentsReport.Stat s = ExperimentsReport.Stat.of(new double[] {0.1, 0.2, 0.6});
        assertThat(s.mean()).isCloseTo(0.3, within(1e-12));
        // deviations -0.2, -0.1, 0.3: squares 0.04 + 0.01 + 0.09 = 0.14, / 2 = 0.07
        assertThat(s.sd()).isCloseTo(Math.sqrt(0.07), within(1e-12));
        assertThat(ExperimentsReport.Stat.of(new double[] {0.4}).sd()).isZero();
        assertThat(ExperimentsReport.Stat.of(new double[0]).format("%.2f")).isEqualTo("-");
        assertThat(s.format("%.3f")).isEqualTo("0.300 ± 0.265");
    }

    @Test
    void rowsCarryMeansAndGainsOverTheBaselines() {
        ExperimentsReport r = new ExperimentsReport();
        r.add(new ExperimentsReport.Cell("d", "baseline", "pop", 1, result("pop", 0.04), -1, 0));
        r.add(new ExperimentsReport.Cell("d", "baseline", "pop", 2, result("pop", 0.06), -1, 0));
        r.add(new ExperimentsReport.Cell("d", "baseline", "mean", 1, result("mean", 0.025), -1, 0));
        r.add(new ExperimentsReport.Cell("d", "objective", "dense", 1, result("dense", 0.07), 100, 30));
        r.add(new ExperimentsReport.Cell("d", "objective", "dense", 2, result("dense", 0.05), 50, 20));
        String md = r.markdown("pop", "mean");
        // dense: mean 0.06 = popularity's mean 0.05 * 1.2 and recent mean's 0.025 * 2.4
        assertThat(md).contains("| objective | dense | 2 | 0.0600 ± 0.0141 | +20% | +140% | 0.5000 ± 0.0000 | "
                + "1.50 ± 0.00 | 75 ± 35 | 25 ± 7 |");
        assertThat(md).contains("| baseline | pop | 2 | 0.0500 ± 0.0141 | +0% | +100% |");
        assertThat(md.indexOf("| baseline | mean")).isLessThan(md.indexOf("| objective | dense"));
        assertThat(ExperimentsReport.gain(ExperimentsReport.Stat.of(new double[] {0.1}),
                ExperimentsReport.Stat.of(new double[] {0}))).isEqualTo("-");
    }

    @Test
    void mergeReplacesOnlyTheMarkedBlockOrAppendsOne() {
        String block = ExperimentsReport.BEGIN + "\nnew\n" + ExperimentsReport.END + "\n";
        assertThat(ExperimentsReport.merge("", "new\n")).isEqualTo(block);
        assertThat(ExperimentsReport.merge("# T\n", "new\n")).isEqualTo("# T\n\n" + block);
        assertThat(ExperimentsReport.merge("a\n" + ExperimentsReport.BEGIN + "\nold\n" + ExperimentsReport.END
                + "\nb\n", "new\n")).isEqualTo("a\n" + block + "b\n");
    }

    @Test
    void everyVariantTrainsWithItsOwnWindow() {
        assertThat(ExperimentsCommand.VARIANTS).extracting(ExperimentsCommand.Variant::name)
                .contains("dense-all-action-14d");
        for (ExperimentsCommand.Variant v : ExperimentsCommand.VARIANTS) {
            double expected = v.name().contains("14d") ? 14 : 28;
            assertThat(v.windowDays()).as(v.name()).isEqualTo(expected);
        }
    }

    @Test
    void everyVariantKindIsATableKindAndUnknownKindsAreRefused() {
        for (ExperimentsCommand.Variant v : ExperimentsCommand.VARIANTS) {
            assertThat(ExperimentsReport.KINDS).as(v.name()).contains(v.kind());
        }
        assertThat(ExperimentsCommand.VARIANTS).extracting(ExperimentsCommand.Variant::kind).contains("addition");
        assertThatThrownBy(() -> new ExperimentsReport.Cell("d", "extra", "m", 1, null, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
    }
}
