package org.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.dist.Rng;
import org.vae4j.model.Hierarchy;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.nn.LeafParameterStore;

/**
 * The training gradient of the convolutional and hierarchical models (float32 autograd through the leaf
 * store, as the Trainer takes it) against central finite differences of the same ELBO in float64 with the
 * same noise, on tiny networks over 4 x 4 images: every parameter checked.
 */
class DeepModelGradientTest {

    private static final double STEP = 1e-6;

    static Stream<ModelConfig> models() {
        return Stream.of(
                ModelConfig.builder().shape(4, 4).channels(2).latentDim(2).hidden(List.of(3))
                        .convolutional(List.of(2, 3)).likelihood(Likelihood.GAUSSIAN).sigma(0.5).build(),
                ModelConfig.builder().shape(5, 4).latentDim(2).hidden(List.of(3)).convolutional(List.of(2))
                        .likelihood(Likelihood.BERNOULLI).kind(ModelKind.CVAE).classes(2).build(),
                ModelConfig.builder().shape(1, 6).kind(ModelKind.HVAE).latents(List.of(3, 2)).hidden(List.of(4))
                        .hierarchy(Hierarchy.BOTTOM_UP).likelihood(Likelihood.GAUSSIAN).sigma(0.5).build(),
                ModelConfig.builder().shape(1, 6).kind(ModelKind.HVAE).latents(List.of(3, 2)).hidden(List.of(4))
                        .hierarchy(Hierarchy.TOP_DOWN).likelihood(Likelihood.GAUSSIAN).sigma(0.5).build(),
                ModelConfig.builder().shape(4, 4).kind(ModelKind.HVAE).latents(List.of(2, 2)).hidden(List.of(3))
                        .convolutional(List.of(2)).hierarchy(Hierarchy.TOP_DOWN).likelihood(Likelihood.BERNOULLI)
                        .build());
    }

    @ParameterizedTest
    @MethodSource("models")
    void elboGradientMatchesCentralDifferences(ModelConfig config) {
        int b = 3;
        int d = config.inputDim();
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[b * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] labels = {0, 1, 1};
        try (NDManager m = NDManager.newBaseManager(); LatentModel model = LatentModel.create(config, m, 3)) {
            Objective objective = Objective.of(model);
            List<Parameter> parameters = model.parameters();
            float[][] gradients = new float[parameters.size()][];
            try (NDManager step = m.newSubManager()) {
                NDArray input = step.create(x, new Shape(b, d));
                LeafParameterStore ps = new LeafParameterStore(step, parameters);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = objective.terms(ps, input, model.condition(step, config.classes() > 0 ? labels : null),
                            new Rng(5), true).negElbo().mean();
                    collector.backward(loss);
                }
                for (int i = 0; i < parameters.size(); i++) {
                    gradients[i] = ps.gradient(parameters.get(i)).toFloatArray();
                }
            }
            int[] conditionLabels = config.classes() > 0 ? labels : null;
            double[][] numeric = new Float64Parameters(m, parameters).centralDifferences(STEP,
                    ps -> loss(ps, objective, model, x, b, d, conditionLabels, m));
            int checked = 0;
            double largest = 0;
            for (int i = 0; i < parameters.size(); i++) {
                for (int j = 0; j < numeric[i].length; j++) {
                    assertEquals(numeric[i][j], gradients[i][j], 2e-5 + 2e-4 * Math.abs(numeric[i][j]),
                            config.kind() + " " + config.architecture() + " parameter " + i + "[" + j + "]");
                    largest = Math.max(largest, Math.abs(numeric[i][j]));
                    checked++;
                }
            }
            assertEquals(model.parameterCount(), checked);
            assertTrue(largest > 0.05, "the check saw real gradients: " + largest);
        }
    }

    /** The mean -ELBO of the batch in float64 through {@code store}, with the noise of the autograd pass. */
    private static double loss(ParameterStore store, Objective objective, LatentModel model, float[] x, int b, int d,
            int[] labels, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray input = scratch.create(x, new Shape(b, d)).toType(DataType.FLOAT64, false);
            NDArray condition = model.condition(scratch, labels);
            if (condition != null) {
                condition = condition.toType(DataType.FLOAT64, false);
            }
            return objective.terms(store, input, condition, new Rng(5), false).negElbo().mean().toDoubleArray()[0];
        }
    }
}
