package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.io.AtomicFile;
import org.vae4j.io.Png;
import org.vae4j.cli.pictures.RefinementCurve;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.infer.AmortizationGap;
import org.vae4j.infer.AmortizationGap.Estimate;
import org.vae4j.infer.PosteriorRefinement;
import org.vae4j.error.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j refine: per-example variational inference from the encoder's q, and the amortization gap. */
@Command(name = "refine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Amortization gap: per-example refined q against the encoder's q and IWAE.",
                "Refines the posterior of each test example of DATA: starting from the encoder's q(z|x), Adam "
                + "moves the mean and log-variance of that example's own diagonal Gaussian to maximize its ELBO, the "
                + "model fixed. Prints the amortized ELBO (encoder's q), the refined ELBO and the IWAE estimate of "
                + "log p(x) with standard errors over examples, and the gaps between them: amortization gap = refined "
                + "- amortized, approximation gap = IWAE - refined. Writes refine.csv (mean ELBO per step), "
                + "refine-summary.csv and refine.png into --out."})
final class RefineCommand implements Callable<Integer> {

    static final String TRACE_CSV = "refine.csv";
    static final String SUMMARY_CSV = "refine-summary.csv";
    static final String PLOT = "refine.png";
    /** Examples refined at once: the progress bar moves after each batch. */
    private static final int BATCH = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--steps", defaultValue = "100", paramLabel = "T",
            description = "Adam steps per example (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR",
            description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--step-draws", defaultValue = "10", paramLabel = "S",
            description = "draws z ~ q per example in each step's ELBO estimate (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--draws", defaultValue = "1000", paramLabel = "M",
            description = "fresh draws per example, shared by both ELBOs compared, that estimate the amortized and "
                    + "the refined ELBO (default: ${DEFAULT-VALUE})")
    int draws;

    @Mixin
    SharedOptions.ImportanceSamples importance;

    @Option(names = "--n", defaultValue = "500", paramLabel = "N",
            description = "refine " + Workspace.SUBSET + " (default: ${DEFAULT-VALUE})")
    Integer n;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the folder to write into; existing results there are never overwritten "
                    + "(default: refine/ beside the model folder, i.e. RUN/refine)")
    Path out;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        Workspace.requireCount("--n", n);
        importance.check();
        AmortizationGap.Config config = new AmortizationGap.Config(
                new PosteriorRefinement.Config(steps, lr, samples), draws, importance.k);
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            if (!trained.isVariational()) {
                throw new IllegalArgumentException(trained.dir() + ": an auto-encoder has no posterior q(z|x) to refine "
                        + "(refine needs a model trained with --model vae or cvae)");
            }
            Path dir = out != null ? out : trained.dir().resolveSibling("refine");
            requireFree(dir);
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            trained.requireLabels(split.test(), dataArgs.data);
            Dataset test = Workspace.subset(split.test(), n);
            AmortizationGap.Report report;
            try (ProgressBar bar = progress.bar("refine", test.n())) {
                report = trained.amortizationGap(test, config, BATCH, seed.value, ProgressListener.stepTo(bar)::accept);
            }
            String title = String.format(Locale.ROOT, "Refined posteriors: %d test examples of %s", report.n(),
                    split.test().name());
            AtomicFile.writeString(dir.resolve(TRACE_CSV), traceCsv(report.trace()));
            AtomicFile.writeString(dir.resolve(SUMMARY_CSV), summaryCsv(report));
            Png.write(RefinementCurve.render(title, report.trace(), report.amortizedElbo().mean(),
                    report.iwae().mean(), importance.k), dir.resolve(PLOT));
            print(stdout, report, trained.dir(), split.test().name());
            stdout.printf("wrote %s (%s, %s, %s)%n", dir, TRACE_CSV, SUMMARY_CSV, PLOT);
            stdout.flush();
            return ExitCodes.OK;
        }
    }

    /** Fails before any work if a result would overwrite a file. */
    private static void requireFree(Path dir) {
        for (String name : List.of(TRACE_CSV, SUMMARY_CSV, PLOT)) {
            if (Files.exists(dir.resolve(name))) {
                throw InputException.of(dir.resolve(name), "already exists; choose another --out");
            }
        }
        Workspace.requireFolder(dir);
    }

    private void print(PrintWriter stdout, AmortizationGap.Report report, Path modelDir, String dataName) {
        stdout.printf(Locale.ROOT, "%s on %d test examples of %s: Adam %d steps, lr %s, %d draws per step; each ELBO "
                + "from %d fresh draws per example%n", modelDir, report.n(), dataName, steps, lr, samples, draws);
        stdout.printf("%-40s %12s %9s%n", "", "nats/example", "std err");
        row(stdout, "amortized ELBO (encoder's q)", report.amortizedElbo());
        row(stdout, "refined ELBO (q per example)", report.refinedElbo());
        row(stdout, "IWAE estimate of log p(x), k=" + importance.k, report.iwae());
        row(stdout, "amortization gap (refined - amortized)", report.amortizationGap());
        row(stdout, "approximation gap (IWAE - refined)", report.approximationGap());
        stdout.println("standard errors are over examples; those of the gaps are of the per-example differences");
    }

    private static void row(PrintWriter stdout, String name, Estimate estimate) {
        stdout.printf(Locale.ROOT, "%-40s %12.3f %9.3f%n", name, estimate.mean(), estimate.stdErr());
    }

    /** step,elbo: the mean over examples of the S-draw ELBO estimate after each number of steps. */
    static String traceCsv(double[] trace) {
        StringBuilder csv = new StringBuilder("step,elbo\n");
        for (int t = 0; t < trace.length; t++) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f%n", t, trace[t]));
        }
        return csv.toString();
    }

    /** quantity,nats,std_err: one row per line of the printed table. */
    static String summaryCsv(AmortizationGap.Report report) {
        StringBuilder csv = new StringBuilder("quantity,nats,std_err\n");
        summaryRow(csv, "amortized_elbo", report.amortizedElbo());
        summaryRow(csv, "refined_elbo", report.refinedElbo());
        summaryRow(csv, "iwae", report.iwae());
        summaryRow(csv, "amortization_gap", report.amortizationGap());
        summaryRow(csv, "approximation_gap", report.approximationGap());
        return csv.toString();
    }

    private static void summaryRow(StringBuilder csv, String name, Estimate estimate) {
        csv.append(String.format(Locale.ROOT, "%s,%.6f,%.6f%n", name, estimate.mean(), estimate.stdErr()));
    }
}
