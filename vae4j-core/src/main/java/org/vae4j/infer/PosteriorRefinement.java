package org.vae4j.infer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.vae4j.nn.FixedParameterStore;
import java.util.List;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;
import org.vae4j.optim.Adam;
import org.vae4j.error.SettingException;

/**
 * Per-datapoint variational inference with the model fixed: each q_i = N(mu_i, diag(exp(logVar_i)))
 * starts at the encoder's output and Adam moves its mean and log-variance to maximize
 * ELBO(x_i; q_i) = E_q_i[log p(x_i|z)] - KL(q_i || p(z)), estimated with S reparameterized draws of
 * fresh noise per step. What the refined ELBO gains over the encoder's is the amortization gap
 * (Cremer, Li and Duvenaud 2018, "Inference Suboptimality in Variational Autoencoders").
 *
 * <p>The ELBOs of different examples share no variables, so a batch is refined at once: the loss is
 * the sum of the per-example -ELBOs, whose gradient with respect to (mu_i, logVar_i) is that of
 * example i's own -ELBO, and Adam's update is per coordinate, so each q_i follows exactly the path it
 * would follow alone. The decoder and the prior are read through detached views: no gradient reaches
 * the model's parameters and they are never written.
 */
public final class PosteriorRefinement {

    /**
     * @param steps the number of Adam updates of each q_i
     * @param learningRate Adam's step size
     * @param samples S, the draws z ~ q_i per example in each step's ELBO estimate
     */
    public record Config(int steps, double learningRate, int samples) {

        public Config {
            if (steps < 1) {
                throw new SettingException("steps", "the number of refinement steps", "must be at least 1, got " + steps);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new SettingException("learningRate", "the learning rate", "must be positive, got " + learningRate);
            }
            if (samples < 1) {
                throw new SettingException("samples", "the draws per step", "must be at least 1, got " + samples);
            }
        }
    }

    /**
     * @param posterior the refined q_i of each example, [B, L] arrays in the manager of the data
     * @param trace the mean over the batch of the S-draw ELBO estimate after t updates, t = 0..steps
     *     (entry 0 is the starting q), nats per example
     */
    public record Result(DiagonalGaussian posterior, double[] trace) {
    }

    private final Vae vae;
    private final Config config;

    public PosteriorRefinement(Vae vae, Config config) {
        this.vae = vae;
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /**
     * Refines the encoder's q(z|x, y) for each row of x ([B, D]); {@code condition} is one-hot [B, C]
     * for a class-conditional model, null otherwise.
     */
    public Result refine(NDArray x, NDArray condition, Rng rng) {
        try (NDManager encode = x.getManager().newSubManager()) {
            ParameterStore ps = new FixedParameterStore(encode);
            return refine(x, condition, vae.posterior(ps, view(x, encode), view(condition, encode), false), rng);
        }
    }

    /** Refines q_i starting from {@code start} ([B, L] each; left unchanged). */
    public Result refine(NDArray x, NDArray condition, DiagonalGaussian start, Rng rng) {
        NDManager manager = x.getManager();
        NDArray mean = copy(start.mean(), manager);
        NDArray logVar = copy(start.logVar(), manager);
        List<Parameter> variational = List.of(parameter("mean", mean), parameter("logVar", logVar));
        double[] trace = new double[config.steps() + 1];
        try (Adam adam = new Adam(variational, config.learningRate(), manager)) {
            for (int t = 0; t <= config.steps(); t++) {
                trace[t] = step(x, condition, mean, logVar, rng, t < config.steps() ? adam : null);
            }
        }
        return new Result(new DiagonalGaussian(mean, logVar), trace);
    }

    /**
     * One S-draw estimate of the batch's ELBOs at (mean, logVar) and, given an optimizer, one Adam
     * update of them on the loss sum_i -ELBO_i; returns the mean ELBO before the update.
     */
    private double step(NDArray x, NDArray condition, NDArray mean, NDArray logVar, Rng rng, Adam adam) {
        try (NDManager step = x.getManager().newSubManager()) {
            NDArray meanLeaf = leaf(mean, step, adam != null);
            NDArray logVarLeaf = leaf(logVar, step, adam != null);
            DiagonalGaussian q = new DiagonalGaussian(meanLeaf, logVarLeaf);
            long b = mean.getShape().get(0);
            NDArray eps = rng.normal(step, new Shape(config.samples(), b, mean.getShape().get(1)));
            ParameterStore ps = new FixedParameterStore(step);
            NDArray xs = view(x, step);
            NDArray cs = view(condition, step);
            if (adam == null) {
                return elbo(vae, ps, xs, cs, q, eps).mean().toFloatArray()[0];
            }
            float meanElbo;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray elbo = elbo(vae, ps, xs, cs, q, eps);
                collector.backward(elbo.sum().neg());
                meanElbo = elbo.mean().toFloatArray()[0];
            }
            adam.update(List.of(gradient(meanLeaf, step), gradient(logVarLeaf, step)));
            return meanElbo;
        }
    }

    /**
     * The ELBO of each example under a given q, estimated with the draws z_s = mu + sigma * eps_s:
     * ELBO(x; q) ~ 1/S sum_s [log p(x|z_s) - KL(q || p)], eps of shape [S, B, L]; the KL term is the
     * prior's (analytic for N(0, I), else the draw's log q(z_s) - log p(z_s)). Shape [B], nats; it
     * carries gradients to q's arrays.
     */
    static NDArray elbo(Vae vae, ParameterStore ps, NDArray x, NDArray condition, DiagonalGaussian q, NDArray eps) {
        NDArray z = q.rsample(eps);                                              // [S, B, L]
        NDArray logPxGivenZ = vae.decode(ps, z, condition, false).logProb(x);    // [S, B]
        NDArray kl = vae.prior(ps, false).kl(q, z);                              // [B] or [S, B]
        return logPxGivenZ.sub(kl).mean(new int[] {0});
    }

    /** A view of an array (null stays null) owned by {@code manager}, so results of ops on it land there. */
    static NDArray view(NDArray array, NDManager manager) {
        return FixedParameterStore.detached(array, manager);
    }

    /** A new array holding the values of {@code array}, without gradient, owned by {@code manager}. */
    private static NDArray copy(NDArray array, NDManager manager) {
        try (NDArray detached = array.stopGradient()) {
            NDArray copy = detached.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    private static NDArray leaf(NDArray array, NDManager step, boolean requiresGradient) {
        NDArray leaf = view(array, step);
        if (requiresGradient) {
            leaf.setRequiresGradient(true);
        }
        return leaf;
    }

    private static NDArray gradient(NDArray leaf, NDManager step) {
        NDArray gradient = leaf.getGradient();
        gradient.attach(step);
        return gradient;
    }

    private static Parameter parameter(String name, NDArray array) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optArray(array).build();
    }
}
