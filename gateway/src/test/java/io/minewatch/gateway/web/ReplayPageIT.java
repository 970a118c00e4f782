package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.gateway.replay.Incident;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The replay view in headless Chromium, over the last hour of a working-face CH4 sensor ({@link Incident}: a bump to
 * 0.9 % at minute 10, 1.2 % at minutes 30–33 with 1.6 % in minute 31) put through the gateway's pipeline, so the
 * embedded store holds its readings and the live engine's alarms (acknowledged by the operator). An engineer plays
 * it, pauses, resumes, speeds it up, sees the alarms on the chart, seeks back before the incident, and runs the
 * what-if with the alarm at 0.8 %.
 */
class ReplayPageIT {

    private static final String SENSOR = Incident.SENSOR;
    private static final long MINUTE = 60_000;
    private static final String NOTE = "face evacuated, ventilation checked";

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    private ControlRoomRig rig;
    private WebDriver browser;
    private long hourStart;

    @BeforeEach
    void start() throws Exception {
        rig = new ControlRoomRig(dataDir);
        hourStart = Instant.now().toEpochMilli() / 1000 * 1000 - Incident.HOUR;
        for (int s = 0; s < Incident.HOUR / 1000; s++) {
            rig.reading("CM01", SENSOR, Incident.value(s), hourStart + s * 1000L);
        }
        String eng = rig.login("eng");
        await("the hour stored").atMost(Duration.ofSeconds(30)).until(() -> ControlRoomRig.json(rig.get(
                "/api/history?sensor=" + SENSOR + "&step=raw&from=" + Instant.ofEpochMilli(hourStart), eng))
                .get("points").size() == Incident.HOUR / 1000);
        acknowledgeTheIncident(eng);
        browser = HeadlessChromium.start(browserProfile);
    }

    @AfterEach
    void stop() {
        HeadlessChromium.quit(browser);
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void engineerPlaysPausesSeeksAndComparesRulesWithTheAlarmsOnTheChart() throws Exception {
        logIn("eng");
        browser.findElement(By.id("nav-replay")).click();
        new Select(browser.findElement(By.id("replay-sensors"))).selectByValue(SENSOR);
        browser.findElement(By.id("replay-play")).click();

        await("readings drawn").atMost(Duration.ofSeconds(10)).until(() -> state().equals("playing")
                && points() > 0 && !browser.findElements(By.cssSelector("#replay-chart canvas")).isEmpty());
        assertThat(text("replay-alarm-history")).as("the stored alarms beside the chart, with the acknowledgement")
                .contains("op").contains(NOTE);

        browser.findElement(By.id("replay-pause")).click();
        await().atMost(Duration.ofSeconds(2)).until(() -> state().equals("paused"));
        long paused = time();
        await("replay time stands still while paused").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> time() == paused);
        browser.findElement(By.id("replay-play")).click();
        await("resumed").atMost(Duration.ofSeconds(5)).until(() -> state().equals("playing") && time() > paused);
        // At 100× the 2 s paused are 200 s of replay that arrived meanwhile: resuming goes on at pace, not through
        // them.
        assertThat(time()).as("resumed where it paused").isLessThan(paused + 100_000);

        new Select(browser.findElement(By.id("replay-speed"))).selectByValue("1000");
        await("the incident's alarms on the chart").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(markers()).containsExactly(
                        "raised orange " + minute(30), "escalated red " + minute(31), "cleared red " + minute(33)));
        assertThat(browser.findElements(By.cssSelector("#replay-alarms tr[data-transition]"))).hasSize(3);
        await("ended").atMost(Duration.ofSeconds(20)).until(() -> state().equals("ended"));
        HeadlessChromium.screenshot(browser, "21-replay-ended");
        int allPoints = points();

        new Select(browser.findElement(By.id("replay-speed"))).selectByValue("1");
        seek(minute(20));
        await("back before the incident").atMost(Duration.ofSeconds(5)).until(() -> state().equals("playing")
                && time() >= minute(20) && time() < minute(21));
        assertThat(markers()).as("the alarms after the sought time are gone").isEmpty();
        assertThat(points()).as("the readings before the sought time are kept").isBetween(1, allPoints - 1);
        new Select(browser.findElement(By.id("replay-speed"))).selectByValue("max");
        await("the alarms drawn again").atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(markers())
                .containsExactly("raised orange " + minute(30), "escalated red " + minute(31),
                        "cleared red " + minute(33)));

        compareRules(null);
        By added = By.cssSelector(".whatif-sensor[data-sensor='" + SENSOR + "'] tr[data-change='added']");
        await("the bump at minute 10 alarms under 0.8 %").atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(added).isEmpty());
        assertThat(browser.findElement(added).getAttribute("data-raised"))
                .isEqualTo(Instant.ofEpochMilli(minute(10)).toString());
        assertThat(sideCount("current")).isEqualTo("1");
        assertThat(sideCount("proposed")).isEqualTo("2");
        assertThat(text("whatif-error")).isEmpty();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.id("whatif-rules")));
        HeadlessChromium.screenshot(browser, "22-replay-whatif");

        compareRules("profiles: [");
        await("the server's reason shown").atMost(Duration.ofSeconds(10))
                .until(() -> !text("whatif-error").isEmpty());
    }

    @Test
    void anOperatorHasNoReplay() throws Exception {
        logIn("op");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("nav-overview")).isDisplayed());
        assertThat(browser.findElement(By.id("nav-replay")).isDisplayed()).isFalse();
    }

    private void acknowledgeTheIncident(String eng) throws Exception {
        await("the live engine's alarms stored").atMost(Duration.ofSeconds(30)).until(() -> transitions(eng)
                .containsAll(List.of("raised", "escalated", "cleared")));
        String op = rig.login("op");
        JsonNode standing = ControlRoomRig.json(rig.get("/api/alarms?state=active&sensor=" + SENSOR, op)).get(0);
        assertThat(rig.post("/api/alarms/" + standing.get("alarm_id").asText() + "/ack", op,
                "{\"note\":\"" + NOTE + "\"}").statusCode()).isEqualTo(200);
        await("the acknowledgement stored").atMost(Duration.ofSeconds(30))
                .until(() -> transitions(eng).contains("acknowledged"));
    }

    private List<String> transitions(String token) throws Exception {
        JsonNode events = ControlRoomRig.json(rig.get("/api/alarms/history?sensor=" + SENSOR + "&from="
                + Instant.ofEpochMilli(hourStart), token));
        return StreamSupport.stream(events.spliterator(), false).map(e -> e.get("transition").asText()).toList();
    }

    private void logIn(String name) {
        HeadlessChromium.logIn(browser, rig.uri("/"), name);
        await("the registry loaded").atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(
                By.cssSelector(".tile[data-sensor='" + SENSOR + "']")).isEmpty());
    }

    /** Compares the rules in the text area (the example, 0.8 %, when {@code rules} is null). */
    private void compareRules(String rules) {
        if (rules != null) {
            WebElement area = browser.findElement(By.id("whatif-rules"));
            area.clear();
            area.sendKeys(rules);
        }
        browser.findElement(By.id("whatif-compare")).click();
    }

    private void seek(long millis) {
        ((JavascriptExecutor) browser).executeScript("const slider = document.getElementById('replay-seek');"
                + " slider.value = arguments[0]; slider.dispatchEvent(new Event('change'));", String.valueOf(millis));
    }

    /** "transition level t" of each marker on the chart, read at once (the page replaces them on a seek). */
    @SuppressWarnings("unchecked")
    private List<String> markers() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll("
                + "'#replay-chart .alarm-marker')].map(m => `${m.dataset.transition} ${m.dataset.level} ${m.dataset.t}`)");
    }

    private String sideCount(String side) {
        return browser.findElement(By.cssSelector(".whatif-sensor[data-sensor='" + SENSOR + "'] tr[data-side='"
                + side + "']")).getAttribute("data-count");
    }

    private long minute(int minute) {
        return hourStart + minute * MINUTE;
    }

    private String state() {
        return browser.findElement(By.id("replay-state")).getAttribute("data-state");
    }

    private long time() {
        String t = browser.findElement(By.id("replay-time")).getAttribute("data-t");
        return t.isEmpty() ? 0 : Long.parseLong(t);
    }

    private int points() {
        String points = browser.findElement(By.id("replay-chart")).getAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
