package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Legends name classes by their folders, Fashion-MNIST's articles, or the label. */
class ClassNamesTest {

    @Test
    void classFoldersNameTheirLabels() {
        assertEquals("chelsea", ClassNames.of("tiles", List.of("astronaut", "chelsea"), 1));
        assertEquals("Trouser", ClassNames.of("fashion-mnist", null, 1));
        assertEquals("7", ClassNames.of("digits", null, 7));
        assertEquals("2", ClassNames.of("tiles", List.of("astronaut", "chelsea"), 2));
    }
}
