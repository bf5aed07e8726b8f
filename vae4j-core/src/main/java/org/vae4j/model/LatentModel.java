package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.vae4j.dist.Distribution;
import org.vae4j.dist.Rng;
import org.vae4j.host.ProcessMemory;
import org.vae4j.nn.ConvDecoderBlock;
import org.vae4j.nn.ConvEncoderBlock;
import org.vae4j.nn.FixedParameterStore;
import org.vae4j.nn.Mlp;
import org.vae4j.nn.ParameterVector;
import org.vae4j.nn.TorchInit;
import org.vae4j.dist.RngStreams;

/**
 * What every auto-encoder of the library shares: an encoder, a decoder p(x|z) and the manager that
 * owns their parameters. Close the model to free them.
 */
public abstract sealed class LatentModel implements AutoCloseable permits Vae, Autoencoder, HierarchicalVae {

    private final ModelConfig config;
    private final NDManager manager;
    private final Encoder encoder;
    private final Decoder decoder;
    private final List<Parameter> parameters;
    private final ParameterVector parameterVector;

    protected LatentModel(ModelConfig config, NDManager manager, Encoder encoder, Decoder decoder,
            ParameterVector parameterVector) {
        this.config = config;
        this.manager = manager;
        this.encoder = encoder;
        this.decoder = decoder;
        this.parameters = parameterVector.parameters();
        this.parameterVector = parameterVector;
    }

    /**
     * Builds the model a configuration describes, with its networks initialized as PyTorch does from
     * {@code seed} and, for a learned prior, its parameters initialized from the same seed after them.
     * The parameters live in a new sub-manager of {@code parent}.
     */
    public static LatentModel create(ModelConfig config, NDManager parent, long seed) {
        requireMemory(config, Float.BYTES, "");
        if (config.kind() == ModelKind.HVAE) {
            return HierarchicalVae.build(config, parent, seed);
        }
        NDManager manager = parent.newSubManager();
        int d = config.inputDim();
        int l = config.latentDim();
        int c = config.classes();
        int encoderOutputs = config.kind().isVariational() ? 2 * l : l;
        List<Supplier<Block>> factories = new ArrayList<>(List.of(() -> encoderNetwork(config, encoderOutputs),
                () -> decoderNetwork(config)));
        List<Shape> inputShapes = new ArrayList<>(List.of(new Shape(1, d + c), new Shape(1, config.decoderInputs())));
        boolean learnedPrior = config.prior().isLearned();
        if (learnedPrior) {
            factories.add(LearnedPrior.factory(config));
            inputShapes.add(LearnedPrior.INPUT_SHAPE);
        }
        Pair<List<Block>, ParameterVector> built = ParameterVector.build(factories, inputShapes, manager);
        Block encoderNet = built.getKey().get(0);
        Block decoderNet = built.getKey().get(1);
        Rng rng = Rng.forStream(seed, RngStreams.INITIALIZATION);
        TorchInit.apply(encoderNet, rng);
        TorchInit.apply(decoderNet, rng);
        // the prior draws after the networks, so they start as with the standard prior
        LearnedPrior prior = learnedPrior ? LearnedPrior.initialize(config.prior(), built.getKey().get(2), rng) : null;
        Encoder encoder = new Encoder(encoderNet);
        Decoder decoder = new Decoder(decoderNet, config.likelihood(), config.sigma());
        return config.kind().isVariational()
                ? new Vae(config, manager, encoder, decoder, built.getValue(), prior)
                : new Autoencoder(config, manager, encoder, decoder, built.getValue());
    }

    /**
     * Refuses a model whose arrays would not fit in the memory available, before anything is allocated:
     * {@code bytesPerParameter} for each trainable scalar (4 for the parameters alone).
     *
     * @param purpose what else the bytes hold, e.g. " (parameters, gradients and Adam's moments)"
     * @throws IllegalArgumentException saying how much it needs, or that its sizes overflow
     */
    public static void requireMemory(ModelConfig config, int bytesPerParameter, String purpose) {
        long count;
        try {
            count = config.parameterCount();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a model of latent " + config.latents() + " and hidden layers "
                    + config.hidden() + " would have more parameters than a long counts");
        }
        ProcessMemory.require((double) count * bytesPerParameter,
                String.format(java.util.Locale.ROOT, "a model of %,d parameters%s", count, purpose));
    }

    /**
     * The network from x (with a class-conditional model's one-hot label appended) to {@code outputs}:
     * dense layers, or convolutions then dense layers.
     */
    static Block encoderNetwork(ModelConfig config, int outputs) {
        return config.architecture() == Architecture.CONV
                ? new ConvEncoderBlock(config.height(), config.width(), config.channels(), config.filters(),
                        config.hidden(), outputs)
                : Mlp.of(config.hidden(), outputs);
    }

    /** The network from a code (and label) to the likelihood's parameters: the encoder's mirror. */
    static Block decoderNetwork(ModelConfig config) {
        int outputsPerDim = config.likelihood().outputsPerDim();
        if (config.architecture() == Architecture.CONV) {
            return new ConvDecoderBlock(config.height(), config.width(), config.channels(), config.filters(),
                    config.hidden(), outputsPerDim);
        }
        List<Integer> reversed = new ArrayList<>(config.hidden());
        Collections.reverse(reversed);
        return Mlp.of(reversed, config.inputDim() * outputsPerDim);
    }

    public ModelConfig config() {
        return config;
    }

    public Encoder encoder() {
        return encoder;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** Encoder parameters, then decoder parameters, then a learned prior's, in a fixed order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** All parameters as views of one vector, for optimizers that update them in one call. */
    public ParameterVector parameterVector() {
        return parameterVector;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * A parameter store for inference (no gradients) in {@code manager}: parameters are served as views
     * owned by {@code manager}, so nothing computed from them outlives the batch.
     */
    public static ParameterStore inference(NDManager manager) {
        return new FixedParameterStore(manager);
    }

    /**
     * The condition a class-conditional model needs for these labels: one-hot rows [n, C] in
     * {@code manager}; null for an unconditional model, which ignores labels.
     *
     * @throws IllegalArgumentException if a conditional model gets no labels or a label outside 0..C-1
     */
    public NDArray condition(NDManager manager, int[] labels) {
        int classes = config.classes();
        if (classes == 0) {
            return null;
        }
        if (labels == null) {
            throw new IllegalArgumentException("a class-conditional model needs labelled data");
        }
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " is outside the model's classes 0.."
                        + (classes - 1));
            }
            oneHot[i * classes + labels[i]] = 1f;
        }
        return manager.create(oneHot, new Shape(labels.length, classes));
    }

    /**
     * [input, condition] along the last axis, the condition broadcast over any leading sample axes of
     * the input; the input itself when there is no condition.
     */
    protected NDArray conditioned(NDArray input, NDArray condition) {
        if (condition == null) {
            if (config.classes() > 0) {
                throw new IllegalArgumentException("a class-conditional model needs a condition");
            }
            return input;
        }
        Shape shape = input.getShape();
        int last = shape.dimension() - 1;
        NDArray expanded = condition;
        if (shape.dimension() > condition.getShape().dimension()) {
            long[] dims = shape.getShape();
            dims[last] = condition.getShape().get(1);
            expanded = condition.broadcast(new Shape(dims));
        }
        return input.concat(expanded, last);
    }

    /** The deterministic code of x used for pictures and features: the mean of q(z|x,y), or f(x,y). */
    public abstract NDArray code(ParameterStore ps, NDArray x, NDArray condition);

    /** The code of x for an unconditional model. */
    public NDArray code(ParameterStore ps, NDArray x) {
        return code(ps, x, null);
    }

    /** p(x|z, y); {@code condition} is null for an unconditional model. */
    public Distribution decode(ParameterStore ps, NDArray z, NDArray condition, boolean training) {
        return decoder.likelihood(ps, conditioned(z, condition), training);
    }

    /** p(x|z) for an unconditional model. */
    public Distribution decode(ParameterStore ps, NDArray z, boolean training) {
        return decode(ps, z, null, training);
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        long count = 0;
        for (Parameter p : parameters) {
            count += p.getArray().size();
        }
        return count;
    }

    @Override
    public void close() {
        manager.close();
    }
}
