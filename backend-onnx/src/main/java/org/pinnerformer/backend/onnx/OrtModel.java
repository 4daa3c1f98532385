package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.graph.DType;

/** One ONNX Runtime session of one graph; {@link #run} is thread-safe, as {@link OrtSession#run} is. */
final class OrtModel implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String name;

    OrtModel(OrtEnvironment env, OnnxSettings settings, byte[] model, String name) {
        this.env = env;
        this.name = name;
        try (OrtSession.SessionOptions options = settings.sessionOptions()) {
            this.session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not load the " + name + " (" + model.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    /** Runs the model and returns its one output as a flat array. */
    float[] run(List<ModelInput> inputs, String output) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (ModelInput in : inputs) {
                long[] shape = Arrays.stream(in.shape()).asLongStream().toArray();
                feed.put(in.name(), in.dtype() == DType.FLOAT32
                        ? OnnxTensor.createTensor(env, (FloatBuffer) in.data(), shape)
                        : OnnxTensor.createTensor(env, (IntBuffer) in.data(), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxValue v = result.get(output).orElseThrow(() -> new IllegalStateException("the " + name
                        + " has no output '" + output + "'"));
                FloatBuffer data = ((OnnxTensor) v).getFloatBuffer();
                float[] out = new float[data.remaining()];
                data.get(out);
                return out;
            }
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime failed to run the " + name + " on inputs " + describe(inputs)
                    + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static String describe(List<ModelInput> inputs) {
        StringBuilder sb = new StringBuilder();
        for (ModelInput in : inputs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(in.name()).append(Arrays.toString(in.shape()));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not close the " + name + ": " + e.getMessage(), e);
        }
    }
}
