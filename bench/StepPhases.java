import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.data.DataSources;
import org.vae4j.data.ResidentData;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.host.EngineThreads;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.nn.LeafParameterStore;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.Objective;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.objective.Terms;
import org.vae4j.optim.Adam;

/**
 * Where a training step of the default conv VAE spends its time: the trainer's step taken apart (batch,
 * forward and loss, backward, gradients, Adam), summed over N rows of Fashion-MNIST in batches of 128,
 * three rounds after one to warm up. step_phases.py times the same parts of the PyTorch twin's loop.
 * Usage (from bench/step-phases.sh): java -cp CLASSPATH bench/StepPhases.java [ROWS]
 */
public class StepPhases {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        ModelConfig config = ModelConfig.builder().kind(ModelKind.VAE).shape(28, 28).latentDim(20)
                .convolutional(List.of(32, 64)).hidden(List.of(256)).likelihood(Likelihood.BERNOULLI).build();
        try (NDManager m = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(config, m, 1);
                Adam adam = Adam.forVector(model.parameterVector(), 1e-3, m)) {
            ResidentData train = ResidentData.of(DataSources.resolve("fashion-mnist", null).train(), m);
            Objective objective = Objective.forTraining(model, ObjectiveKind.ELBO, 1,
                    GradientEstimator.REPARAMETERIZATION);
            for (int round = 0; round < 4; round++) {
                Rng rng = Rng.forStream(1, round);
                int[] order = rng.permutation(train.size());
                long[] t = new long[5];
                long start = System.nanoTime();
                for (int s = 0; s < n / 128; s++) {
                    try (NDManager step = train.manager().newSubManager()) {
                        long t0 = System.nanoTime();
                        NDArray x = train.gather(Arrays.copyOfRange(order, s * 128, (s + 1) * 128), step);
                        long t1 = System.nanoTime();
                        LeafParameterStore ps = new LeafParameterStore(step, model.parameters());
                        long t2;
                        long t3;
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            Terms terms = objective.terms(ps, x, null, rng, true);
                            NDArray loss = terms.meanLoss(Ops.scalar(step, 1), null);
                            t2 = System.nanoTime();
                            collector.backward(loss);
                            t3 = System.nanoTime();
                        }
                        EngineThreads.forInference();
                        List<NDArray> gradients = new ArrayList<>();
                        for (Parameter p : model.parameters()) {
                            gradients.add(ps.gradient(p));
                        }
                        long t4 = System.nanoTime();
                        adam.update(gradients);
                        long t5 = System.nanoTime();
                        t[0] += t1 - t0;
                        t[1] += t2 - t1;
                        t[2] += t3 - t2;
                        t[3] += t4 - t3;
                        t[4] += t5 - t4;
                    }
                }
                if (round > 0) {
                    System.out.printf("vae4j %d rows: %.3f s; batches %.3f forward %.3f backward %.3f gradients %.3f"
                            + " adam %.3f%n", n, (System.nanoTime() - start) / 1e9, t[0] / 1e9, t[1] / 1e9,
                            t[2] / 1e9, t[3] / 1e9, t[4] / 1e9);
                }
            }
        }
    }
}
