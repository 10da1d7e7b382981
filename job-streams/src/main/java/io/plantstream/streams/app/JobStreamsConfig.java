package io.plantstream.streams.app;

import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings of the job-streams service (environment prefix JOB_STREAMS_). */
public final class JobStreamsConfig {
    public static final Setting<String> APPLICATION_ID = Setting.text("application.id", "plantstream",
            "prefix of the Kafka Streams application ids (-oee, -jobs) and their internal topics");
    public static final Setting<Path> STATE_DIR = Setting.path("state.dir", Path.of("/var/lib/plantstream/streams"),
            "where Kafka Streams keeps local state");
    public static final Setting<Path> CALENDAR = Setting.path("calendar.file", null, "shift calendar (YAML)");
    public static final Setting<Duration> IDEAL_CYCLE = Setting.duration("oee.default.ideal.cycle", Duration.ofSeconds(1),
            "ideal cycle time of a machine when no job gives one and oee.ideal.cycles does not name it");
    public static final Setting<java.util.Map<String, Duration>> IDEAL_CYCLES = new Setting<>("oee.ideal.cycles",
            "machine=duration,... (e.g. M01=12500ms,M02=40s)", JobStreamsConfig::idealCycles, java.util.Map.of(),
            "each machine's own ideal cycle time when no job gives one", false);
    public static final Setting<Duration> SILENCE = Setting.duration("oee.silence.timeout", Duration.ofSeconds(60),
            "a machine unheard for longer is OFFLINE from its last signal on");
    public static final Setting<Duration> GRACE = Setting.duration("oee.grace", Duration.ofMinutes(5),
            "how long after a window's end late events still correct it");
    public static final Setting<Duration> LIVE_INTERVAL = Setting.duration("oee.live.interval", Duration.ofSeconds(1),
            "how often live OEE is published per machine (0s: on every event)");
    public static final Setting<Duration> IDLE_AFTER = Setting.duration("oee.idle.after", Duration.ofSeconds(30),
            "with no input for this long, the wall clock moves OEE time on");
    public static final Setting<Duration> INPUT_WAIT = Setting.duration("oee.input.wait", Duration.ofSeconds(30),
            "shifts and hours close only once both a machine's state and count topics are past them; a topic that "
            + "delivers nothing for this long (no parts made, say) stops holding them back. Longer than a broker "
            + "fail-over, so a topic held up by one cannot let a shift close before its counts arrive");
    public static final Setting<Duration> DOWN_ALERT = Setting.duration("alert.down.after", Duration.ofMinutes(10),
            "a machine DOWN for longer raises an alert");
    public static final Setting<Integer> OEE_ALERT_PERCENT = Setting.integer("alert.oee.below.percent", 60, 0, 100,
            "live shift OEE under this raises an alert");
    public static final Setting<Duration> OEE_ALERT_MIN_PLANNED = Setting.duration("alert.oee.min.planned",
            Duration.ofMinutes(30), "planned time a shift needs before its OEE can raise an alert");
    public static final Setting<Duration> JOB_PROGRESS = Setting.duration("job.progress.interval",
            Duration.ofSeconds(1), "a job's progress is published at most this often (status changes at once)");
    public static final Setting<Duration> JOB_COUNT_BATCH = Setting.duration("job.count.batch",
            Duration.ofMillis(200), "a machine's count reports are summed per job over this long before they reach "
            + "the job state machine (0s: each report on its own); under load it spares a repartition per report");
    public static final Setting<Duration> PARAMETER_GRACE = Setting.duration("parameters.grace", Duration.ofSeconds(10),
            "a parameter's minute is published once its machine's samples are this far past its end");
    public static final Setting<Duration> PARAMETER_IDLE_CLOSE = Setting.duration("parameters.idle.close",
            Duration.ofMinutes(5), "a machine without telemetry for this long has its open minutes published");
    public static final Setting<Integer> PARAMETER_LEARN_MINUTES = Setting.integer("parameters.learn.minutes", 20, 2,
            1440, "without declared control limits, centre line and sigma come from this many first minutes");
    public static final Setting<Integer> CYCLE_TOLERANCE_PERCENT = Setting.integer("alert.cycle.tolerance.percent", 10,
            0, 1000, "a one-minute cycle time this much above the job's ideal cycle time raises an alert");
    public static final Setting<Integer> REPLICATION = Setting.integer("replication.factor", 3, 1, 5,
            "replication of internal topics (1 for a single broker)");
    public static final Setting<Integer> STANDBYS = Setting.integer("standby.replicas", 1, 0, 3,
            "warm copies of each store on other instances, for fast fail-over");
    public static final Setting<Duration> FAILOVER_AFTER = Setting.duration("failover.after", Duration.ofSeconds(10),
            "an instance unheard for this long is dead: its work moves to the others (Kafka session timeout)");
    public static final Setting<Duration> ALIGN_WAIT = Setting.duration("align.wait", Duration.ofSeconds(2),
            "how long a machine's task waits for records on one of its topics when another has some (Kafka "
            + "Streams' max.task.idle.ms): it keeps states and counts in event-time order when their producer "
            + "delivers them a little apart; each wait delays the live figures by up to this long");
    public static final Setting<Integer> THREADS = Setting.integer("stream.threads", 1, 1, 16,
            "stream threads per application");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 8081, 0, 65535,
            "port of the query and health endpoints (0: any free port)");
    public static final Setting<String> HTTP_HOST = Setting.text("http.advertised.host", "localhost",
            "host name other instances reach this one by, for forwarded queries");
    public static final Setting<String> HTTP_TOKEN = Setting.secret("http.token",
            "bearer token required by the query endpoints (role reader)");

    public static final ConfigCatalogue CATALOGUE = new ConfigCatalogue("job-streams", "JOB_STREAMS_", settings());

    private JobStreamsConfig() {
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(KafkaClientSettings.ALL);
        all.addAll(List.of(APPLICATION_ID, STATE_DIR, CALENDAR, IDEAL_CYCLE, IDEAL_CYCLES, SILENCE, GRACE, LIVE_INTERVAL, IDLE_AFTER,
                INPUT_WAIT, DOWN_ALERT, OEE_ALERT_PERCENT, OEE_ALERT_MIN_PLANNED, JOB_PROGRESS, JOB_COUNT_BATCH, PARAMETER_GRACE, PARAMETER_IDLE_CLOSE,
                PARAMETER_LEARN_MINUTES, CYCLE_TOLERANCE_PERCENT, REPLICATION, STANDBYS, FAILOVER_AFTER, ALIGN_WAIT, THREADS, HTTP_PORT,
                HTTP_HOST, HTTP_TOKEN));
        return all;
    }

    /** {@code M01=12500ms,M02=40s}: every entry a machine id and a positive duration. */
    static java.util.Map<String, Duration> idealCycles(String text) {
        java.util.Map<String, Duration> cycles = new java.util.LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not machine=duration");
            }
            String machine = entry.substring(0, eq).strip();
            Duration cycle = io.plantstream.config.Durations.parse(entry.substring(eq + 1).strip());
            if (cycle.isZero() || cycle.isNegative()) {
                throw new IllegalArgumentException("the ideal cycle of " + machine + " must be positive");
            }
            if (cycles.put(machine, cycle) != null) {
                throw new IllegalArgumentException(machine + " is named twice");
            }
        }
        return java.util.Map.copyOf(cycles);
    }
}
