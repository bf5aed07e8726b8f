package org.vae4j.model;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.vae4j.error.SettingException;

/**
 * The architecture of a model, immutable and validated; saved with every model.
 *
 * @param kind VAE, AE, CVAE or HVAE
 * @param height image height (1 for tabular data)
 * @param width image width (the number of columns for tabular data)
 * @param channels values per pixel: 1 for gray images and tabular data, 3 for colour
 * @param latents the sizes of the stochastic layers, the layer next to x first; one for every kind but a
 *     hierarchical VAE, which has two or more (e.g. [64, 32]: z1 of 64 values, z2 of 32 on top)
 * @param hidden sizes of the encoder's dense hidden layers (after the convolutions of a conv model); the
 *     decoder mirrors them
 * @param likelihood the decoder's family p(x|z)
 * @param sigma the fixed standard deviation of a {@link Likelihood#GAUSSIAN} decoder
 * @param classes the number of classes a {@link ModelKind#CVAE} conditions on (0 for other kinds)
 * @param prior the family of p(z) of a VAE ({@link PriorKind#STANDARD} for an auto-encoder)
 * @param components K, the number of mixture components of a learned prior (0 for the standard one)
 * @param architecture the networks next to x: dense (MLP) or convolutional
 * @param filters the channels of each stride-2 convolution of a convolutional model (empty for an MLP)
 * @param hierarchy how a hierarchical VAE infers its layers ({@link Hierarchy#NONE} for other kinds)
 */
public record ModelConfig(ModelKind kind, int height, int width, int channels, List<Integer> latents,
        List<Integer> hidden, Likelihood likelihood, double sigma, int classes, PriorKind prior, int components,
        Architecture architecture, List<Integer> filters, Hierarchy hierarchy) implements java.io.Serializable {

    public ModelConfig {
        if (kind == null || likelihood == null || prior == null || architecture == null || hierarchy == null) {
            throw new IllegalArgumentException("kind, likelihood, prior, architecture and hierarchy are required");
        }
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("data shape must be positive, got " + height + "x" + width + "x"
                    + channels);
        }
        latents = List.copyOf(latents);
        if (latents.isEmpty()) {
            throw new SettingException("latentDim", "the latent size", "is missing");
        }
        for (int l : latents) {
            if (l < 1) {
                throw new SettingException("latentDim", "the latent size", "must be at least 1, got " + latents);
            }
        }
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new SettingException("hidden", "hidden layer sizes", "must be positive, got " + hidden);
            }
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new SettingException("sigma", "the decoder's standard deviation", "must be positive, got " + sigma);
        }
        if (kind == ModelKind.CVAE ? classes < 2 : classes != 0) {
            throw new IllegalArgumentException(kind == ModelKind.CVAE
                    ? "a cvae needs at least 2 classes, got " + classes
                    : "only a cvae conditions on classes, got " + classes + " for " + kind.id());
        }
        if (kind == ModelKind.HVAE) {
            if (latents.size() < 2) {
                throw new SettingException("latentDim", "a hierarchical VAE", "needs two or more stochastic layers, "
                        + "e.g. 64,32; got " + latents);
            }
            if (hierarchy == Hierarchy.NONE) {
                throw new SettingException("hierarchy", "a hierarchical VAE", "needs its inference, bottom-up or "
                        + "top-down");
            }
            if (prior.isLearned()) {
                throw new SettingException("prior", "the prior", prior.id() + " is for a one-layer vae; a "
                        + "hierarchical VAE learns p(z_l | z_l+1) for its lower layers");
            }
        } else {
            if (latents.size() != 1) {
                throw new SettingException("latentDim", "several stochastic layers", "are for a hierarchical VAE "
                        + "(--model hvae), got " + latents + " for " + kind.id());
            }
            if (hierarchy != Hierarchy.NONE) {
                throw new SettingException("hierarchy", "an inference order", "is for a hierarchical VAE, not a "
                        + kind.id());
            }
        }
        filters = List.copyOf(filters);
        if (architecture == Architecture.CONV) {
            if (filters.isEmpty()) {
                throw new SettingException("filters", "a convolutional model", "needs the channels of its "
                        + "convolutions, e.g. 32,64");
            }
            for (int f : filters) {
                if (f < 1) {
                    throw new SettingException("filters", "convolution channels", "must be positive, got " + filters);
                }
            }
            if (height < 1 << filters.size() || width < 1 << filters.size()) {
                throw new SettingException("filters", filters.size() + " stride-2 convolutions", "need images of "
                        + "at least " + (1 << filters.size()) + " pixels a side, got " + height + "x" + width);
            }
        } else if (!filters.isEmpty()) {
            throw new SettingException("filters", "convolution channels", "are for a convolutional model, got "
                    + filters + " for an MLP");
        }
        if (prior.isLearned()) {
            if (!kind.isVariational()) {
                throw new SettingException("prior", "the prior", prior.id() + " is for a vae: an auto-encoder has no prior");
            }
            if (prior == PriorKind.VAMP && kind == ModelKind.CVAE) {
                throw new SettingException("prior", "the prior", "vamp is not available for a cvae (its pseudo-inputs "
                        + "would need labels); use mog or standard");
            }
            if (components < 1) {
                throw new SettingException("components", "the number of components of the " + prior.id() + " prior",
                        "must be at least 1, got " + components);
            }
        } else if (components != 0) {
            throw new SettingException("components", "the number of mixture components", "is for the mog or vamp "
                    + "prior, got " + components + " for the standard prior");
        }
    }

    /** A one-layer MLP model of gray images or tabular data. */
    public ModelConfig(ModelKind kind, int height, int width, int latentDim, List<Integer> hidden,
            Likelihood likelihood, double sigma, int classes, PriorKind prior, int components) {
        this(kind, height, width, 1, List.of(latentDim), hidden, likelihood, sigma, classes, prior, components,
                Architecture.MLP, List.of(), Hierarchy.NONE);
    }

    /** A model with the standard normal prior (or an auto-encoder). */
    public ModelConfig(ModelKind kind, int height, int width, int latentDim, List<Integer> hidden,
            Likelihood likelihood, double sigma, int classes) {
        this(kind, height, width, latentDim, hidden, likelihood, sigma, classes, PriorKind.STANDARD, 0);
    }

    /** An unconditional model's configuration. */
    public ModelConfig(ModelKind kind, int height, int width, int latentDim, List<Integer> hidden,
            Likelihood likelihood, double sigma) {
        this(kind, height, width, latentDim, hidden, likelihood, sigma, 0);
    }

    /** L, the size of the code: the one stochastic layer, or the top layer of a hierarchical VAE. */
    public int latentDim() {
        return latents.get(latents.size() - 1);
    }

    /**
     * The first setting in which two configurations differ, as "name: a vs b"; empty when they are equal.
     */
    public static String difference(ModelConfig a, ModelConfig b) {
        for (RecordComponent component : ModelConfig.class.getRecordComponents()) {
            try {
                Object x = component.getAccessor().invoke(a);
                Object y = component.getAccessor().invoke(b);
                if (!x.equals(y)) {
                    return component.getName() + " " + x + " vs " + y;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return "";
    }

    /**
     * The number of trainable scalars the model will have, computed from the configuration alone (so an
     * absurd size can be refused before anything is allocated); equal to the built model's
     * {@code parameterCount()}.
     */
    public long parameterCount() {
        long d = (long) height * width * channels;
        int k = likelihood.outputsPerDim();
        long count;
        if (kind == ModelKind.HVAE) {
            int top = hidden.size() - 1;
            long width = hidden.get(top);
            count = encoderParameters(d, hidden.subList(0, top), width) + decoderParameters(decoderInputs(), d, k);
            for (int l = 0; l < latents.size(); l++) {
                long out = 2L * latents.get(l);
                boolean fromFeatures = hierarchy == Hierarchy.TOP_DOWN || l == 0;
                count += fromFeatures ? dense(width, List.of(), out) : dense(latents.get(l - 1), List.of((int) width), out);
                if (l < latents.size() - 1) {
                    count += dense(latents.get(l + 1), List.of((int) width), 2L * latents.get(l));
                }
            }
            if (hierarchy == Hierarchy.TOP_DOWN) {
                count += (latents.size() - 1) * dense(width, List.of(), width);
            }
            return count;
        }
        long l = latentDim();
        count = encoderParameters(d + classes, hidden, kind.isVariational() ? 2 * l : l)
                + decoderParameters(decoderInputs(), d, k);
        if (prior == PriorKind.MOG) {
            count += components + 2L * components * l;
        } else if (prior == PriorKind.VAMP) {
            count += components * d;
        }
        return count;
    }

    /** The encoder network's parameters: convolutions (on the image part of the input), then dense layers. */
    private long encoderParameters(long inputs, List<Integer> denseHidden, long outputs) {
        if (architecture == Architecture.MLP) {
            return dense(inputs, denseHidden, outputs);
        }
        long count = 0;
        long in = channels;
        for (int f : filters) {
            count += in * f * 16 + f;
            in = f;
        }
        long featureMap = featureMap();
        return count + dense(featureMap + inputs - (long) height * width * channels, denseHidden, outputs);
    }

    /** The decoder network's parameters from a code of {@code inputs} values to {@code k} outputs per value. */
    private long decoderParameters(long inputs, long d, int k) {
        List<Integer> reversed = new java.util.ArrayList<>(hidden);
        java.util.Collections.reverse(reversed);
        if (architecture == Architecture.MLP) {
            return dense(inputs, reversed, d * k);
        }
        long count = dense(inputs, reversed, featureMap());
        for (int level = filters.size() - 1; level >= 0; level--) {
            long out = level == 0 ? (long) channels * k : filters.get(level - 1);
            count += filters.get(level) * out * 16 + out;
        }
        return count;
    }

    /** Values in the smallest feature map of the convolutions. */
    private long featureMap() {
        long h = height;
        long w = width;
        for (int i = 0; i < filters.size(); i++) {
            h /= 2;
            w /= 2;
        }
        return h * w * filters.get(filters.size() - 1);
    }

    /** Linear layers in -> hidden... -> out, each with a bias. */
    private static long dense(long in, List<Integer> hiddenSizes, long out) {
        long count = 0;
        long from = in;
        for (int h : hiddenSizes) {
            count = Math.addExact(count, Math.addExact(Math.multiplyExact(from, h), h));
            from = h;
        }
        return Math.addExact(count, Math.addExact(Math.multiplyExact(from, out), out));
    }

    /**
     * The values the decoder reads: the code (and one-hot class) of a one-layer model; z_1 of a bottom-up
     * hierarchical VAE; every layer's z of a top-down one (its skip from each layer to x).
     */
    public int decoderInputs() {
        if (kind != ModelKind.HVAE) {
            return latentDim() + classes;
        }
        return hierarchy == Hierarchy.TOP_DOWN ? latents.stream().mapToInt(Integer::intValue).sum() : latents.get(0);
    }

    /** D, the data dimension: height x width x channels. */
    public int inputDim() {
        return height * width * channels;
    }

    /**
     * About how many values one decoded example passes through, for sizing chunks of decodes: D for an
     * MLP (its hidden layers are narrower than D on images), and for a conv decoder D plus twice each
     * level's feature map, filters x H/2^l x W/2^l (the sub-pixel form holds a second map as large).
     */
    public long decodeFootprint() {
        long values = inputDim();
        if (architecture == Architecture.CONV) {
            for (int l = 0; l < filters.size(); l++) {
                long area = (long) ((height + (1 << l) - 1) >> l) * ((width + (1 << l) - 1) >> l);
                values = Math.addExact(values, 2 * filters.get(l) * area);
            }
        }
        return values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults of pytorch/examples' VAE (one hidden layer of 400, L = 20, Bernoulli). */
    public static final class Builder {
        private ModelKind kind = ModelKind.VAE;
        private int height = 28;
        private int width = 28;
        private int channels = 1;
        private List<Integer> latents = List.of(20);
        private List<Integer> hidden = List.of(400);
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private double sigma = 0.1;
        private int classes;
        private PriorKind prior = PriorKind.STANDARD;
        private int components;
        private Architecture architecture = Architecture.MLP;
        private List<Integer> filters = List.of();
        private Hierarchy hierarchy = Hierarchy.NONE;

        public Builder kind(ModelKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder shape(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        public Builder latentDim(int latentDim) {
            this.latents = List.of(latentDim);
            return this;
        }

        /** The sizes of the stochastic layers, the layer next to x first (two or more: a hierarchical VAE). */
        public Builder latents(List<Integer> sizes) {
            this.latents = sizes;
            return this;
        }

        /** Values per pixel: 1 (gray) or 3 (colour). */
        public Builder channels(int imageChannels) {
            this.channels = imageChannels;
            return this;
        }

        /** Convolutional networks next to x, with these channels per stride-2 convolution (e.g. 32, 64). */
        public Builder convolutional(List<Integer> convolutionChannels) {
            this.architecture = Architecture.CONV;
            this.filters = convolutionChannels;
            return this;
        }

        /** How a hierarchical VAE infers its layers. */
        public Builder hierarchy(Hierarchy inference) {
            this.hierarchy = inference;
            return this;
        }

        public Builder hidden(List<Integer> hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder likelihood(Likelihood likelihood) {
            this.likelihood = likelihood;
            return this;
        }

        public Builder sigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        /** The prior p(z) and its number of components K (0 for {@link PriorKind#STANDARD}). */
        public Builder prior(PriorKind prior, int components) {
            this.prior = prior;
            this.components = components;
            return this;
        }

        public ModelConfig build() {
            return new ModelConfig(kind, height, width, channels, latents, hidden, likelihood, sigma, classes, prior,
                    components, architecture, filters, hierarchy);
        }
    }
}
