package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-room page in a real headless Chromium (Debian {@code chromium} and {@code chromium-driver}, which
 * scripts/test installs): log in, the overview fills with live values, a threshold crossing turns a tile orange
 * within a second, the alarm is acknowledged and leaves the active list. A screenshot of each page goes to
 * {@code target/screenshots/}.
 */
class ControlRoomIT {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRoomIT.class);
    private static final List<String> MINE = List.of("CM01-CH4-T1", "CM01-CO-01");

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    private ControlRoomRig rig;
    private WebDriver browser;
    private ScheduledExecutorService feed;
    private final AtomicReference<Double> ch4 = new AtomicReference<>(0.35);

    @BeforeEach
    void start() throws Exception {
        rig = new ControlRoomRig(dataDir);
        feed = Executors.newSingleThreadScheduledExecutor();
        // Every sensor reports every 250 ms, like a site gateway, so values are live and never stale.
        feed.scheduleAtFixedRate(() -> {
            try {
                long now = System.currentTimeMillis();
                rig.reading("CM01", "CM01-CH4-T1", ch4.get(), now);
                rig.reading("CM01", "CM01-CO-01", 6, now);
                rig.reading("TP01", "TP01-WL-01", 4.1, now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 250, TimeUnit.MILLISECONDS);

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
    void operatorSeesLiveValuesAnAlarmTurningATileOrangeAndAcknowledgesIt() throws Exception {
        browser.get(rig.uri("/").toString());
        await("login form").atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("login-view"))
                .isDisplayed());
        browser.findElement(By.id("login-name")).sendKeys("op");
        browser.findElement(By.id("login-password")).sendKeys("wrong");
        browser.findElement(By.id("login-submit")).click();
        await("refusal").atMost(Duration.ofSeconds(10)).until(() -> !text("login-error").isEmpty());
        screenshot("01-login-refused");
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys("pw-op");
        browser.findElement(By.id("login-submit")).click();

        await("overview filled with live values").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String sensor : MINE) {
                WebElement tile = tile(sensor);
                assertThat(tile.findElement(By.className("value")).getText()).matches("[0-9.]+ .+");
                assertThat(tile.getAttribute("class")).doesNotContain("stale").doesNotContain("offline");
            }
        });
        assertThat(text("whoami")).isEqualTo("op (operator)");
        screenshot("02-overview");

        long crossed = System.nanoTime();
        ch4.set(1.35);
        await("tile orange").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> tile("CM01-CH4-T1").getAttribute("class").contains("level-orange"));
        LOG.info("Threshold crossing to orange tile: {} ms", (System.nanoTime() - crossed) / 1_000_000);
        screenshot("03-overview-orange");

        tile("CM01-CH4-T1").click();
        await("trend chart").atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(
                By.cssSelector("#chart canvas")).isEmpty() && text("sensor-note").contains("1"));
        screenshot("04-sensor-detail");

        browser.findElement(By.id("nav-alarms")).click();
        String alarmId = rig.gateway.alarms().active().get(0).alarmId();
        By activeRow = By.cssSelector("#active-alarms tr[data-alarm='" + alarmId + "']");
        await("alarm listed").atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(activeRow).isEmpty());
        screenshot("05-alarms-active");
        browser.findElement(activeRow).findElement(By.className("ack-button")).click();
        browser.findElement(By.id("ack-note")).sendKeys("ventilation increased, face cleared");
        screenshot("06-acknowledge-dialog");
        browser.findElement(By.id("ack-confirm")).click();

        await("alarm left the active list").atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElements(activeRow).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#acked-alarms tr[data-alarm='" + alarmId + "']")).getText())
                .contains("op: ventilation increased, face cleared");
        screenshot("07-alarms-acknowledged");

        browser.findElement(By.id("nav-pond")).click();
        await("pond view").atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("pond-view")).getText().contains("TP01-WL-01"));
        screenshot("08-tailings-pond");

        browser.findElements(By.className("lang-toggle")).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow().click();
        String overview = browser.findElement(By.id("nav-overview")).getText();
        assertThat(List.of("Overview", "总览")).contains(overview);
        browser.findElement(By.id("nav-overview")).click();
        screenshot("09-overview-other-language");
    }

    @Test
    void aRegulatorSeesAlarmsButNoSensorValuesAndCannotAcknowledge() throws Exception {
        ch4.set(1.4);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.gateway.alarms().activeCount() == 1);
        HeadlessChromium.logIn(browser, rig.uri("/"), "reg");

        await("alarm listed").atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(
                By.cssSelector("#active-alarms tr[data-alarm]")).isEmpty());
        assertThat(browser.findElement(By.id("nav-overview")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.className("ack-button"))).isEmpty();
        screenshot("10-regulator-alarms");
    }

    private WebElement tile(String sensor) {
        return browser.findElement(By.cssSelector(".tile[data-sensor='" + sensor + "']"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}
