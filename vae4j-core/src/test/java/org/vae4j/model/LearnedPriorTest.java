package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.GaussianMixturePrior;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Prior;
import org.vae4j.dist.Rng;
import org.vae4j.dist.StandardNormal;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.objective.Elbo;
import org.vae4j.train.TrainConfig;

/** The learned priors as parts of a model: their parameters, starting values, p(z), saving and loading. */
class LearnedPriorTest {

    private static final int D = 6;
    private static final int L = 2;
    private static final int K = 4;
    private static final float[] X = {0f, 0.2f, 0.9f, 1f, 0.4f, 0.6f, 1f, 0.7f, 0.1f, 0f, 0.3f, 0.5f};

    private static ModelConfig config(PriorKind prior, int components) {
        return ModelConfig.builder().shape(1, D).latentDim(L).hidden(List.of(5)).prior(prior, components).build();
    }

    private static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    @Test
    void mixtureParametersComeAfterTheNetworksAndStartAsDocumented() {
        try (NDManager m = NDManager.newBaseManager();
                LatentModel standard = LatentModel.create(config(PriorKind.STANDARD, 0), m, 3);
                LatentModel mog = LatentModel.create(config(PriorKind.MOG, K), m, 3)) {
            List<Parameter> networks = standard.parameters();
            List<Parameter> all = mog.parameters();
            assertEquals(networks.size() + 3, all.size());
            assertEquals(standard.parameterCount() + K + 2 * K * L, mog.parameterCount());
            assertEquals(mog.parameterCount(), mog.parameterVector().vector().size());
            for (int i = 0; i < networks.size(); i++) {
                // the prior draws after the networks: same seed, same encoder and decoder
                assertArrayEquals(values(networks.get(i)), values(all.get(i)), networks.get(i).getName());
            }
            Parameter logits = all.get(networks.size());
            Parameter means = all.get(networks.size() + 1);
            Parameter logVars = all.get(networks.size() + 2);
            assertEquals(new Shape(K), logits.getArray().getShape());
            assertEquals(new Shape(K, L), means.getArray().getShape());
            assertArrayEquals(new float[K], values(logits));
            assertArrayEquals(new float[K * L], values(logVars));
            float[] mu = values(means);
            double sumSq = 0;
            for (float v : mu) {
                sumSq += v * v;
            }
            // K L = 8 draws of N(0, 1): their mean square is chi^2_8 / 8, which exceeds 0.05 with probability 1 - 2e-7
            assertTrue(sumSq / mu.length > 0.05 && sumSq / mu.length < 5, "means spread as N(0, 1): " + sumSq);
            try (LatentModel again = LatentModel.create(config(PriorKind.MOG, K), m, 3);
                    LatentModel otherSeed = LatentModel.create(config(PriorKind.MOG, K), m, 4)) {
                assertArrayEquals(mu, values(again.parameters().get(networks.size() + 1)));
                assertFalse(Arrays.equals(mu, values(otherSeed.parameters().get(networks.size() + 1))));
            }
        }
    }

    @Test
    void vampPseudoInputsAreUniformImagesAndTheirComponentsAreTheEncodersPosteriors() {
        try (NDManager m = NDManager.newBaseManager(); Vae vamp = (Vae) LatentModel.create(config(PriorKind.VAMP, K), m, 3)) {
            Parameter pseudoInputs = vamp.parameters().get(vamp.parameters().size() - 1);
            assertEquals(new Shape(K, D), pseudoInputs.getArray().getShape());
            float[] u = values(pseudoInputs);
            double sum = 0;
            for (float v : u) {
                assertTrue(v >= 0 && v < 1, "pseudo-input pixel " + v);
                sum += v;
            }
            // 24 draws of U[0, 1): mean 0.5, std err 0.059
            assertEquals(0.5, sum / u.length, 4 * Math.sqrt(1.0 / 12 / u.length));
            try (NDManager batch = m.newSubManager()) {
                ParameterStore ps = LatentModel.inference(batch);
                Prior prior = vamp.prior(ps, false);
                assertInstanceOf(GaussianMixturePrior.class, prior);
                DiagonalGaussian q = vamp.posterior(ps, batch.create(u, new Shape(K, D)), false);
                NDArray z = batch.create(new float[] {0.3f, -0.8f, 1.5f, 0.2f}, new Shape(2, L));
                // p(z) = (1/K) sum_k q(z|u_k), computed here from the definition
                float[] expected = new float[2];
                float[] zs = z.toFloatArray();
                for (int b = 0; b < 2; b++) {
                    NDArray point = batch.create(new float[] {zs[2 * b], zs[2 * b + 1]}, new Shape(1, L));
                    float[] logQ = q.logProb(point).toFloatArray();   // [K], the point broadcast over components
                    double density = 0;
                    for (float lq : logQ) {
                        density += Math.exp(lq) / K;
                    }
                    expected[b] = (float) Math.log(density);
                }
                assertArrayEquals(expected, prior.logProb(z).toFloatArray(), 1e-5f);
            }
        }
    }

    /** Evaluating p(z) at inference keeps nothing in the model's manager: it all goes with the batch. */
    @Test
    void inferencePriorLeavesNothingWithTheModel() {
        for (PriorKind kind : List.of(PriorKind.MOG, PriorKind.VAMP)) {
            try (NDManager m = NDManager.newBaseManager(); Vae vae = (Vae) LatentModel.create(config(kind, K), m, 3)) {
                int before = vae.manager().getManagedArrays().size();
                try (NDManager batch = m.newSubManager()) {
                    Prior prior = vae.prior(LatentModel.inference(batch), false);
                    prior.logProb(batch.zeros(new Shape(3, 2, L)));
                    prior.sample(batch, 5, new Rng(1));
                }
                assertEquals(before, vae.manager().getManagedArrays().size(), kind.id());
            }
        }
    }

    @Test
    void standardPriorIsTheStandardNormal() {
        try (NDManager m = NDManager.newBaseManager(); Vae vae = (Vae) LatentModel.create(config(PriorKind.STANDARD, 0), m, 3)) {
            assertInstanceOf(StandardNormal.class, vae.prior(LatentModel.inference(m), false));
        }
    }

    @Test
    void saveAndLoadKeepThePriorAndTheElbo(@TempDir Path tmp) throws IOException {
        for (PriorKind kind : List.of(PriorKind.MOG, PriorKind.VAMP)) {
            ModelConfig config = config(kind, K);
            ModelInfo info = new ModelInfo(config, new TrainConfig(1, 4, 1e-3, 1, 0, false, 3), 1,
                    new DataInfo("tiny", "crc32c:00000000", 2, 2, null, null));
            Path dir = tmp.resolve(kind.id());
            try (NDManager m = NDManager.newBaseManager(); Vae vae = (Vae) LatentModel.create(config, m, 3)) {
                // move the prior's parameters off their starting values, so the check cannot pass by re-creation
                Parameter last = vae.parameters().get(vae.parameters().size() - 1);
                float[] moved = values(last);
                for (int i = 0; i < moved.length; i++) {
                    moved[i] += 0.01f * (i + 1);
                }
                Ops.assign(last.getArray(), moved);
                ModelStore.save(dir, vae, info, null);
                float elbo = elbo(vae, m);
                try (LoadedModel loaded = ModelStore.load(dir, m)) {
                    assertEquals(config, loaded.model().config());
                    List<Parameter> saved = vae.parameters();
                    List<Parameter> read = loaded.model().parameters();
                    assertEquals(saved.size(), read.size());
                    for (int i = 0; i < saved.size(); i++) {
                        assertArrayEquals(values(saved.get(i)), values(read.get(i)), saved.get(i).getName());
                    }
                    assertEquals(elbo, elbo((Vae) loaded.model(), m), 0f, kind.id());
                }
            }
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(dir.resolve("model.json").toFile());
            assertEquals(kind.id(), json.at("/model/prior").asText());
            assertEquals(K, json.at("/model/components").asInt());
        }
    }

    /**
     * A model.json written before learned priors existed (format 1) has no prior fields: it loads as the
     * standard prior. The folder is made as vae4j wrote it then: format 1, the parameters' checksum in
     * model.json, no manifest (ModelFolderIntegrityTest loads one that vae4j of that time wrote).
     */
    @Test
    void modelFileWithoutPriorFieldsLoadsAsStandard(@TempDir Path tmp) throws Exception {
        ModelConfig config = config(PriorKind.STANDARD, 0);
        ModelInfo info = new ModelInfo(config, new TrainConfig(1, 4, 1e-3, 1, 0, false, 3), 1,
                new DataInfo("tiny", "crc32c:00000000", 2, 2, null, null));
        try (NDManager m = NDManager.newBaseManager(); LatentModel vae = LatentModel.create(config, m, 3)) {
            ModelStore.save(tmp, vae, info, null);
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode json = (ObjectNode) mapper.readTree(tmp.resolve("model.json").toFile());
            ObjectNode model = (ObjectNode) json.get("model");
            assertEquals("standard", model.get("prior").asText());
            assertEquals(0, model.get("components").asInt());
            model.remove("prior");
            model.remove("components");
            // and the fields format 4 added, the latent's size under its old name
            for (String added : new String[] {"channels", "architecture", "filters", "hierarchy"}) {
                model.remove(added);
            }
            model.put("latent", model.remove("latents").get(0).asInt());
            ((ObjectNode) json.get("training")).remove("free_bits");
            json.put("format_version", 1);
            byte[] parameters = Files.readAllBytes(tmp.resolve("parameters.bin"));
            json.putObject("files").put("parameters_sha256",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(parameters)));
            Files.write(tmp.resolve("model.json"), mapper.writeValueAsBytes(json));
            Files.delete(tmp.resolve("checksums.sha256"));
            try (LoadedModel loaded = ModelStore.load(tmp, m)) {
                assertEquals(PriorKind.STANDARD, loaded.model().config().prior());
                assertEquals(0, loaded.model().config().components());
            }
        }
    }

    @Test
    void configurationRejectsPriorsThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> config(PriorKind.MOG, 0));
        assertThrows(IllegalArgumentException.class, () -> config(PriorKind.VAMP, -1));
        assertThrows(IllegalArgumentException.class, () -> config(PriorKind.STANDARD, 3));
        assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder().kind(ModelKind.AE).prior(PriorKind.MOG, 3).build());
        IllegalArgumentException cvae = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder().kind(ModelKind.CVAE).classes(3).prior(PriorKind.VAMP, 3).build());
        assertTrue(cvae.getMessage().contains("vamp"), cvae.getMessage());
        // a cvae's p(z) does not depend on y, so a mixture fits it
        assertEquals(PriorKind.MOG, ModelConfig.builder().kind(ModelKind.CVAE).classes(3).prior(PriorKind.MOG, 3)
                .build().prior());
        assertEquals(PriorKind.STANDARD, new ModelConfig(ModelKind.VAE, 1, D, L, List.of(5), Likelihood.BERNOULLI, 0.1)
                .prior());
        assertEquals(PriorKind.VAMP, PriorKind.parse("vamp"));
        assertThrows(IllegalArgumentException.class, () -> PriorKind.parse("gmm"));
    }

    /** The mean ELBO of the tiny batch with fixed noise; the Monte Carlo KL makes it depend on the noise. */
    private static float elbo(Vae vae, NDManager m) {
        try (NDManager batch = m.newSubManager()) {
            NDArray x = batch.create(X, new Shape(2, D));
            float value = new Elbo(vae).terms(LatentModel.inference(batch), x, new Rng(5), false).negElbo().neg().mean()
                    .toFloatArray()[0];
            assertNotEquals(0f, value);
            return value;
        }
    }
}
