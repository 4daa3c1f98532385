package org.pinnerformer.backend.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.LearningRateSchedule;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.engine.TrainingProgram;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Trains in one TensorFlow graph: the core's loss graph lowered over variables, its gradients from
 * {@code Graph.addGradients}, and the update of {@code DjlTrainer}'s AdamW written as graph ops, so one session run
 * is one step:
 *
 * <pre>
 *   g    = grad * min(1, clip / (||grad||_global + 1e-6))
 *   m    = b1 m + (1 - b1) g;       v = b2 v + (1 - b2) g^2
 *   w    = w - lr * wd * w          (decoupled decay, matrices only: rank &gt;= 2)
 *   w    = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * with {@code b1 = 0.9, b2 = 0.999, eps = 1e-8} and {@code lr} from the shared {@link LearningRateSchedule}
 * (fed each step with the bias corrections). A step whose loss is not finite leaves every variable unchanged and
 * is not counted, as on the djl backend. Not thread-safe: one training thread.
 */
final class TfTrainer implements TrainingProgram {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final Checkpoint initial;
    private final LearningRateSchedule schedule;
    private final Graph graph = new Graph();
    private final Session session;
    private final Lowering.Lowered lowered;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> correction1;
    private final Placeholder<TFloat32> correction2;
    private final Operand<TFloat32> loss;
    private final Op update;
    private long steps;
    private volatile boolean closed;

    TfTrainer(org.pinnerformer.spi.graph.Graph lossGraph, Checkpoint initial, TrainingOptions options,
            ConfigProto config) {
        this.initial = initial;
        this.schedule = LearningRateSchedule.of(options);
        try {
            Ops tf = Ops.create(graph);
            Ops params = tf.withSubScope("parameters");
            for (Map.Entry<String, FloatTensor> e : initial.tensors().entrySet()) {
                variables.put(e.getKey(), params.variable(Tensors.constant(params, e.getValue())));
            }
            this.lowered = Lowering.lower(tf.withSubScope("loss"), lossGraph,
                    variables);
            this.loss = lowered.outputs().get(GraphNames.LOSS);
            List<Variable<TFloat32>> vars = List.copyOf(variables.values());
            Output<?>[] xs = new Output<?>[vars.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = vars.get(i).asOutput();
            }
            Output<?>[] grads;
            try {
                grads = graph.addGradients(loss.asOutput(), xs);
            } catch (RuntimeException e) {
                throw new BackendException("TensorFlow could not differentiate the lowered loss graph: "
                        + e.getMessage(), e);
            }
            Ops opt = tf.withSubScope("adamw");
            this.learningRate = opt.placeholder(TFloat32.class);
            this.correction1 = opt.placeholder(TFloat32.class);
            this.correction2 = opt.placeholder(TFloat32.class);
            this.update = buildUpdate(opt, vars, grads, options);
            this.session = new Session(graph, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private Op buildUpdate(Ops tf, List<Variable<TFloat32>> vars, Output<?>[] rawGrads, TrainingOptions options) {
        List<Operand<TFloat32>> grads = new ArrayList<>(rawGrads.length);
        List<Op> after = new ArrayList<>();
        after.add(loss.op() instanceof Op o ? o : tf.identity(loss));
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (int i = 0; i < rawGrads.length; i++) {
            if (rawGrads[i] == null) {
                throw new BackendException("the loss does not depend on parameter #" + i + ": no gradient");
            }
            Operand<TFloat32> g = (Operand<TFloat32>) rawGrads[i];
            grads.add(g);
            after.add(tf.identity(g));
            squares.add(tf.sum(tf.math.square(g), allAxes(tf, g)));
        }
        // Every read of a variable (forward and backward) is an ancestor of the loss or of a gradient: the
        // assignments below wait for all of them.
        Ops ctl = tf.withControlDependencies(after);
        Operand<TFloat32> norm = ctl.math.sqrt(ctl.math.addN(squares));
        double clip = options.gradientClipNorm();
        Operand<TFloat32> scale = Double.isFinite(clip)
                ? ctl.math.minimum(ctl.constant(1f), ctl.math.div(ctl.constant((float) clip),
                        ctl.math.add(norm, ctl.constant(1e-6f))))
                : ctl.constant(1f);
        Operand<TBool> finite = ctl.math.isFinite(loss);
        Operand<TFloat32> b1 = ctl.constant((float) BETA1);
        Operand<TFloat32> b2 = ctl.constant((float) BETA2);
        Operand<TFloat32> oneMinusB1 = ctl.constant((float) (1 - BETA1));
        Operand<TFloat32> oneMinusB2 = ctl.constant((float) (1 - BETA2));
        Operand<TFloat32> eps = ctl.constant((float) EPS);
        double wd = options.weightDecay();
        Operand<TFloat32> decay = ctl.math.sub(ctl.constant(1f), ctl.math.mul(learningRate, ctl.constant((float) wd)));
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            Variable<TFloat32> p = vars.get(i);
            // The moments' initialisers must not inherit the control dependencies on the loss.
            Variable<TFloat32> m = tf.variable(tf.zeros(tf.constant(p.shape()), TFloat32.class));
            Variable<TFloat32> v = tf.variable(tf.zeros(tf.constant(p.shape()), TFloat32.class));
            Operand<TFloat32> g = ctl.math.mul(grads.get(i), scale);
            Operand<TFloat32> mNew = ctl.math.add(ctl.math.mul(m, b1), ctl.math.mul(g, oneMinusB1));
            Operand<TFloat32> vNew = ctl.math.add(ctl.math.mul(v, b2), ctl.math.mul(ctl.math.square(g), oneMinusB2));
            Operand<TFloat32> w = wd > 0 && p.shape().numDimensions() >= 2 ? ctl.math.mul(p, decay) : p;
            Operand<TFloat32> step = ctl.math.div(ctl.math.div(mNew, correction1),
                    ctl.math.add(ctl.math.sqrt(ctl.math.div(vNew, correction2)), eps));
            Operand<TFloat32> pNew = ctl.math.sub(w, ctl.math.mul(step, learningRate));
            assigns.add(ctl.assign(m, ctl.select(finite, mNew, m)));
            assigns.add(ctl.assign(v, ctl.select(finite, vNew, v)));
            assigns.add(ctl.assign(p, ctl.select(finite, pNew, ctl.identity(p))));
        }
        return tf.withControlDependencies(assigns).noOp();
    }

    private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
        return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
    }

    @Override
    public float step(List<ModelInput> inputs) {
        long t = steps + 1;
        List<Tensor> owned = new ArrayList<>();
        float value;
        try {
            TFloat32 lr = TFloat32.scalarOf((float) schedule.at(t - 1));
            owned.add(lr);
            TFloat32 c1 = TFloat32.scalarOf((float) (1 - Math.pow(BETA1, t)));
            owned.add(c1);
            TFloat32 c2 = TFloat32.scalarOf((float) (1 - Math.pow(BETA2, t)));
            owned.add(c2);
            Session.Runner runner = Tensors.feed(session.runner(), lowered, inputs, owned)
                    .feed(learningRate, lr).feed(correction1, c1).feed(correction2, c2);
            try (Result r = runner.fetch(loss).addTarget(update).run()) {
                value = ((TFloat32) r.get(0)).getFloat();
            }
        } finally {
            owned.forEach(Tensor::close);
        }
        if (Float.isFinite(value)) {
            steps++;
        }
        return value;
    }

    @Override
    public Map<String, FloatTensor> parameters() {
        Session.Runner runner = session.runner();
        List<String> names = new ArrayList<>(variables.keySet());
        for (String n : names) {
            runner.fetch(variables.get(n));
        }
        Map<String, FloatTensor> tensors = new TreeMap<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                tensors.put(names.get(i), new FloatTensor(initial.tensors().get(names.get(i)).shape(),
                        Tensors.floats(r.get(i))));
            }
        }
        return tensors;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
            graph.close();
        }
    }
}
