package org.vae4j.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/**
 * For bench/explorer.sh: opens the explorer at URL in headless chromium ROUNDS times (a fresh page each) and
 * prints, per round, the first contentful paint and the time until the map's points are drawn, in ms from
 * the navigation's start. Arguments: URL [ROUNDS] [SCREENSHOT.png].
 */
public final class FirstPaint {

    private FirstPaint() {
    }

    public static void main(String[] args) {
        String url = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true))) {
            for (int r = 0; r < rounds; r++) {
                Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
                page.navigate(url);
                page.waitForSelector("body[data-map=ready]");
                Object fcp = page.evaluate("() => { const e = performance.getEntriesByName('first-contentful-paint');"
                        + " return e.length ? e[0].startTime : -1; }");
                Object map = page.evaluate("() => explorer.mapPaintedAt");
                Object points = page.evaluate("() => explorer.map.points.length / 2");
                System.out.printf(Locale.ROOT, "round %d: %s points, first contentful paint %.0f ms, map drawn %.0f ms%n",
                        r + 1, points, ((Number) fcp).doubleValue(), ((Number) map).doubleValue());
                if (r == rounds - 1 && args.length > 2) {
                    page.waitForSelector("body[data-ready=yes]");
                    page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(args[2])));
                }
                page.close();
            }
        }
    }
}
