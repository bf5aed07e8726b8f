package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;

/**
 * The ELBO with the encoder's gradient of E_q(z|x)[log p(x|z)] estimated by the score function
 * (REINFORCE, Williams 1992): grad_phi E_q[f] = E_q[(f(z) - b) grad_phi log q(z|x)], f = log p(x|z),
 * with one draw z ~ q(z|x) that carries no pathwise gradient.
 *
 * <p>The reported terms stay honest through a surrogate whose value is exactly -log p(x|z):
 * {@code recon = -(logPxGivenZ + stop(logPxGivenZ - b) * (logQzGivenX - stop(logQzGivenX)))}; the
 * second factor is 0 in value and grad_phi log q(z|x) in gradient, so the decoder gets the usual
 * gradient and the encoder the score-function estimate. The KL term is the prior's
 * {@link org.vae4j.dist.Prior#kl} at the stopped z, analytic for the standard normal prior. (A prior
 * whose KL is a Monte Carlo estimate would need its own learning signal in the score term; the
 * standard normal prior, the only one today, does not.)
 *
 * <p>Baseline b: none, or the moving average of the batch mean of log p(x|z) over training steps
 * (the input-independent baseline of NVIL, Mnih and Gregor 2014, sec. 3.3):
 * b_t = decay * b_{t-1} + (1 - decay) * mean_B log p(x|z). Each step uses the average of the steps
 * before it, so b is independent of the step's draws and the estimate stays unbiased; the very first
 * step, which has no history, uses b = 0 (plain REINFORCE). The state lives in this object, updated only
 * by training calls; a resumed run starts it afresh.
 */
public final class ScoreFunctionElbo implements Objective {

    /** The moving average's decay used for training: b_t = 0.9 b_{t-1} + 0.1 mean log p(x|z). */
    public static final double DEFAULT_DECAY = 0.9;

    private final Vae vae;
    private final boolean useBaseline;
    private final double decay;
    private double baseline = Double.NaN;

    private ScoreFunctionElbo(Vae vae, boolean useBaseline, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("the baseline's decay must be in [0, 1), got " + decay);
        }
        this.vae = vae;
        this.useBaseline = useBaseline;
        this.decay = decay;
    }

    /** With the moving-average baseline of the given decay in [0, 1). */
    public static ScoreFunctionElbo withMovingAverage(Vae vae, double decay) {
        return new ScoreFunctionElbo(vae, true, decay);
    }

    /** Plain REINFORCE, b = 0. */
    public static ScoreFunctionElbo withoutBaseline(Vae vae) {
        return new ScoreFunctionElbo(vae, false, 0);
    }

    /** The current baseline in nats: NaN before the first training step, 0 without a baseline. */
    public double baseline() {
        return useBaseline ? baseline : 0;
    }

    @Override
    public Terms terms(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training) {
        DiagonalGaussian q = vae.posterior(ps, x, condition, training);
        NDArray eps = rng.normal(x.getManager(), q.mean().getShape());
        NDArray z = q.rsample(eps).stopGradient();
        NDArray logPxGivenZ = vae.decode(ps, z, condition, training).logProb(x);       // [B]
        NDArray logQzGivenX = q.logProb(z);                                          // [B], grad: score
        NDArray kl = vae.prior(ps, training).kl(q, z);
        NDArray signal = logPxGivenZ.stopGradient();
        if (useBaseline) {
            double b = baselineFor(signal, training);
            signal = signal.sub(Ops.scalarLike(signal, b));
        }
        return new Terms(surrogate(logPxGivenZ, signal, logQzGivenX).neg(), kl);
    }

    /**
     * log p(x|z) + signal * (log q(z|x) - stop(log q(z|x))) at a stopped z: its value is log p(x|z), its
     * gradient for the decoder the usual one and for the encoder signal * grad log q(z|x), the
     * score-function estimate; {@code signal} is stop(log p(x|z) - b).
     */
    public static NDArray surrogate(NDArray logPxGivenZ, NDArray signal, NDArray logQzGivenX) {
        NDArray score = logQzGivenX.sub(logQzGivenX.stopGradient());     // value 0, gradient grad log q(z|x)
        return logPxGivenZ.add(signal.mul(score));
    }

    /** The baseline this batch uses; a training call then folds its batch mean into the average. */
    private double baselineFor(NDArray logPxGivenZ, boolean training) {
        double batchMean = logPxGivenZ.mean().toFloatArray()[0];
        double used = Double.isNaN(baseline) ? 0 : baseline;
        if (training) {
            // b_t = decay * b_{t-1} + (1 - decay) * mean_B log p(x|z)
            baseline = Double.isNaN(baseline) ? batchMean : decay * baseline + (1 - decay) * batchMean;
        }
        return used;
    }
}
