package org.pinnerformer.backend.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Graph;

/** Runs ONNX bytes on ONNX Runtime and compares a graph's lowering with core's interpreter. */
final class OrtCheck {
    private OrtCheck() {
    }

    /** Every output of the model, by name. */
    static Map<String, float[]> run(byte[] model, List<ModelInput> inputs) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                    "pinnerformer");
            Map<String, OnnxTensor> feed = new LinkedHashMap<>();
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(1);
                try (OrtSession s = env.createSession(model, o)) {
                    for (ModelInput in : inputs) {
                        long[] shape = Arrays.stream(in.shape()).asLongStream().toArray();
                        feed.put(in.name(), in.dtype() == DType.FLOAT32
                                ? OnnxTensor.createTensor(env, FloatBuffer.wrap(in.floats()), shape)
                                : OnnxTensor.createTensor(env, IntBuffer.wrap(in.ints()), shape));
                    }
                    Map<String, float[]> out = new LinkedHashMap<>();
                    try (OrtSession.Result r = s.run(feed)) {
                        for (Map.Entry<String, OnnxValue> e : r) {
                            FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                            float[] a = new float[b.remaining()];
                            b.get(a);
                            out.put(e.getKey(), a);
                        }
                    }
                    return out;
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The largest absolute difference. */
    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    /**
     * Asserts that ONNX Runtime gives the interpreter's outputs within {@code tolerance} max abs difference, every
     * value finite, and returns the largest difference seen.
     */
    static double assertMatches(Graph graph, Map<String, FloatTensor> params, List<ModelInput> inputs,
            double tolerance) {
        Map<String, FloatTensor> expected = new GraphInterpreter(graph, params).run(inputs);
        Map<String, float[]> actual = run(OnnxLowering.toOnnx(graph, params, "test"), inputs);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        double worst = 0;
        for (Map.Entry<String, FloatTensor> e : expected.entrySet()) {
            float[] got = actual.get(e.getKey());
            for (float v : got) {
                assertThat(Float.isFinite(v)).as("finite output of %s", e.getKey()).isTrue();
            }
            double d = maxAbsDiff(e.getValue().toArray(), got);
            assertThat(d).as("max abs difference of output %s", e.getKey()).isLessThanOrEqualTo(tolerance);
            worst = Math.max(worst, d);
        }
        return worst;
    }
}
