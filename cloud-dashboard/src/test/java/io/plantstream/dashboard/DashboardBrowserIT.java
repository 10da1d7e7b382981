package io.plantstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.ParameterFinding;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.Severity;
import io.plantstream.events.StatsResolution;
import io.plantstream.events.Topics;
import io.plantstream.testkit.browser.HeadlessChromium;
import io.plantstream.testkit.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real headless Chromium, fed through the real chain: edge Kafka, collector
 * with job agent, MirrorMaker 2 bridge, cloud Kafka.
 */
class DashboardBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserIT.class);
    private static final String LAYOUT = """
            sites:
              - id: plant-a
                name: Plant A
                lines:
                  - {id: L1, name: Pressing, machines: [{id: M01, name: Press 1}, {id: M09, name: Washer 9}]}
            """;

    private static final int PARAMETER_MINUTES = 90;
    private static CloudChain chain;
    private ChromeDriver browser;

    @BeforeAll
    static void startTheChain() throws Exception {
        chain = new CloudChain(LAYOUT);
        chain.publishAtTheEdge(Topics.MACHINE_STATE, new MachineState(EventMeta.of("collector", Instant.now()), "M09",
                MachineStatus.RUNNING, null, null));
        Instant shiftStart = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(3));
        for (int shift = 0; shift < 9; shift++) {
            Instant start = shiftStart.plus(Duration.ofHours(8L * shift));
            chain.publishAtTheEdge(Topics.OEE, new io.plantstream.events.OeeRecord(EventMeta.of("job-streams", start),
                    "M09", io.plantstream.events.OeeGranularity.SHIFT, start, start.plus(Duration.ofHours(8)), "S" + (shift % 3 + 1),
                    true, 27_000, 24_000, 1800, 1750, 21_000, 0.889, 0.84 + shift * 0.01, 0.972, 0.72 + shift * 0.01,
                    new io.plantstream.events.OeeLosses(1800, java.util.Map.of("E17", 2000.0, "E03", 500.0), 300, 200,
                            0, 2500, 150), java.util.Map.of(), List.of()));
        }
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        chain.publishAtTheEdge(Topics.OEE, new io.plantstream.events.OeeRecord(EventMeta.of("job-streams", Instant.now()),
                "M09", io.plantstream.events.OeeGranularity.LIVE, today, today.plus(Duration.ofHours(8)), "S1", false,
                27_000, 24_000, 1800, 1750, 21_000, 24_000.0 / 27_000, 0.9, 1750.0 / 1800, 21_000.0 / 27_000,
                new io.plantstream.events.OeeLosses(1800, java.util.Map.of("E17", 500.0), 300, 200, 0, 2500, 150),
                java.util.Map.of(), List.of()));
        seedParameters();
        chain.publishAtTheEdge(Topics.JOB_STATE, new JobState(EventMeta.of("job-streams", Instant.now()), "5001", "M01",
                "BRACKET-7", JobStatus.QUEUED, 0, 0, 40, Instant.now().plus(Duration.ofDays(1)), null, null,
                "released by the ERP", 2.0));
    }

    @AfterAll
    static void stopTheChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start(chain.dir.resolve("browser"), 1400, 1000);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            List<String> errors = HeadlessChromium.consoleErrors(browser, 401, 403);
            browser.quit();
            assertThat(errors).as("errors in the page's console").isEmpty();
        }
    }

    @Test
    void aMachinesStateChangeAtTheEdgeShowsOnTheOverview() throws Exception {
        logIn("vic", chain.viewerPassword);
        await("Washer 9 running on the overview").atMost(Duration.ofSeconds(60))
                .until(() -> "RUNNING".equals(tileState("M09")));

        long sent = System.nanoTime();
        chain.publishAtTheEdge(Topics.MACHINE_STATE, new MachineState(EventMeta.of("collector", Instant.now()), "M09",
                MachineStatus.DOWN, "E17", "pump"));
        await("Washer 9 down on the overview").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25))
                .until(() -> "DOWN".equals(tileState("M09")));
        LOG.info("State change at the edge shown on the overview after {} ms",
                Duration.ofNanos(System.nanoTime() - sent).toMillis());
        assertThat(browser.findElement(By.id("tile-plant-a-M09")).getText()).contains("E17", "pump");
        assertThat(browser.findElement(By.id("line-plant-a-L1")).findElement(By.tagName("h3")).getText())
                .as("the line's live OEE").isEqualTo("Pressing · OEE 77.8 % (A 88.9 % · P 90.0 % · Q 97.2 %)");
        saveScreenshot("dashboard-overview.png");
    }

    @Test
    void aPlannerDispatchesAJobAndSeesTheMachinesAcknowledgement() {
        logIn("pia", chain.plannerPassword);
        browser.get(base() + "/#/jobs");
        WebElement dispatch = await("job 5001 with its Dispatch button").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> browser.findElement(
                        By.cssSelector("#job-plant-a-5001 button[data-command='DISPATCH']")), e -> e.isDisplayed());
        dispatch.click();
        new Select(browser.findElement(By.id("dispatch-machine"))).selectByValue("M01");
        browser.findElement(By.id("dispatch-confirm")).click();
        await("the machine's answer in the job's row").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("#job-plant-a-5001 td.answer")).getText(),
                        answer -> answer.startsWith("APPLIED"));
        List<JobCommand> commands = cloudCommands();
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).issuedBy()).isEqualTo("pia");
        assertThat(commands.get(0).machineId()).isEqualTo("M01");
    }

    @Test
    void aViewerSeesNoCommandsAndTheServerRefusesTheirs() {
        logIn("vic", chain.viewerPassword);
        browser.get(base() + "/#/jobs");
        await("the jobs table").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> browser.findElement(By.id("job-plant-a-5001")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#jobs button[data-command]"))).isEmpty();
        Object status = fetchFromThePage("/api/sites/plant-a/jobs/5001/commands", true,
                "{\"type\":\"ABORT\",\"requestId\":\"viewer-abort-0001\"}");
        assertThat(status).isEqualTo(403L);
        assertThat(cloudCommands()).noneMatch(c -> c.commandId().equals("cloud-viewer-abort-0001"));
    }

    @Test
    void aChangeWithoutTheCsrfTokenAndARequestWithoutSessionAreRefused() {
        browser.get(base() + "/login");
        assertThat(fetchFromThePage("/api/overview", false, null)).isEqualTo(401L);
        logIn("pia", chain.plannerPassword);
        Object status = fetchFromThePage("/api/sites/plant-a/jobs/5001/commands", false,
                "{\"type\":\"ABORT\",\"requestId\":\"no-token-abort-01\"}");
        assertThat(status).isEqualTo(403L);
        assertThat(cloudCommands()).noneMatch(c -> c.commandId().equals("cloud-no-token-abort-01"));
    }

    @Test
    void theMachinePageDrawsItsChartsAndThePagesFitAPhone() throws Exception {
        logIn("vic", chain.viewerPassword);
        browser.get(base() + "/#/machine/plant-a/M09");
        for (String chart : List.of("chart-shifts", "chart-pareto", "chart-timeline")) {
            onThePage(chart + " drawn", () -> !browser.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty());
        }
        assertThat(browser.findElement(By.id("view")).getText()).contains("Washer 9", "OEE per shift", "Losses")
                .doesNotContain("null", "undefined");
        saveScreenshot("dashboard-machine.png");

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (String page : List.of("/#/", "/#/jobs", "/#/machine/plant-a/M09")) {
            browser.get(base() + page);
            await("the page drawn on a phone").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> browser.findElement(By.id("view")).getText().length() > 20);
            Object overflow = browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat((Long) overflow).as("sideways scrolling of " + page + " on a phone").isLessThanOrEqualTo(0L);
        }
        saveScreenshot("dashboard-phone.png");
    }

    @Test
    void aParameterChartShowsItsLimitsAndItsAlerts() throws Exception {
        logIn("vic", chain.viewerPassword);
        browser.get(base() + "/#/machine/plant-a/M09");
        onThePage("parameter chart drawn", () -> !browser.findElements(By.cssSelector("#chart-parameter canvas")).isEmpty());
        // the page opens on the current shift, which holds fewer than the seeded minutes shortly after a shift change
        new Select(browser.findElement(By.id("parameter-range"))).selectByValue("day");
        onThePage("the last day drawn", () -> seriesLength() == PARAMETER_MINUTES);
        Map<?, ?> mean = meanSeries();
        List<Object> limits = new java.util.ArrayList<>();
        for (Object line : (List<?>) ((Map<?, ?>) mean.get("markLine")).get("data")) {
            limits.add(((Map<?, ?>) line).get("name") + " " + ((Map<?, ?>) line).get("yAxis"));
        }
        assertThat(limits).containsExactlyInAnyOrder("USL 80", "LSL 20", "UCL 60", "LCL 40");
        List<?> marks = (List<?>) ((Map<?, ?>) mean.get("markPoint")).get("data");
        assertThat(marks).singleElement().satisfies(mark -> assertThat(((Map<?, ?>) mark).get("value"))
                .isEqualTo("out-of-spec"));
        assertThat(browser.findElement(By.id("parameter-alert-table")).getText())
                .contains("out-of-spec", "CRITICAL", "M09 oilTemp 83.5 degC above its upper limit 80.0");
        assertThat(browser.findElement(By.id("parameter")).getText()).contains("oilTemp (degC) ⚠ 1");
        browser.executeScript("document.getElementById('parameters').scrollIntoView();");
        saveScreenshot("dashboard-parameter.png");

        Object csv = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('parameter-csv').href).then(r => r.text()).then(done).catch(e => done(String(e)));
                """);
        String[] lines = csv.toString().split("\\R");
        assertThat(lines).hasSize(PARAMETER_MINUTES + 1);
        assertThat(lines[0]).isEqualTo("site,machine,parameter,unit,resolution,window_start,window_end,count,min,max,mean,"
                        + "stddev,spec_lower,spec_upper,control_lower,control_upper");

        new Select(browser.findElement(By.id("parameter-range"))).selectByValue("hour");
        onThePage("the last hour drawn", () -> seriesLength() > 0 && seriesLength() < PARAMETER_MINUTES);
        Object axisMin = browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-parameter'))"
                + ".getOption().xAxis[0].min;");
        assertThat(((Number) axisMin).longValue()).isCloseTo(System.currentTimeMillis() - 3_600_000L,
                org.assertj.core.data.Offset.offset(120_000L));
    }

    private long seriesLength() {
        return ((List<?>) meanSeries().get("data")).size();
    }

    private Map<?, ?> meanSeries() {
        return (Map<?, ?>) browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-parameter'))"
                + ".getOption().series.find(s => s.name === 'mean');");
    }

    /** Ninety minutes of one parameter of M09 with its limits, and an out-of-spec alert ten minutes ago. */
    private static void seedParameters() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        chain.publishAtTheEdge(Topics.MACHINE_PARAMETERS, new MachineParameters(EventMeta.of("collector", now), "M09",
                List.of(new ParameterSpec("oilTemp", "degC", 20.0, 80.0, 40.0, 60.0))));
        List<ParameterStats> minutes = new java.util.ArrayList<>();
        for (int i = 0; i < PARAMETER_MINUTES; i++) {
            Instant start = now.minus(Duration.ofMinutes(PARAMETER_MINUTES - i));
            double mean = 50 + 4 * Math.sin(i / 9.0);
            minutes.add(new ParameterStats(EventMeta.of("job-streams", start), "M09", "oilTemp", "degC",
                    StatsResolution.MINUTE, start, start.plus(Duration.ofMinutes(1)), 60, mean - 2, mean + 2, mean, 1.1,
                    20.0, 80.0, 40.0, 60.0));
        }
        chain.publishAllAtTheEdge(Topics.PARAMETER_STATS_MINUTE, minutes);
        Instant at = now.minus(Duration.ofMinutes(10));
        chain.publishAtTheEdge(Topics.ALERTS, new Alert(EventMeta.of("job-streams", at), "M09:oilTemp:out-of-spec",
                "M09", AlertKind.PARAMETER_OUT_OF_SPEC, Severity.CRITICAL, true,
                "M09 oilTemp 83.5 degC above its upper limit 80.0", null,
                new ParameterFinding("oilTemp", "out-of-spec", at, List.of(83.5), 80.0)));
    }

    /** Waits for something on the page; on time-out says what the page showed and what its console said. */
    private void onThePage(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " did not happen. The page shows: " + browser.findElement(By.tagName("body"))
                    .getText() + " Console: " + HeadlessChromium.consoleErrors(browser), e);
        }
    }

    private void logIn(String user, String password) {
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        await("logged in with live updates connected").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> "connected".equals(browser.findElement(By.tagName("body")).getAttribute("data-live")));
    }

    /** The state a tile shows; null while there is none, or while a live update replaces it. */
    private String tileState(String machine) {
        try {
            List<WebElement> tiles = browser.findElements(By.id("tile-plant-a-" + machine));
            return tiles.isEmpty() ? null : tiles.get(0).getAttribute("data-state");
        } catch (org.openqa.selenium.StaleElementReferenceException replacedMeanwhile) {
            return null;
        }
    }

    /** The status of a request the page's own script makes, with or without the page's CSRF token. */
    private Object fetchFromThePage(String path, boolean withToken, String body) {
        return browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
                const meta = document.querySelector('meta[name="_csrf"]');
                if (arguments[1] && meta) headers[document.querySelector('meta[name="_csrf_header"]').content] = meta.content;
                fetch(arguments[0], arguments[2] === null ? {headers} : {method: 'POST', headers, body: arguments[2]})
                    .then(r => done(r.status)).catch(e => done(String(e)));
                """, path, withToken, body);
    }

    private List<JobCommand> cloudCommands() {
        return TopicReader.read(chain.cloud.clientProperties(), chain.cloudCommandTopic(), "check-" + UUID.randomUUID(),
                new StringDeserializer(), Topics.JOB_COMMANDS.valueSerde().deserializer(), Integer.MAX_VALUE,
                Duration.ofSeconds(3)).stream().map(r -> r.value()).toList();
    }

    private void saveScreenshot(String name) throws java.io.IOException {
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private String base() {
        return "http://localhost:" + chain.dashboard.port();
    }
}
