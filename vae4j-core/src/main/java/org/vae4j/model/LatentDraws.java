package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The terms of the bounds at k draws z ~ q(z|x) of every example, each [k, B] (a KL term may be [B] when
 * it does not depend on the draw), in nats.
 *
 * @param logPxGivenZ log p(x | z)
 * @param logPz log p(z), over every stochastic layer
 * @param logQz log q(z | x), over every stochastic layer
 * @param kl one KL(q || p) term per stochastic layer, the layer next to x first: analytic where both sides
 *     are Gaussian given the layers above, else the one-draw estimate log q - log p
 */
public record LatentDraws(NDArray logPxGivenZ, NDArray logPz, NDArray logQz, List<NDArray> kl) {

    public LatentDraws {
        kl = List.copyOf(kl);
    }

    /** log w = log p(x|z) + log p(z) - log q(z|x), the importance weight of each draw. */
    public NDArray logWeight() {
        return logPxGivenZ.add(logPz).sub(logQz);
    }

    /** The KL terms summed over the layers. */
    public NDArray totalKl() {
        NDArray total = kl.get(0);
        for (int l = 1; l < kl.size(); l++) {
            total = total.add(kl.get(l));
        }
        return total;
    }
}
