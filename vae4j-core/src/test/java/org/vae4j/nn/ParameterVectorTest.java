package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.optim.Adam;

class ParameterVectorTest {

    private static final ModelConfig CONFIG = ModelConfig.builder().shape(2, 3).latentDim(2).hidden(List.of(4)).build();

    @Test
    void parametersAreViewsOfTheVectorInOrder() {
        try (NDManager m = NDManager.newBaseManager(); LatentModel model = LatentModel.create(CONFIG, m, 7)) {
            ParameterVector pv = model.parameterVector();
            // encoder 6->4->4 (2 x latent), decoder 2->4->6
            long expected = 6 * 4 + 4 + 4 * 4 + 4 + 2 * 4 + 4 + 4 * 6 + 6;
            assertEquals(expected, pv.vector().size());
            assertEquals(expected, model.parameterCount());
            float[] flat = pv.vector().toFloatArray();
            int offset = 0;
            for (Parameter p : pv.parameters()) {
                float[] values = p.getArray().toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    assertEquals(flat[offset + i], values[i], 0f, p.getName() + "[" + i + "]");
                }
                offset += values.length;
            }
            try (NDArray one = m.full(new Shape(), 1f)) {
                pv.vector().addi(one);
            }
            float[] first = pv.parameters().get(0).getArray().toFloatArray();
            assertEquals(flat[0] + 1f, first[0], 1e-6f, "an update of the vector is seen by the parameter");
        }
    }

    @Test
    void vectorAdamMatchesPerParameterAdam() {
        try (NDManager m = NDManager.newBaseManager();
                LatentModel a = LatentModel.create(CONFIG, m, 3);
                LatentModel b = LatentModel.create(CONFIG, m, 3);
                Adam vectorAdam = Adam.forVector(a.parameterVector(), 0.01, m);
                Adam tensorAdam = new Adam(b.parameters(), 0.01, m)) {
            Rng rng = new Rng(11);
            for (int step = 0; step < 3; step++) {
                try (NDManager s = m.newSubManager()) {
                    List<NDArray> ga = new ArrayList<>();
                    List<NDArray> gb = new ArrayList<>();
                    for (Parameter p : a.parameters()) {
                        NDArray g = rng.normal(s, p.getArray().getShape());
                        ga.add(g);
                        gb.add(g.duplicate());
                    }
                    vectorAdam.update(ga);
                    tensorAdam.update(gb);
                }
            }
            for (int i = 0; i < a.parameters().size(); i++) {
                assertArrayEquals(b.parameters().get(i).getArray().toFloatArray(),
                        a.parameters().get(i).getArray().toFloatArray(), 1e-7f);
            }
            assertEquals(3, vectorAdam.stepCount());
        }
    }
}
