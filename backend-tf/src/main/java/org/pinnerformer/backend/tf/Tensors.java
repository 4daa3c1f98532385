package org.pinnerformer.backend.tf;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.graph.DType;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies between project tensors and TensorFlow tensors. */
final class Tensors {
    private Tensors() {
    }

    static Shape shape(int[] dims) {
        return Shape.of(Arrays.stream(dims).asLongStream().toArray());
    }

    /** A float32 constant holding a copy of {@code t}. */
    static Operand<TFloat32> constant(Ops tf, FloatTensor t) {
        return tf.constant(shape(t.shape()), DataBuffers.of(t.data().duplicate()));
    }

    /** A TensorFlow tensor holding a copy of {@code in}'s data; the caller closes it. */
    static Tensor tensor(ModelInput in) {
        return in.dtype() == DType.FLOAT32
                ? TFloat32.tensorOf(shape(in.shape()), DataBuffers.of(((FloatBuffer) in.data()).duplicate()))
                : TInt32.tensorOf(shape(in.shape()), DataBuffers.of(((IntBuffer) in.data()).duplicate()));
    }

    /** The values of a float32 tensor, row-major. */
    static float[] floats(Tensor t) {
        TFloat32 f = (TFloat32) t;
        float[] out = new float[Math.toIntExact(f.size())];
        f.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    /** Feeds every input to its placeholder, closing the tensors when the runner's run is over. */
    static Session.Runner feed(Session.Runner runner, Lowering.Lowered lowered, List<ModelInput> inputs,
            List<Tensor> owned) {
        for (ModelInput in : inputs) {
            Placeholder<?> p = lowered.inputs().get(in.name());
            if (p == null) {
                continue;
            }
            Tensor t = tensor(in);
            owned.add(t);
            runner.feed(p, t);
        }
        return runner;
    }
}
