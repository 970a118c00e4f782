package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall screen under load: one site of 2,000 sensors, each reporting every second, in headless Chromium. Every
 * tile keeps showing a live (not stale) and changing value; the frame times and heap are measured and logged (no
 * wall-clock assertion: the machine running the suite may be busy).
 */
class WallScreenIT {

    private static final Logger LOG = LoggerFactory.getLogger(WallScreenIT.class);
    private static final int SENSORS = 2_000;
    private static final int TICK_MILLIS = 100;

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    private ControlRoomRig rig;
    private WebDriver browser;
    private ScheduledExecutorService feed;

    @BeforeEach
    void start() throws Exception {
        rig = new ControlRoomRig(dataDir, "", null, SENSORS);
        AtomicInteger tick = new AtomicInteger();
        feed = Executors.newSingleThreadScheduledExecutor();
        int perTick = SENSORS * TICK_MILLIS / 1000;
        feed.scheduleAtFixedRate(() -> {
            int t = tick.getAndIncrement();
            long now = System.currentTimeMillis();
            try {
                for (int i = 0; i < perTick; i++) {
                    int sensor = (t * perTick + i) % SENSORS;
                    // The value moves every second, so each reading of a sensor differs from its last.
                    rig.reading("WALL", ControlRoomRig.wallSensor(sensor), 2 + (t / 10) % 10 + sensor % 7, now);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        browser = HeadlessChromium.start(browserProfile);
    }

    @AfterEach
    void stop() {
        HeadlessChromium.quit(browser);
        if (feed != null) {
            feed.shutdownNow();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void twoThousandSensorsAtOneReadingPerSecondStayLiveOnTheWallScreen() throws Exception {
        HeadlessChromium.logIn(browser, rig.uri("/"), "op");
        await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(By.cssSelector("#site-select option"))
                .isEmpty());
        new Select(browser.findElement(By.id("site-select"))).selectByValue("WALL");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        await("all tiles live").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                ((Number) js.executeScript("const tiles = document.querySelectorAll('#grid .tile');"
                        + "return [...tiles].filter(t => /^[0-9.]+ /.test(t.querySelector('.value').textContent)"
                        + " && !t.classList.contains('stale') && !t.classList.contains('offline')).length;"))
                        .intValue() == SENSORS);

        js.executeScript("window.__frames = []; window.__heap0 = performance.memory ? performance.memory.usedJSHeapSize"
                + " : 0; let last = performance.now(); const f = t => { window.__frames.push(t - last); last = t;"
                + " if (!window.__stop) requestAnimationFrame(f); }; requestAnimationFrame(f);"
                + " window.__values0 = [...document.querySelectorAll('#grid .tile .value')].map(v => v.textContent);");
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) js.executeScript("window.__stop = true;"
                + " const f = window.__frames.slice(1).sort((a, b) => a - b);"
                + " const values = [...document.querySelectorAll('#grid .tile .value')].map(v => v.textContent);"
                + " const tiles = [...document.querySelectorAll('#grid .tile')];"
                + " return { frames: f.length, p50: f[Math.floor(f.length * 0.5)], p95: f[Math.floor(f.length * 0.95)],"
                + " max: f[f.length - 1], long: f.filter(x => x > 100).length,"
                + " changed: values.filter((v, i) => v !== window.__values0[i]).length,"
                + " stale: tiles.filter(t => t.classList.contains('stale') || t.classList.contains('offline')).length,"
                + " heap0: window.__heap0, heap1: performance.memory ? performance.memory.usedJSHeapSize : 0 };");
        LOG.info("Wall screen, {} sensors at 1 reading/s each, 5 s: {} frames, frame interval p50 {} ms, p95 {} ms,"
                + " max {} ms, {} frames over 100 ms; {} tiles changed value, {} stale; JS heap {} -> {} bytes",
                SENSORS, stats.get("frames"), stats.get("p50"), stats.get("p95"), stats.get("max"), stats.get("long"),
                stats.get("changed"), stats.get("stale"), stats.get("heap0"), stats.get("heap1"));
        HeadlessChromium.screenshot(browser, "11-wall-screen-2000-sensors");

        assertThat(((Number) stats.get("stale")).intValue()).isZero();
        assertThat(((Number) stats.get("changed")).intValue()).isGreaterThan(SENSORS * 9 / 10);
        assertThat(((Number) stats.get("frames")).intValue()).isPositive();
        assertThat(List.of(rig.gateway.controlRoom().hub().clients())).containsExactly(1);
    }
}
