package org.vae4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.LikelihoodEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j evaluate: the test ELBO, the IWAE estimate of log p(x), bits per dimension. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test ELBO, IWAE estimate of -log p(x), bits per dimension, reconstruction MSE.",
                "Evaluates a trained model on the test split of DATA: the ELBO, the importance-weighted "
                + "(IWAE) estimate of -log p(x) with k samples per example, and bits per dimension."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Mixin
    SharedOptions.ImportanceSamples importance;

    @Option(names = "--n", description = "evaluate " + Workspace.SUBSET + " (default: all)")
    Integer n;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--json", description = "print one JSON object: elbo, recon, kl, nll, nll_std_err, k, bits_per_dim, "
            + "mse (reconstruction mean squared error per dimension of the decoder means), n")
    boolean json;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        importance.check();
        Workspace.requireCount("--n", n);
        PrintWriter out = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            Dataset test = Workspace.subset(ModelArgs.dataFor(trained, dataArgs).test(), n);
            boolean vae = trained.isVariational();
            Scores scores;
            try (ProgressBar bar = vae ? progress.bar("IWAE k=" + importance.k, test.n()) : null) {
                scores = trained.score(test, Scoring.defaults().withImportanceSamples(importance.k).withSeed(seed.value)
                        .withProgress(ProgressListener.stepTo(bar)::accept));
            }
            Evaluation elbo = scores.elbo();
            LikelihoodEstimate nll = scores.likelihood();
            double mse = scores.meanSquaredError();
            if (json) {
                out.println(json(scores));
            } else {
                out.printf("%s on %d test examples of %s:%n", trained.dir(), test.n(), dataArgs.data);
                if (vae) {
                    out.printf("  ELBO                %10.3f nats per example (recon %.3f, KL %.3f)%n", -elbo.negElbo(),
                            elbo.recon(), elbo.kl());
                    out.printf("  -log p(x), IWAE k=%-4d %7.3f nats per example (std err %.3f)%n", importance.k, nll.nll(),
                            nll.stdErr());
                    out.printf("  bits per dimension  %10.4f%n", nll.bitsPerDim());
                } else {
                    out.printf("  reconstruction loss %10.3f nats per example (an auto-encoder has no likelihood)%n",
                            elbo.recon());
                }
                out.printf("  reconstruction MSE  %10.6f per dimension, of the decoder means E[x|z = code(x)]%n", mse);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** The scores as evaluation.json holds them. */
    static ObjectNode json(Scores scores) {
        Evaluation elbo = scores.elbo();
        LikelihoodEstimate nll = scores.likelihood();
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("elbo", -elbo.negElbo());
        node.put("recon", elbo.recon());
        node.put("kl", elbo.kl());
        if (nll != null) {
            node.put("nll", nll.nll());
            node.put("nll_std_err", nll.stdErr());
            node.put("k", nll.k());
            node.put("bits_per_dim", nll.bitsPerDim());
        } else {
            node.putNull("nll");
            node.putNull("k");
            node.put("bits_per_dim", elbo.negElbo() / (scores.dim() * Math.log(2)));
        }
        node.put("mse", scores.meanSquaredError());
        node.put("n", scores.n());
        return node;
    }
}
