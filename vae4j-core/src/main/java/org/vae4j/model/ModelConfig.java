package org.vae4j.model;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.vae4j.error.SettingException;

/**
 * The architecture of a model, immutable and validated; saved with every model.
 *
 * @param kind VAE or AE
 * @param height image height (1 for tabular data)
 * @param width image width (the number of columns for tabular data)
 * @param latentDim L, the size of z
 * @param hidden sizes of the hidden layers of the encoder; the decoder mirrors them
 * @param likelihood the decoder's family p(x|z)
 * @param sigma the fixed standard deviation of a {@link Likelihood#GAUSSIAN} decoder
 * @param classes the number of classes a {@link ModelKind#CVAE} conditions on (0 for other kinds)
 * @param prior the family of p(z) of a VAE ({@link PriorKind#STANDARD} for an auto-encoder)
 * @param components K, the number of mixture components of a learned prior (0 for the standard one)
 */
public record ModelConfig(ModelKind kind, int height, int width, int latentDim, List<Integer> hidden,
        Likelihood likelihood, double sigma, int classes, PriorKind prior, int components) {

    public ModelConfig {
        if (kind == null || likelihood == null || prior == null) {
            throw new IllegalArgumentException("kind, likelihood and prior are required");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("data shape must be positive, got " + height + "x" + width);
        }
        if (latentDim < 1) {
            throw new SettingException("latentDim", "the latent size", "must be at least 1, got " + latentDim);
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

    /** D, the data dimension. */
    public int inputDim() {
        return height * width;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults of pytorch/examples' VAE (one hidden layer of 400, L = 20, Bernoulli). */
    public static final class Builder {
        private ModelKind kind = ModelKind.VAE;
        private int height = 28;
        private int width = 28;
        private int latentDim = 20;
        private List<Integer> hidden = List.of(400);
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private double sigma = 0.1;
        private int classes;
        private PriorKind prior = PriorKind.STANDARD;
        private int components;

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
            this.latentDim = latentDim;
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
            return new ModelConfig(kind, height, width, latentDim, hidden, likelihood, sigma, classes, prior,
                    components);
        }
    }
}
