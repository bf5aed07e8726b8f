package org.vae4j.run;

import java.nio.file.Path;
import java.util.List;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.train.EpochMetrics;

/**
 * The folder of a training run and the names of what it holds: the model (checkpointed every epoch),
 * the metrics of every epoch, the pictures, the report and the evaluation. The one place that names
 * these files.
 */
public final class RunFolder {

    /** The model folder: model.json and the parameters. */
    public static final String MODEL = ModelStore.MODEL_DIR;
    /** One JSON object per epoch. */
    public static final String METRICS = "metrics.jsonl";
    /** Loss, reconstruction and KL per epoch. */
    public static final String CURVES = "curves.png";
    /** Test examples above their reconstructions. */
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    /** Decoder means of draws from the prior. */
    public static final String SAMPLES = "samples.png";
    /** The test codes in the plane, coloured by label. */
    public static final String MAP = "map.png";
    /** The decoded grid of a 2-D latent. */
    public static final String MANIFOLD = "manifold.png";
    /** Settings, metrics and pictures in one self-contained HTML file. */
    public static final String REPORT = "report.html";
    /** The test ELBO, IWAE estimate and bits per dimension of the final model. */
    public static final String EVALUATION = "evaluation.json";
    /**
     * Locked while a training run writes the folder, so that a second one refuses. The file stays when the
     * run ends: deleting it would let a run that opened it just before lock a file no one else sees.
     */
    public static final String LOCK = ".train.lock";

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** The run folder at {@code dir} (which need not exist yet). */
    public static RunFolder at(Path dir) {
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The model folder inside the run folder. */
    public Path modelDir() {
        return dir.resolve(MODEL);
    }

    /** metrics.jsonl. */
    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** A file of the run folder, one of the names above. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** True when the folder holds a model. */
    public boolean hasModel() {
        return ModelStore.exists(dir);
    }

    /** What the folder's model.json says, without loading the parameters. */
    public ModelInfo info() {
        return ModelStore.readInfo(dir);
    }

    /** Every epoch of metrics.jsonl, oldest first (empty when there is none). */
    public List<EpochMetrics> history() {
        return MetricsLog.read(metrics());
    }

    /** The name the folder goes by in titles: its last path element. */
    public String name() {
        Path normal = dir.toAbsolutePath().normalize();
        return normal.getFileName() == null ? dir.toString() : normal.getFileName().toString();
    }
}
