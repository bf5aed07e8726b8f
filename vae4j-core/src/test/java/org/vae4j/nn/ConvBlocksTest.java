package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The convolutional encoder and decoder bodies: shapes for any image, the mirror's sizes exact. */
class ConvBlocksTest {

    /** height, width, image channels, the sides after each of two convolutions. */
    @ParameterizedTest
    @CsvSource({"28, 28, 1, 14, 7", "32, 32, 3, 16, 8", "27, 31, 1, 13, 6"})
    void shapesForAnyImage(int h, int w, int c, int h1, int h2) {
        ConvGeometry geometry = ConvGeometry.of(h, w, 2);
        assertEquals(h1, geometry.heights()[1]);
        assertEquals(h2, geometry.heights()[2]);
        int d = h * w * c;
        try (NDManager m = NDManager.newBaseManager()) {
            ConvEncoderBlock encoder = new ConvEncoderBlock(h, w, c, List.of(8, 16), List.of(32), 6);
            encoder.initialize(m, DataType.FLOAT32, new Shape(1, d + 3));
            NDArray x = m.randomUniform(0, 1, new Shape(5, d + 3));
            ParameterStore ps = new ParameterStore(m, false);
            assertEquals(new Shape(5, 6), encoder.forward(ps, new NDList(x), false).singletonOrThrow().getShape());
            assertEquals(new Shape(5, 6), encoder.getOutputShapes(new Shape[] {new Shape(5, d + 3)})[0]);

            ConvDecoderBlock decoder = new ConvDecoderBlock(h, w, c, List.of(8, 16), List.of(32), 2);
            decoder.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            NDArray z = m.randomNormal(new Shape(3, 5, 4));
            NDArray out = decoder.forward(ps, new NDList(z), false).singletonOrThrow();
            assertEquals(new Shape(3, 5, 2 * d), out.getShape(), "sample axes kept, the image rebuilt exactly");
            // one row decoded alone equals the same row decoded among the others
            NDArray one = decoder.forward(ps, new NDList(z.get("1, 2:3")), false).singletonOrThrow();
            assertArrayEquals(out.get("1, 2:3").toFloatArray(), one.toFloatArray(), 1e-5f);
        }
    }

    /** Channels last: the encoder reads pixel (r, c) channel k at (r W + c) C + k. */
    @Test
    void channelsLastLayout() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one 4x4 image, 2 channels: channel 0 all ones, channel 1 all zeros; a 1-filter convolution that
            // sums channel 0 only sees 1s where the kernel overlaps the image
            ConvEncoderBlock encoder = new ConvEncoderBlock(4, 4, 2, List.of(1), List.of(), 1);
            encoder.initialize(m, DataType.FLOAT32, new Shape(1, 32));
            for (var p : encoder.getParameters()) {
                NDArray a = p.getValue().getArray();
                float[] v = new float[Math.toIntExact(a.size())];
                if (p.getKey().equals("conv0_weight")) {
                    for (int i = 0; i < 16; i++) {
                        v[i] = 1; // weight [1, 2, 4, 4]: the first 16 values act on channel 0
                    }
                } else if (p.getKey().equals("dense01Linear_weight") || p.getKey().endsWith("weight")) {
                    java.util.Arrays.fill(v, 1);
                }
                org.vae4j.dist.Ops.assign(a, v);
            }
            float[] x = new float[32];
            for (int i = 0; i < 16; i++) {
                x[2 * i] = 1;
            }
            float out = encoder.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(1, 32))), false)
                    .singletonOrThrow().toFloatArray()[0];
            // 2x2 output map; each position sees a 3x3 patch of the padded image: 9 ones; summed: 36
            assertEquals(36f, out, 1e-5f);
        }
    }

    @Test
    void tooSmallImagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(3, 28, 2));
        assertEquals(1, ConvGeometry.of(4, 4, 2).innerHeight());
    }
}
