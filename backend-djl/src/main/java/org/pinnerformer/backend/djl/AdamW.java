package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pinnerformer.model.LearningRateSchedule;

/**
 * AdamW (Loshchilov and Hutter) with global-norm gradient clipping, as {@code torch.optim.AdamW} with
 * {@code torch.nn.utils.clip_grad_norm_}:
 *
 * <pre>
 *   g    = grad * min(1, clip / (||grad||_global + 1e-6))
 *   m    = b1 m + (1 - b1) g;       v = b2 v + (1 - b2) g^2
 *   w    = w - lr * wd * w          (decoupled decay, matrices only: rank &gt;= 2)
 *   w    = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * with {@code b1 = 0.9, b2 = 0.999, eps = 1e-8} and {@code lr} from the {@link LearningRateSchedule}. Updates
 * run with libtorch's grad mode off (it is thread-local), and gradients are zeroed after each update.
 */
final class AdamW {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final List<NDArray> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final LearningRateSchedule schedule;
    private final double weightDecay;
    private final double clipNorm;
    private long t;
    private double lastGradientNorm;

    AdamW(NDManager manager, Map<String, NDArray> parameters, LearningRateSchedule schedule, double weightDecay,
            double clipNorm) {
        this.params = List.copyOf(parameters.values());
        this.schedule = schedule;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
            v.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
        }
    }

    /** The global gradient norm seen by the last update, before clipping. */
    double lastGradientNorm() {
        return lastGradientNorm;
    }

    /** Applies one update from the parameters' accumulated gradients, then zeroes them. */
    void step() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = params.get(0).getManager().newSubManager()) {
            List<NDArray> grads = new ArrayList<>(params.size());
            double sq = 0;
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.attach(scope);
                grads.add(g);
                sq += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            lastGradientNorm = norm;
            double scale = Double.isFinite(clipNorm) ? Math.min(1, clipNorm / (norm + 1e-6)) : 1;
            t++;
            double lr = schedule.at(t - 1);
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i);
                NDArray g = scale == 1 ? grads.get(i) : grads.get(i).mul(scale);
                m.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
                v.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
                if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                    p.muli(1 - lr * weightDecay);
                }
                NDArray denominator = v.get(i).div(c2);
                denominator.attach(scope);
                NDArray update = m.get(i).div(c1);
                update.attach(scope);
                p.subi(update.divi(denominator.sqrt().addi(EPS)).muli(lr));
                JniUtils.zeroGrad((PtNDArray) p);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
