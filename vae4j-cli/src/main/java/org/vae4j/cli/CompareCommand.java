package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.io.AtomicFile;
import org.vae4j.cli.pictures.LikelihoodBars;
import org.vae4j.io.Png;
import org.vae4j.cli.pictures.RateDistortion;
import org.vae4j.cli.pictures.RunCurves;
import java.awt.image.BufferedImage;
import org.vae4j.api.Images;
import org.vae4j.api.Scores;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;
import org.vae4j.run.RunFolder;
import org.vae4j.train.EpochMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j compare: the curves and the rate-distortion points of several training runs side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Training curves and rate-distortion points of several runs in one plot each.",
            "Reads the metrics.jsonl of each run folder and writes to --out: curves.png and curves.csv (the "
                + "test loss of every run per epoch, solid, and its train loss, dashed) and rate-distortion.png and "
                + "rate-distortion.csv (each run's test KL, the rate, against its test reconstruction term, the "
                + "distortion, at its last epoch, labelled by name); prints both tables. With --data, also scores "
                + "every run's model on the test split of DATA as 'vae4j evaluate' does (same images, same noise "
                + "seed for every run): the test ELBO and the IWAE estimate of -log p(x), into likelihoods.csv and "
                + "likelihoods.png. With --samples, draws samples.png: the same number of samples of every run "
                + "(the same seed), one panel per run side by side, to see which models draw sharper images."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", required = true, split = ",", paramLabel = "DIR", description = "run folders written by train")
    List<Path> runs;

    @Option(names = "--names", split = ",", paramLabel = "NAME",
            description = "a name per run for the legends and tables, e.g. beta=0.5,beta=1 (default: the folder names)")
    List<String> names;

    @Mixin
    SharedOptions.Folder out;

    @Option(names = "--data", paramLabel = "DATA",
            description = "score every run on the test split of DATA, test ELBO and IWAE -log p(x): "
                    + DataArgs.IMAGE_DATA)
    String data;

    @Mixin
    SharedOptions.ImportanceSamples importance;

    @Option(names = "--samples", paramLabel = "N",
            description = "also draw N samples of every run side by side into samples.png (a square number reads "
                    + "best, e.g. 64)")
    Integer samples;

    @Option(names = "--n", defaultValue = "1000",
            description = "with --data: score " + Workspace.SUBSET + " (default: ${DEFAULT-VALUE})")
    Integer n;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Progress progress;

    /** How many test examples --data scoring used (the same for every run). */
    private int scoredExamples;

    @Override
    public Integer call() {
        out.check();
        importance.check();
        Workspace.requireCount("--n", n);
        List<String> labels = labels();
        List<List<EpochMetrics>> histories = new ArrayList<>();
        for (Path run : runs) {
            histories.add(read(run));
        }
        List<RateDistortion.Point> points = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            EpochMetrics last = last(histories.get(r));
            points.add(new RateDistortion.Point(labels.get(r), last.testKl(), last.testRecon()));
        }
        // scored before anything is written, so a run that does not fit DATA leaves no half-written output
        List<LikelihoodBars.Bar> scores = data == null ? null : score(labels);
        Workspace.requireCount("--samples", samples);
        BufferedImage samplePicture = samples == null ? null : samplePicture(labels);
        AtomicFile.writeString(out.dir.resolve("curves.csv"), curvesCsv(labels, histories));
        Png.write(RunCurves.render(labels, histories), out.dir.resolve("curves.png"));
        AtomicFile.writeString(out.dir.resolve("rate-distortion.csv"), rateDistortionCsv(labels, histories));
        Png.write(RateDistortion.render(points), out.dir.resolve("rate-distortion.png"));
        PrintWriter stdout = spec.commandLine().getOut();
        printCurves(stdout, labels, histories);
        printRateDistortion(stdout, labels, histories);
        stdout.printf("wrote curves.png, curves.csv, rate-distortion.png and rate-distortion.csv to %s%n", out.dir);
        if (scores != null) {
            AtomicFile.writeString(out.dir.resolve("likelihoods.csv"), likelihoodsCsv(scores));
            Png.write(LikelihoodBars.render("Test scores on " + data + " (same examples and noise for every run)", importance.k,
                    scores), out.dir.resolve("likelihoods.png"));
            printLikelihoods(stdout, scores);
            stdout.printf("wrote likelihoods.csv and likelihoods.png to %s%n", out.dir);
        }
        if (samplePicture != null) {
            Png.write(samplePicture, out.dir.resolve("samples.png"));
            stdout.printf("wrote samples.png (%d samples of each run) to %s%n", samples, out.dir);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The samples of every run (decoder means of the same number of draws, the same seed), side by side. */
    private BufferedImage samplePicture(List<String> labels) {
        if (samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("--samples must be at most " + MAX_SAMPLES + ", got " + samples);
        }
        int columns = (int) Math.ceil(Math.sqrt(samples));
        List<Figure.Panel> panels = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            try (TrainedModel trained = TrainedModel.load(runs.get(r))) {
                if (!trained.isVariational()) {
                    throw InputException.of(runs.get(r), "holds an auto-encoder, which has no prior to sample from");
                }
                Images drawn = trained.sample(samples, seed.value);
                panels.add(new Figure.Panel(Pictures.grid(drawn).render(drawn.values(), columns), labels.get(r)));
            }
        }
        return Figure.render("Samples: decoder means of " + samples + " draws from each model's prior (seed "
                + seed.value + ")", panels, Figure.Axes.none());
    }

    /** The most samples --samples draws per run. */
    static final int MAX_SAMPLES = 400;

    /** Every run's test -ELBO and IWAE -log p(x) on DATA, as 'vae4j evaluate' computes them. */
    private List<LikelihoodBars.Bar> score(List<String> labels) {
        requireSameTestImages();
        List<LikelihoodBars.Bar> scores = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            try (TrainedModel trained = TrainedModel.load(runs.get(r))) {
                if (!trained.isVariational()) {
                    throw InputException.of(runs.get(r), "holds an auto-encoder, which has no likelihood to compare");
                }
                Dataset test = Workspace.subset(trained.readData(data, null).test(), n);
                scoredExamples = test.n();
                Scores result;
                try (ProgressBar bar = progress.bar(labels.get(r) + " IWAE k=" + importance.k, test.n())) {
                    result = trained.score(test, Scoring.defaults().withImportanceSamples(importance.k).withSeed(seed.value)
                            .withProgress(ProgressListener.stepTo(bar)::accept));
                }
                scores.add(new LikelihoodBars.Bar(labels.get(r), result.elbo().negElbo(), result.likelihood().nll(),
                        result.likelihood().stdErr()));
            }
        }
        return scores;
    }

    /**
     * A model trained on binarized data is scored on the test images binarized with a fixed seed, the
     * others on the grayscale ones: their likelihoods are of different data, so mixing them is refused.
     */
    private void requireSameTestImages() {
        Boolean first = null;
        for (Path run : runs) {
            boolean binarized = RunFolder.at(run).info().training().binarize();
            if (first != null && binarized != first) {
                throw new IllegalArgumentException("--data: " + runs.get(0) + " and " + run + " see different test "
                        + "images (one was trained with --binarize, so it is scored on binarized images); "
                        + "compare their likelihoods separately");
            }
            first = binarized;
        }
    }

    private String likelihoodsCsv(List<LikelihoodBars.Bar> scores) {
        StringBuilder csv = new StringBuilder("run,n,k,neg_elbo,nll,nll_std_err,nll_minus_first\n");
        double first = scores.get(0).nll();
        for (LikelihoodBars.Bar b : scores) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.4f,%.4f%n", csvField(b.name()), scoredExamples, importance.k,
                    b.negElbo(), b.nll(), b.nllStdErr(), b.nll() - first));
        }
        return csv.toString();
    }

    private void printLikelihoods(PrintWriter out, List<LikelihoodBars.Bar> scores) {
        int width = Math.max(8, scores.stream().mapToInt(b -> b.name().length()).max().orElse(0));
        out.printf("test scores on %d examples of %s (nats per example; the same examples and noise for every run):%n",
                scoredExamples, data);
        out.printf("%-" + width + "s  %10s  %12s  %8s  %10s%n", "run", "-ELBO", "-log p(x)", "std err", "vs first");
        double first = scores.get(0).nll();
        for (LikelihoodBars.Bar b : scores) {
            out.printf(Locale.ROOT, "%-" + width + "s  %10.3f  %12.3f  %8.3f  %+10.3f%n", b.name(), b.negElbo(), b.nll(),
                    b.nllStdErr(), b.nll() - first);
        }
        out.printf("(-log p(x): IWAE with k = %d; std err: over examples, not of the paired differences)%n", importance.k);
    }

    /** --names, or the folder names (the paths as given where folder names repeat). */
    private List<String> labels() {
        if (names != null) {
            if (names.size() != runs.size()) {
                throw new IllegalArgumentException("--names gives " + names.size() + " names for " + runs.size()
                        + " runs");
            }
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (name.isBlank() || !seen.add(name)) {
                    throw new IllegalArgumentException("--names: '" + name + "' is " + (name.isBlank() ? "empty"
                            : "given twice") + "; each run needs its own name");
                }
            }
            return List.copyOf(names);
        }
        List<String> folders = runs.stream().map(p -> String.valueOf(p.toAbsolutePath().normalize().getFileName()))
                .toList();
        boolean distinct = new HashSet<>(folders).size() == folders.size();
        return distinct ? folders : runs.stream().map(Path::toString).toList();
    }

    /** A run's epochs; a folder without metrics.jsonl or with no epochs in it is bad input. */
    private static List<EpochMetrics> read(Path run) {
        RunFolder folder = RunFolder.at(run);
        Path file = folder.metrics();
        if (!Files.isRegularFile(file)) {
            throw InputException.of(run, "no " + RunFolder.METRICS + " (not a run folder written by vae4j train)");
        }
        List<EpochMetrics> history = folder.history();
        if (history.isEmpty()) {
            throw InputException.of(file, "holds no epochs");
        }
        return history;
    }

    private static EpochMetrics last(List<EpochMetrics> history) {
        return history.get(history.size() - 1);
    }

    private static String curvesCsv(List<String> labels, List<List<EpochMetrics>> histories) {
        StringBuilder csv = new StringBuilder("run,epoch,train_loss,test_loss,test_recon,test_kl\n");
        for (int r = 0; r < labels.size(); r++) {
            for (EpochMetrics m : histories.get(r)) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f%n", csvField(labels.get(r)),
                        m.epoch(), m.trainLoss(), m.testLoss(), m.testRecon(), m.testKl()));
            }
        }
        return csv.toString();
    }

    private static String rateDistortionCsv(List<String> labels, List<List<EpochMetrics>> histories) {
        StringBuilder csv = new StringBuilder("run,epoch,kl_weight,test_kl,test_recon,test_loss\n");
        for (int r = 0; r < labels.size(); r++) {
            EpochMetrics m = last(histories.get(r));
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.4f,%.4f,%.4f%n", csvField(labels.get(r)), m.epoch(),
                    m.klWeight(), m.testKl(), m.testRecon(), m.testLoss()));
        }
        return csv.toString();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    private static String csvField(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** Test loss per epoch, one column per run (blank where a run has no such epoch). */
    private static void printCurves(PrintWriter out, List<String> labels, List<List<EpochMetrics>> histories) {
        int width = Math.max(12, labels.stream().mapToInt(String::length).max().orElse(0));
        out.println("test loss (-ELBO, nats per example) per epoch:");
        StringBuilder header = new StringBuilder(String.format("%5s", "epoch"));
        labels.forEach(l -> header.append("  ").append(String.format("%" + width + "s", l)));
        out.println(header);
        int maxEpoch = histories.stream().mapToInt(h -> last(h).epoch()).max().orElse(0);
        for (int epoch = 1; epoch <= maxEpoch; epoch++) {
            StringBuilder line = new StringBuilder(String.format("%5d", epoch));
            boolean any = false;
            for (List<EpochMetrics> history : histories) {
                EpochMetrics m = at(history, epoch);
                any |= m != null;
                line.append("  ").append(m == null ? " ".repeat(width)
                        : String.format(Locale.ROOT, "%" + width + ".3f", m.testLoss()));
            }
            if (any) {
                out.println(line);
            }
        }
    }

    private static EpochMetrics at(List<EpochMetrics> history, int epoch) {
        return history.stream().filter(m -> m.epoch() == epoch).findFirst().orElse(null);
    }

    private static void printRateDistortion(PrintWriter out, List<String> labels, List<List<EpochMetrics>> histories) {
        int width = Math.max(8, labels.stream().mapToInt(String::length).max().orElse(0));
        out.println("rate-distortion at each run's last epoch (test set, nats per example):");
        out.printf("%-" + width + "s  %5s  %9s  %10s  %12s  %10s%n", "run", "epoch", "KL weight", "rate (KL)",
                "distortion", "-ELBO");
        for (int r = 0; r < labels.size(); r++) {
            EpochMetrics m = last(histories.get(r));
            out.printf(Locale.ROOT, "%-" + width + "s  %5d  %9.3g  %10.3f  %12.3f  %10.3f%n", labels.get(r), m.epoch(),
                    m.klWeight(), m.testKl(), m.testRecon(), m.testLoss());
        }
    }
}
