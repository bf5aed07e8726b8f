package org.vae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is examples/' AnomalyExample as it is (CI compiles and runs that project),
 * and the examples project depends on the version of vae4j this build makes.
 */
class ExampleProjectTest {

    private static final Path ROOT = Path.of(System.getProperty("vae4j.home", ".."));

    @Test
    void readmeShowsTheCompiledExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String example = Files.readString(ROOT.resolve("examples/src/main/java/org/vae4j/examples/AnomalyExample.java"));
        assertTrue(readme.contains("```java\n" + example + "```"),
                "README.md's ```java block differs from examples/src/main/java/org/vae4j/examples/AnomalyExample.java");
    }

    @Test
    void examplesDependOnThisBuildsVersion() throws IOException {
        String project = firstMatch(Files.readString(ROOT.resolve("pom.xml")), "<version>([^<]+)</version>");
        String used = firstMatch(Files.readString(ROOT.resolve("examples/pom.xml")),
                "<vae4j.version>([^<]+)</vae4j.version>");
        assertEquals(project, used, "examples/pom.xml's vae4j.version");
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }
}
