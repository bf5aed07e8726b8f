package org.vae4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.vae4j.api.Encoding;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import org.vae4j.dist.RowNoise;

/**
 * Scores one partition batch by batch with this JVM's copy of the model ({@link ModelCache}): each output
 * row is its input row followed by z_mean, z_logvar, elbo, nll, recon_error. Rows are keyed by a key
 * column or by their values ({@link RowNoise#key}), so a row's noise, and its scores, do not depend on the
 * partition or batch it lands in.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<Row>, Row> {

    private static final long serialVersionUID = 1L;

    private final String modelDir;
    private final String fingerprint;
    private final InputColumn input;
    private final int inputIndex;
    private final int keyIndex;
    private final int dim;
    private final int batchSize;
    private final int k;
    private final long seed;

    PartitionScorer(String modelDir, String fingerprint, InputColumn input, int inputIndex, int keyIndex, int dim,
            int batchSize, int k, long seed) {
        this.modelDir = modelDir;
        this.fingerprint = fingerprint;
        this.input = input;
        this.inputIndex = inputIndex;
        this.keyIndex = keyIndex;
        this.dim = dim;
        this.batchSize = batchSize;
        this.k = k;
        this.seed = seed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TrainedModel model = ModelCache.get(modelDir, fingerprint);
        Scoring scoring = new Scoring(k, seed, done -> { });
        return new Iterator<>() {
            private Iterator<Row> ready = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!ready.hasNext() && rows.hasNext()) {
                    ready = scoreBatch(model, scoring, rows).iterator();
                }
                return ready.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.next();
            }
        };
    }

    private List<Row> scoreBatch(TrainedModel model, Scoring scoring, Iterator<Row> rows) {
        List<Row> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && rows.hasNext()) {
            batch.add(rows.next());
        }
        int n = batch.size();
        float[] x = new float[n * dim];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            Row row = batch.get(i);
            input.read(row, inputIndex, x, i * dim);
            keys[i] = keyIndex < 0 ? RowNoise.key(x, i * dim, dim) : ((Number) row.get(keyIndex)).longValue();
        }
        Dataset data = Dataset.tabular(input.name, x, null, n, dim);
        Scores scores = model.scoreRows(data, keys, scoring);
        Encoding codes = model.encode(data);
        int l = codes.latentDim();
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row row = batch.get(i);
            Object[] values = new Object[row.length() + 5];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            values[row.length()] = slice(codes.mean(), i, l);
            values[row.length() + 1] = codes.logVar() == null ? null : slice(codes.logVar(), i, l);
            values[row.length() + 2] = -scores.negElbo(i);
            values[row.length() + 3] = scores.nll() == null ? null : (double) scores.nll()[i];
            values[row.length() + 4] = (double) scores.squaredError()[i];
            out.add(RowFactory.create(values));
        }
        return out;
    }

    private static Float[] slice(float[] values, int i, int l) {
        Float[] row = new Float[l];
        for (int j = 0; j < l; j++) {
            row[j] = values[i * l + j];
        }
        return row;
    }
}
