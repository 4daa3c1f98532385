package org.pinnerformer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.pipeline.ExperimentResult;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.ValidationPoint;

/** PNG plots of an experiment (xchart, headless): training loss, validation recall, Recall@K per method. */
final class Plots {
    static final String LOSS = "training-loss.png";
    static final String VALIDATION = "validation-recall.png";
    static final String RECALL = "recall-per-method.png";

    private Plots() {
    }

    /** Writes the three plots into {@code dir} and returns their paths. */
    static List<Path> write(ExperimentResult result, Path dir) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        TrainingResult t = result.training();
        float[] losses = t.losses();
        double[] steps = new double[losses.length];
        double[] loss = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            steps[i] = i + 1;
            loss[i] = losses[i];
        }
        XYChart lossChart = new XYChartBuilder().width(800).height(480).title("Training loss")
                .xAxisTitle("step").yAxisTitle("batch loss").build();
        lossChart.addSeries("loss", steps, loss).setMarker(SeriesMarkers.NONE);
        lossChart.getStyler().setLegendVisible(false);

        List<ValidationPoint> v = t.validations();
        double[] vs = new double[Math.max(1, v.size())];
        double[] vr = new double[vs.length];
        for (int i = 0; i < v.size(); i++) {
            vs[i] = v.get(i).step();
            vr[i] = v.get(i).score();
        }
        int k = result.model().k();
        XYChart recallChart = new XYChartBuilder().width(800).height(480).title("Validation Recall@" + k)
                .xAxisTitle("step").yAxisTitle("Recall@" + k).build();
        recallChart.addSeries("validation", vs, vr);
        recallChart.getStyler().setLegendVisible(false);

        List<String> names = new ArrayList<>();
        List<Double> recalls = new ArrayList<>();
        for (MethodResult r : result.results()) {
            names.add(r.method());
            recalls.add(r.recall());
        }
        CategoryChart methods = new CategoryChartBuilder().width(800).height(480).title("Recall@" + k
                + " per method").xAxisTitle("method").yAxisTitle("Recall@" + k).build();
        methods.addSeries("Recall@" + k, names, recalls);
        methods.getStyler().setLegendVisible(false);

        List<Path> out = List.of(dir.resolve(LOSS), dir.resolve(VALIDATION), dir.resolve(RECALL));
        save(lossChart, out.get(0));
        save(recallChart, out.get(1));
        save(methods, out.get(2));
        return out;
    }

    /** A plot of the validation score over steps (the next-item command's validation NDCG). */
    static Path validation(TrainingResult training, String metric, Path file) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<ValidationPoint> v = training.validations();
        double[] steps = new double[Math.max(1, v.size())];
        double[] scores = new double[steps.length];
        for (int i = 0; i < v.size(); i++) {
            steps[i] = v.get(i).step();
            scores[i] = v.get(i).score();
        }
        XYChart chart = new XYChartBuilder().width(800).height(480).title("Validation " + metric)
                .xAxisTitle("step").yAxisTitle(metric).build();
        chart.addSeries("validation", steps, scores);
        chart.getStyler().setLegendVisible(false);
        save(chart, file);
        return file;
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try (OutputStream stream = Files.newOutputStream(file)) {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", stream)) {
                throw new IOException("no PNG writer is available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
    }
}
