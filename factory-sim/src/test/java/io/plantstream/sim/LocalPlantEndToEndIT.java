package io.plantstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.serde.EventJson;
import io.plantstream.testkit.kafka.FreePorts;
import io.plantstream.testkit.web.WebSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local plant, end to end: every machine's state and live OEE reach the cloud
 * dashboard; an order written into the ERP becomes a queued job there; a planner dispatches and
 * starts it from the dashboard; the simulated machine produces it; the job completes, and its
 * confirmations land in the ERP's table.
 */
class LocalPlantEndToEndIT {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlantEndToEndIT.class);
    /** Numeric, as the PLC of the Modbus machine M10 holds order numbers (DINT). */
    private static final String ORDER = "900001";
    /**
     * One 8-hour shift every day that began a minute before the test: OEE runs whenever the test
     * does, and is not diluted by the hours before the plant was started.
     */
    private static String shiftStartingNow() {
        java.time.LocalTime start = java.time.LocalTime.now(java.time.ZoneId.of("Europe/Berlin")).minusMinutes(1)
                .withSecond(0).withNano(0);
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        return """
                timeZone: Europe/Berlin
                patterns:
                  test:
                    - {name: test-shift, start: "%s", end: "%s", days: [MON, TUE, WED, THU, FRI, SAT, SUN]}
                default: test
                """.formatted(start.format(hhmm), start.plusHours(8).format(hhmm));
    }

    /** The plant's machines as shipped, except that M10, which makes the test's job, has no faults. */
    private static String machinesWithM10NeverFailing() throws java.io.IOException {
        try (java.io.InputStream in = LocalPlant.class.getResourceAsStream("/plant/simulation.yaml")) {
            String machines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String failing = "protocol: modbus, cycleSeconds: 9.5, scrapRate: 0.04, faultEveryMinutes: 108";
            assertThat(machines).contains(failing);
            return machines.replace(failing, "protocol: modbus, cycleSeconds: 9.5, scrapRate: 0.04, faultEveryMinutes: 0");
        }
    }

    @Test
    void anOrderFromTheErpIsDispatchedFromTheCloudProducedAndConfirmed() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "e2e-plant-" + UUID.randomUUID()).toAbsolutePath());
        Files.writeString(dataDir.resolve("calendar.yaml"), shiftStartingNow());
        Files.writeString(dataDir.resolve("simulation.yaml"), machinesWithM10NeverFailing());
        Map<String, String> settings = Map.of("data.dir", dataDir.toString(),
                "edge.port", Integer.toString(FreePorts.next()), "cloud.port", Integer.toString(FreePorts.next()),
                "query.port", "0", "erp.port", "0", "dashboard.port", "0", "andon", "off");
        long began = System.nanoTime();
        try (LocalPlant plant = LocalPlant.start(LocalPlantConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")))) {
            LOG.info("Local plant up in {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
            WebSession admin = new WebSession(plant.dashboardPort());
            String adminPassword = Files.readString(dataDir.resolve("secrets").resolve(LocalCloud.ADMIN_PASSWORD_FILE))
                    .strip();
            assertThat(admin.login("admin", adminPassword)).endsWith("/");
            String plannerPassword = "planner-" + UUID.randomUUID();
            assertThat(admin.post("/api/users", "{\"username\":\"pia\",\"role\":\"PLANNER\",\"password\":\""
                    + plannerPassword + "\"}").statusCode()).isEqualTo(201);
            WebSession planner = new WebSession(plant.dashboardPort());
            assertThat(planner.login("pia", plannerPassword)).endsWith("/");

            await("every machine's state and live OEE in the cloud dashboard").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(machinesWithStateAndOee(planner))
                            .containsExactlyInAnyOrderElementsOf(PlantMachines.IDS));
            LOG.info("All machines with state and OEE in the dashboard {} ms after the start",
                    Duration.ofNanos(System.nanoTime() - began).toMillis());

            overviewInTheBrowser(plant.dashboardPort(), adminPassword, dataDir);

            insertOrder(plant);
            JsonNode queued = awaitJob(planner, "QUEUED", Duration.ofSeconds(60));
            assertThat(queued.get("machineId").asText()).isEqualTo("M10");
            assertThat(queued.get("idealCycleSeconds").asDouble()).isEqualTo(9.0);

            command(planner, "DISPATCH", "M10");
            await("the dispatch applied by M10 and the job dispatched").atMost(Duration.ofSeconds(60))
                    .until(() -> "APPLIED".equals(lastAnswer(planner))
                            && "DISPATCHED".equals(job(planner).path("status").asText()));
            command(planner, "START", null);
            await("the start applied by M10").atMost(Duration.ofSeconds(60))
                    .until(() -> job(planner).path("lastCommand").path("type").asText().equals("START")
                            && "APPLIED".equals(lastAnswer(planner)));
            JsonNode done = awaitJob(planner, "COMPLETED", Duration.ofSeconds(180));
            assertThat(done.get("good").asLong()).isGreaterThanOrEqualTo(3);

            List<String> confirmations = new ArrayList<>();
            await("the confirmations in the ERP").atMost(Duration.ofSeconds(60)).until(() -> {
                confirmations.clear();
                confirmations.addAll(confirmationStatuses(plant));
                return confirmations.contains("FINISHED");
            });
            assertThat(confirmations).contains("STARTED", "FINISHED");
            assertThat(confirmations.stream().filter("FINISHED"::equals)).hasSize(1);
            await("every machine's key parameters with one-minute aggregates in the dashboard")
                    .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(machinesWithParameterAggregates(planner))
                            .containsExactlyInAnyOrderElementsOf(PlantMachines.IDS));
            LOG.info("Order {} from the ERP to its confirmations in {} ms after the start; confirmations {}", ORDER,
                    Duration.ofNanos(System.nanoTime() - began).toMillis(), confirmations);
        }
    }

    /** Machines whose cycle time, spindle load and coolant temperature show a one-minute mean in the dashboard. */
    private static List<String> machinesWithParameterAggregates(WebSession session) throws Exception {
        List<String> machines = new ArrayList<>();
        for (String machine : PlantMachines.IDS) {
            JsonNode parameters = EventJson.mapper().readTree(session.get("/api/sites/plant-a/machines/" + machine
                    + "/parameters").body());
            List<String> measured = new ArrayList<>();
            parameters.forEach(p -> {
                if (!p.path("latestMean").isNull() && !p.path("latestMean").isMissingNode()) {
                    measured.add(p.get("name").asText());
                }
            });
            if (measured.containsAll(List.of("cycleTime", "spindleLoad", "coolantTemp"))) {
                machines.add(machine);
            }
        }
        return machines;
    }

    /** The overview as a browser shows it, with every machine's tile (saved for the docs). */
    private static void overviewInTheBrowser(int port, String password, Path dataDir) throws Exception {
        org.openqa.selenium.chrome.ChromeDriver browser = io.plantstream.testkit.browser.HeadlessChromium.start(
                dataDir.resolve("browser"), 1400, 1020);
        try {
            browser.get("http://localhost:" + port + "/login");
            browser.findElement(org.openqa.selenium.By.id("username")).sendKeys("admin");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
            browser.findElement(org.openqa.selenium.By.id("login-button")).click();
            await("all eleven tiles with their OEE").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> browser.findElements(org.openqa.selenium.By.cssSelector(".tile .tile-oee")).stream()
                            .filter(oee -> oee.getText().endsWith("%")).count() == PlantMachines.IDS.size());
            Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("local-plant-overview.png");
            Files.copy(browser.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), shot,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(io.plantstream.testkit.browser.HeadlessChromium.consoleErrors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static List<String> machinesWithStateAndOee(WebSession session) throws Exception {
        List<String> machines = new ArrayList<>();
        for (JsonNode site : EventJson.mapper().readTree(session.get("/api/overview").body())) {
            for (JsonNode line : site.get("lines")) {
                for (JsonNode tile : line.get("machines")) {
                    if (!tile.get("state").asText().equals("UNKNOWN") && tile.get("oee").isObject()) {
                        machines.add(tile.get("machineId").asText());
                    }
                }
            }
        }
        return machines;
    }

    private static void insertOrder(LocalPlant plant) throws Exception {
        try (Connection erp = DriverManager.getConnection(plant.erpDatabase().jdbcUrl(LocalErp.DATABASE),
                plant.erpDatabase().rootUser(), plant.erpDatabase().rootPassword());
             Statement statement = erp.createStatement()) {
            statement.executeUpdate("INSERT INTO production_order (order_no, article, quantity, work_center,"
                    + " ideal_cycle_s, due_date, priority, status) VALUES ('" + ORDER + "', 'E2E-PART', 3, 'M10', 9.0,"
                    + " CURRENT_DATE + INTERVAL 1 DAY, 1, 'RELEASED')");
        }
    }

    private static JsonNode awaitJob(WebSession session, String status, Duration atMost) {
        await("job " + ORDER + " " + status + " in the dashboard").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> status.equals(job(session).path("status").asText()));
        return job(session);
    }

    private static JsonNode job(WebSession session) {
        try {
            JsonNode jobs = EventJson.mapper().readTree(session.get("/api/jobs?site=plant-a&q=" + ORDER).body());
            return jobs.isArray() && jobs.size() == 1 ? jobs.get(0) : EventJson.mapper().createObjectNode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastAnswer(WebSession session) {
        return job(session).path("lastCommand").path("answer").asText();
    }

    private static void command(WebSession planner, String type, String machine) throws Exception {
        HttpResponse<String> response = planner.post("/api/sites/plant-a/jobs/" + ORDER + "/commands",
                "{\"type\":\"" + type + "\"," + (machine == null ? "" : "\"machineId\":\"" + machine + "\",")
                        + "\"requestId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static List<String> confirmationStatuses(LocalPlant plant) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Connection erp = DriverManager.getConnection(plant.erpDatabase().jdbcUrl(LocalErp.DATABASE),
                plant.erpDatabase().rootUser(), plant.erpDatabase().rootPassword());
             Statement statement = erp.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status FROM production_confirmation WHERE order_no = '"
                     + ORDER + "' ORDER BY id")) {
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
        }
        return statuses;
    }
}
