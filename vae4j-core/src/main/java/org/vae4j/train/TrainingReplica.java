package org.vae4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.error.SettingException;
import org.vae4j.host.EngineThreads;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.nn.ParameterVector;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.Objective;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.optim.Adam;

/**
 * One copy of a model in training, with its own Adam, for data-parallel training where each worker holds
 * a replica: it takes local steps on rows it is given ({@link #step}, as {@link Trainer} does), computes
 * the gradient of a part of a global batch with noise recorded elsewhere ({@link #gradientSum}), applies a
 * gradient computed elsewhere ({@link #update}), and moves its whole state in and out as plain arrays
 * ({@link #state}, {@link #restore}).
 *
 * <p>Threads: a replica is used by one thread at a time, and any thread may use it (grad mode is set per
 * call). The engine allows one gradient collector per process, so backward passes of replicas in one JVM
 * take turns on a process-wide lock.
 */
public final class TrainingReplica implements AutoCloseable {

    private final NDManager manager;
    private final LatentModel model;
    private final Adam adam;
    private final TrainConfig config;
    private final Objective objective;

    private TrainingReplica(NDManager manager, LatentModel model, TrainConfig config) {
        this.manager = manager;
        this.model = model;
        this.config = config;
        this.adam = Adam.forVector(model.parameterVector(), config.learningRate(), manager);
        this.objective = Objective.forTraining(model, config.objective(), config.k(), config.estimator());
    }

    /** A replica initialized as a new training run is, from the training seed. */
    public static TrainingReplica create(ModelConfig modelConfig, TrainConfig config) {
        EngineThreads.forInference();
        NDManager manager = NDManager.newBaseManager();
        try {
            return new TrainingReplica(manager, LatentModel.create(modelConfig, manager, config.seed()), config);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Refuses settings under which a batch's gradient does not split into a sum over its rows with one
     * normal draw of L values per row: exact synchronous training needs a one-layer VAE with the standard
     * prior, the reparameterized ELBO, no free bits, no binarization.
     *
     * @throws SettingException naming the setting
     */
    public static void requireSplittable(ModelConfig modelConfig, TrainConfig config) {
        if (modelConfig.kind() != ModelKind.VAE || modelConfig.prior() != PriorKind.STANDARD) {
            throw new SettingException("model", "exact synchronous training", "needs a vae with the standard prior, got "
                    + modelConfig.kind().id() + (modelConfig.prior() == PriorKind.STANDARD ? "" : " with a learned prior"));
        }
        if (config.objective() != ObjectiveKind.ELBO || config.estimator() != GradientEstimator.REPARAMETERIZATION) {
            throw new SettingException("objective", "exact synchronous training", "needs the reparameterized ELBO");
        }
        if (config.freeBits() > 0) {
            throw new SettingException("freeBits", "free bits", "average the KL over the whole batch, which does not "
                    + "split across workers; use the average mode");
        }
        if (config.binarize()) {
            throw new SettingException("binarize", "binarization", "draws noise per pixel; use the average mode");
        }
    }

    public LatentModel model() {
        return model;
    }

    public Adam adam() {
        return adam;
    }

    /** The number of trainable scalars. */
    public int parameterCount() {
        return Math.toIntExact(model.parameterVector().vector().size());
    }

    /** The parameters, Adam's moments and step count, as arrays. */
    public ReplicaState state() {
        EngineThreads.forInference();
        NDList adamState = adam.state();
        return new ReplicaState(model.parameterVector().vector().toFloatArray(), adamState.get(1).toFloatArray(),
                adamState.get(2).toFloatArray(), adamState.get(0).toLongArray()[0]);
    }

    /** Takes {@code state} as its own: parameters, Adam's moments and step count. */
    public void restore(ReplicaState state) {
        EngineThreads.forInference();
        setParameters(state.parameters());
        try (NDManager scope = manager.newSubManager()) {
            Shape shape = model.parameterVector().vector().getShape();
            adam.restore(new NDList(scope.create(new long[] {state.step()}), scope.create(state.firstMoment(), shape),
                    scope.create(state.secondMoment(), shape)));
        }
    }

    /** Overwrites the parameters (Adam's state stays). */
    public void setParameters(float[] parameters) {
        EngineThreads.forInference();
        Ops.assign(model.parameterVector().vector(), parameters);
    }

    /**
     * The gradient of sum_i (recon_i + beta kl_i) over {@code rows} rows of x (row-major, D values each),
     * with eps ~ N(0, I) given: {@code eps} holds rows x L values, the part of the batch's noise that
     * belongs to these rows (see {@link #requireSplittable}). No parameter changes.
     */
    public BatchGradient gradientSum(float[] x, int rows, float[] eps, double klWeight) {
        EngineThreads.forInference();
        if (rows == 0) {
            return BatchGradient.zero(parameterCount());
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray batch = step.create(x, new Shape(rows, model.config().inputDim()));
            NDArray beta = Ops.scalar(step, klWeight);
            // the sum over the part's rows, so that the parts' gradients add up to the whole batch's
            BatchLoss part = BatchLoss.of(objective, model.parameters(), step, batch, null, Rng.replay(eps),
                    terms -> terms.loss(beta).sum());
            double[] sums = part.sums();
            return new BatchGradient(ParameterVector.concat(part.gradients()).toFloatArray(), sums[0], sums[1],
                    rows);
        }
    }

    /**
     * One local Adam step on {@code rows} rows of x (row-major), noise from {@code rng} (binarization too,
     * when training binarizes): the step {@link Trainer} takes. Returns the batch's sums of recon and KL.
     *
     * @throws TrainingDivergedException when the loss is not finite (before the update)
     */
    public double[] step(float[] x, int rows, Rng rng, double klWeight) {
        EngineThreads.forInference();
        try (NDManager step = manager.newSubManager()) {
            NDArray batch = step.create(x, new Shape(rows, model.config().inputDim()));
            if (config.binarize()) {
                batch = rng.uniform(step, batch.getShape()).lt(batch).toType(DataType.FLOAT32, false);
            }
            BatchLoss loss = BatchLoss.of(objective, model.parameters(), step, batch, null, rng, klWeight,
                    config.freeBits());
            if (!loss.finite()) {
                throw new TrainingDivergedException("training diverged: the loss of a replica's step became "
                        + loss.loss());
            }
            adam.update(loss.gradients());
            return loss.sums();
        }
    }

    /** One Adam step with a gradient computed elsewhere, flat in the parameter vector's order. */
    public void update(float[] gradient) {
        EngineThreads.forInference();
        if (gradient.length != parameterCount()) {
            throw new IllegalArgumentException(gradient.length + " gradient values for " + parameterCount() + " parameters");
        }
        try (NDManager step = manager.newSubManager()) {
            List<NDArray> gradients = new ArrayList<>();
            int offset = 0;
            for (Parameter p : model.parameters()) {
                Shape shape = p.getArray().getShape();
                int size = Math.toIntExact(shape.size());
                gradients.add(step.create(java.util.Arrays.copyOfRange(gradient, offset, offset + size), shape));
                offset += size;
            }
            adam.update(gradients);
        }
    }

    @Override
    public void close() {
        adam.close();
        model.close();
        manager.close();
    }
}
