package org.vae4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Images;
import org.vae4j.data.Dataset;
import org.vae4j.io.ImageGrid;

/**
 * The page in Debian's chromium, headless, driven by Playwright (no browser downloaded): a click on the map
 * draws exactly the API's decode of that point, an example opens, a Shift+drag interpolates, the label
 * selector of a class-conditional model redraws, colour images stay in colour, and the console stays free
 * of errors. Screenshots of each view go to target/screenshots.
 */
class BrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SHOTS = Paths.get("target/screenshots");

    private static Playwright playwright;
    private static Browser browser;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void launch() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " is not installed (apt-get install -y chromium)";
            if (System.getenv("VAE4J_REQUIRE_DATA") != null) {
                fail(message + ", and VAE4J_REQUIRE_DATA says the tests must have it");
            }
            Assumptions.abort(message);
        }
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        if (page != null) {
            page.close();
        }
        assertEquals(List.of(), consoleErrors, "errors in the browser's console");
    }

    private Page open(Models.Served served) {
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1300));
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
        page.navigate(served.url("/"));
        page.waitForSelector("body[data-ready=yes]", new Page.WaitForSelectorOptions().setTimeout(30_000));
        return page;
    }

    private void settle() {
        page.waitForFunction("() => !explorer.busy && !explorer.pending");
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** The canvas's pixels (RGBA), sampled at the centre of each image pixel drawn scale x scale. */
    private int[] canvasImage(String id, int height, int width, int channels) {
        String script = "([id, h, w]) => { const c = document.getElementById(id); const s = c.width / w;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const out = [];"
                + " for (let r = 0; r < h; r++) for (let k = 0; k < w; k++) {"
                + "   const at = ((Math.floor(r * s + s / 2)) * c.width + Math.floor(k * s + s / 2)) * 4;"
                + "   out.push(d[at], d[at + 1], d[at + 2]); } return out; }";
        @SuppressWarnings("unchecked")
        List<Number> rgb = (List<Number>) page.evaluate(script, List.of(id, height, width));
        int[] levels = new int[height * width * channels];
        for (int p = 0; p < height * width; p++) {
            for (int b = 0; b < channels; b++) {
                levels[p * channels + b] = rgb.get(p * 3 + b).intValue();
            }
            if (channels == 1) {
                assertEquals(rgb.get(p * 3).intValue(), rgb.get(p * 3 + 2).intValue(), "gray stays gray");
            }
        }
        return levels;
    }

    private static int[] levels(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ImageGrid.toByte(values[i]);
        }
        return out;
    }

    /** The API's decode of the point the page last decoded, with the page's label. */
    private float[] apiDecodeOfLastPoint(Models.Served served) {
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) page.evaluate("() => explorer.lastPoint");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("points", List.of(List.of(point.get(0).doubleValue(), point.get(1).doubleValue())));
        if (served.model().classes() > 0) {
            body.put("label", ((Number) page.evaluate("() => explorer.label")).intValue());
        }
        JsonNode answer = ApiTest.ok(Http.post(served.url("/api/decode"), body));
        return ApiTest.floats(answer.get("images").get(0).get("values"));
    }

    @Test
    void clickingTheMapDrawsTheApisDecode() {
        Models.Served served = Models.vae();
        open(served);
        shot("vae-loaded");
        assertTrue(page.textContent("#map-title").contains("2-D latent codes as they are"));
        assertEquals(10, page.locator("#legend li").count());
        var box = page.locator("#map").boundingBox();
        page.mouse().click(box.x + 180, box.y + 240);
        settle();
        @SuppressWarnings("unchecked")
        List<Number> expected = (List<Number>) page.evaluate("() => toMap(179, 239)"); // the canvas's 1-pixel border
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) page.evaluate("() => explorer.lastPoint");
        double pixel = 1 / ((Number) page.evaluate("() => explorer.view.scale")).doubleValue();
        assertEquals(expected.get(0).doubleValue(), point.get(0).doubleValue(), 1.01 * pixel, "the point clicked is decoded");
        assertEquals(expected.get(1).doubleValue(), point.get(1).doubleValue(), 1.01 * pixel, "the point clicked is decoded");
        int[] drawn = canvasImage("decoded", 28, 28, 1);
        assertArrayEquals(levels(apiDecodeOfLastPoint(served)), drawn, "the canvas shows the API's decode");
        @SuppressWarnings("unchecked")
        Map<String, Number> grid = (Map<String, Number>) page.evaluate("() => explorer.gridPicture");
        assertEquals(grid.get("side").intValue() * (28 + 2) + 2, grid.get("width").intValue(), grid::toString);
        assertEquals(grid.get("width").intValue() * grid.get("scale").intValue(),
                ((Number) page.evaluate("() => document.getElementById('grid').width")).intValue(),
                "the grid is drawn at a whole multiple of its size");
        shot("vae-clicked");
    }

    @Test
    void anExampleOpensAndAShiftDragInterpolates() {
        Models.Served served = Models.vae();
        open(served);
        page.fill("#example-index", "3");
        page.click("#example-open");
        page.waitForFunction("() => document.getElementById('example-text').textContent.startsWith('example 3,')");
        Dataset test = served.session().test();
        assertArrayEquals(levels(test.row(3)), canvasImage("original", 28, 28, 1));
        Images reconstruction = served.model().reconstruct(test.subset(new int[] {3}));
        assertArrayEquals(levels(reconstruction.values()), canvasImage("reconstruction", 28, 28, 1));
        assertTrue(page.textContent("#example-text").contains("IWAE"), page.textContent("#example-text"));

        int before = ((Number) page.evaluate("() => explorer.interpolations")).intValue();
        var box = page.locator("#map").boundingBox();
        page.keyboard().down("Shift");
        page.mouse().move(box.x + 150, box.y + 150);
        page.mouse().down();
        page.mouse().move(box.x + 450, box.y + 420, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
        page.mouse().up();
        page.keyboard().up("Shift");
        page.waitForFunction("n => explorer.interpolations > n", before);
        assertTrue(page.textContent("#interp-text").contains("point ("), page.textContent("#interp-text"));
        int steps = Integer.parseInt(page.inputValue("#steps"));
        assertEquals(steps * (28 * 2 + 2), ((Number) page.evaluate("() => document.getElementById('strip').width"))
                .intValue());
        shot("vae-interpolated");
    }

    @Test
    void theLabelSelectorRedrawsWithTheSameCode() {
        Models.Served served = Models.cvae();
        open(served);
        assertTrue(page.textContent("#map-title").contains("PCA"), page.textContent("#map-title"));
        var box = page.locator("#map").boundingBox();
        page.mouse().click(box.x + 300, box.y + 300);
        settle();
        int[] label0 = canvasImage("decoded", 28, 28, 1);
        assertArrayEquals(levels(apiDecodeOfLastPoint(served)), label0);
        int decodes = ((Number) page.evaluate("() => explorer.decodes")).intValue();
        page.selectOption("#label", "7");
        page.waitForFunction("n => explorer.decodes > n", decodes);
        settle();
        int[] label7 = canvasImage("decoded", 28, 28, 1);
        assertArrayEquals(levels(apiDecodeOfLastPoint(served)), label7, "the canvas shows the decode with label 7");
        assertFalse(java.util.Arrays.equals(label0, label7), "another label, another image");
        page.waitForFunction("() => document.getElementById('example-text').textContent.includes('label 7')");
        shot("cvae-label-7");
    }

    @Test
    void colourImagesStayInColour() {
        Models.Served served = Models.colour();
        open(served);
        var box = page.locator("#map").boundingBox();
        page.mouse().click(box.x + 320, box.y + 280);
        settle();
        int[] drawn = canvasImage("decoded", 12, 12, 3);
        assertArrayEquals(levels(apiDecodeOfLastPoint(served)), drawn, "red, green and blue as the API decodes them");
        Dataset test = served.session().test();
        page.fill("#example-index", "0");
        page.click("#example-open");
        page.waitForFunction("() => document.getElementById('example-text').textContent.startsWith('example 0,')");
        int[] original = canvasImage("original", 12, 12, 3);
        assertArrayEquals(levels(test.row(0)), original);
        boolean coloured = false;
        for (int p = 0; p < 144; p++) {
            coloured |= Math.abs(original[3 * p] - original[3 * p + 2]) > 60;
        }
        assertTrue(coloured, "the original is drawn in colour");
        shot("colour");
    }

    @Test
    void anAutoEncoderSaysItHasNoPrior() {
        open(Models.ae());
        assertTrue(page.textContent("#note").contains("no prior and no likelihood"));
        assertTrue(page.isDisabled("#sample-go"));
        shot("ae");
    }
}
