package org.vae4j.train;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a training replica carries from step to step, as plain arrays that travel between JVMs:
 * the parameter vector, Adam's two moments m and v, and Adam's step count t.
 */
public record ReplicaState(float[] parameters, float[] firstMoment, float[] secondMoment, long step)
        implements Serializable {

    public ReplicaState {
        if (firstMoment.length != parameters.length || secondMoment.length != parameters.length) {
            throw new IllegalArgumentException("moments of " + firstMoment.length + " and " + secondMoment.length
                    + " values for " + parameters.length + " parameters");
        }
    }

    /**
     * The weighted average of replicas' states (parameters and both moments alike, in double precision):
     * theta = sum_r w_r theta_r / sum_r w_r, the weights being the rows each replica trained on; the step
     * count is the largest.
     */
    public static ReplicaState average(List<ReplicaState> states, long[] weights) {
        if (states.isEmpty() || states.size() != weights.length) {
            throw new IllegalArgumentException(states.size() + " states for " + weights.length + " weights");
        }
        int p = states.get(0).parameters.length;
        double total = 0;
        for (long w : weights) {
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the weights sum to " + total);
        }
        double[] params = new double[p];
        double[] m = new double[p];
        double[] v = new double[p];
        long step = 0;
        for (int r = 0; r < states.size(); r++) {
            ReplicaState s = states.get(r);
            double w = weights[r] / total;
            for (int i = 0; i < p; i++) {
                params[i] += w * s.parameters[i];
                m[i] += w * s.firstMoment[i];
                v[i] += w * s.secondMoment[i];
            }
            step = Math.max(step, s.step);
        }
        return new ReplicaState(toFloats(params), toFloats(m), toFloats(v), step);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
