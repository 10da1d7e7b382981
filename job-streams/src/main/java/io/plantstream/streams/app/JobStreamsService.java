package io.plantstream.streams.app;

import io.plantstream.config.Config;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.events.Topics;
import io.plantstream.streams.calendar.CalendarLoader;
import io.plantstream.streams.calendar.ShiftCalendar;
import io.plantstream.streams.jobs.JobSettings;
import io.plantstream.streams.jobs.JobTopology;
import io.plantstream.streams.oee.OeeSettings;
import io.plantstream.streams.oee.LiveFigures;
import io.plantstream.streams.oee.OeeTopology;
import io.plantstream.streams.parameters.ParameterSettings;
import io.plantstream.streams.parameters.ParameterTopology;
import io.plantstream.streams.support.InputFrontier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the OEE and job applications (exactly-once v2) and the query server.
 * Everything is built from validated configuration before anything connects.
 */
public final class JobStreamsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobStreamsService.class);
    /** How often the end offsets of the OEE stream's state and count topics are listed. */
    private static final Duration FRONTIER_INTERVAL = Duration.ofSeconds(1);

    private final KafkaStreams oee;
    private final KafkaStreams jobs;
    private final KafkaStreams parameters;
    private final QueryServer queries;
    private final InputFrontier frontier;

    private JobStreamsService(KafkaStreams oee, KafkaStreams jobs, KafkaStreams parameters, QueryServer queries,
            InputFrontier frontier) {
        this.oee = oee;
        this.jobs = jobs;
        this.parameters = parameters;
        this.queries = queries;
        this.frontier = frontier;
    }

    public static JobStreamsService start(Config config) {
        ShiftCalendar calendar = CalendarLoader.load(config.get(JobStreamsConfig.CALENDAR));
        OeeSettings oeeSettings = oeeSettings(config, calendar);
        Map<String, Object> client = KafkaClientSettings.clientProperties(config);
        LiveFigures live = new LiveFigures();
        QueryServer queries = QueryServer.create(config.get(JobStreamsConfig.HTTP_PORT),
                config.get(JobStreamsConfig.HTTP_HOST), config.get(JobStreamsConfig.HTTP_TOKEN), oeeSettings, live);
        String endpoint = config.get(JobStreamsConfig.HTTP_HOST) + ":" + queries.port();
        InputFrontier frontier = InputFrontier.listing(client, List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS),
                FRONTIER_INTERVAL);
        KafkaStreams oee = new KafkaStreams(OeeTopology.build(oeeSettings, live, frontier),
                properties(config, client, "oee", endpoint));
        KafkaStreams jobs = new KafkaStreams(JobTopology.build(jobSettings(config)),
                properties(config, client, "jobs", endpoint));
        KafkaStreams parameters = new KafkaStreams(ParameterTopology.build(parameterSettings(config, oeeSettings)),
                properties(config, client, "parameters", endpoint));
        for (KafkaStreams app : new KafkaStreams[] {oee, jobs, parameters}) {
            app.setUncaughtExceptionHandler(e -> {
                LOG.error("Stream thread failed; replacing it", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                        .REPLACE_THREAD;
            });
        }
        queries.attach(oee, jobs, parameters);
        oee.start();
        jobs.start();
        parameters.start();
        queries.start();
        LOG.info("job-streams started; queries on port {}", queries.port());
        return new JobStreamsService(oee, jobs, parameters, queries, frontier);
    }

    static OeeSettings oeeSettings(Config config, ShiftCalendar calendar) {
        Map<String, Long> idealCycles = new java.util.HashMap<>();
        config.get(JobStreamsConfig.IDEAL_CYCLES).forEach((machine, cycle) -> idealCycles.put(machine, cycle.toNanos() / 1000));
        return new OeeSettings("job-streams", calendar, idealCycles,
                config.get(JobStreamsConfig.IDEAL_CYCLE).toNanos() / 1000, config.get(JobStreamsConfig.SILENCE),
                config.get(JobStreamsConfig.GRACE), config.get(JobStreamsConfig.LIVE_INTERVAL),
                config.get(JobStreamsConfig.IDLE_AFTER), config.get(JobStreamsConfig.DOWN_ALERT),
                config.get(JobStreamsConfig.OEE_ALERT_PERCENT) / 100.0, config.get(JobStreamsConfig.OEE_ALERT_MIN_PLANNED),
                config.get(JobStreamsConfig.INPUT_WAIT));
    }

    static ParameterSettings parameterSettings(Config config, OeeSettings oee) {
        return new ParameterSettings("job-streams", oee.calendar().zone(), config.get(JobStreamsConfig.PARAMETER_GRACE),
                config.get(JobStreamsConfig.PARAMETER_IDLE_CLOSE), config.get(JobStreamsConfig.PARAMETER_LEARN_MINUTES),
                config.get(JobStreamsConfig.CYCLE_TOLERANCE_PERCENT) / 100.0, oee.idealCycleMicros(),
                oee.defaultIdealCycleMicros());
    }

    static JobSettings jobSettings(Config config) {
        return new JobSettings("job-streams", Duration.ofMinutes(1), config.get(JobStreamsConfig.JOB_PROGRESS),
                JobSettings.KEEP_FINISHED, config.get(JobStreamsConfig.JOB_COUNT_BATCH));
    }

    static Properties properties(Config config, Map<String, Object> client, String app, String endpoint) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(JobStreamsConfig.APPLICATION_ID) + "-" + app);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.get(JobStreamsConfig.STATE_DIR).resolve(app).toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(JobStreamsConfig.REPLICATION));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.get(JobStreamsConfig.STANDBYS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.get(JobStreamsConfig.THREADS));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Event time across a machine's topics: records already on the brokers are always read
        // in time order (a task waits for a partition it has not fetched yet); a partition that is
        // caught up is waited for this long for its producer to deliver more before the task goes
        // on with the others (a collector writes states and counts a few milliseconds apart).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.get(JobStreamsConfig.ALIGN_WAIT).toMillis());
        props.put(StreamsConfig.topicPrefix("min.insync.replicas"),
                Math.max(1, config.get(JobStreamsConfig.REPLICATION) - 1));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        long failover = config.get(JobStreamsConfig.FAILOVER_AFTER).toMillis();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) failover);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(500, failover / 4));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return props;
    }

    public QueryServer queries() {
        return queries;
    }

    public boolean isRunning() {
        return oee.state() == KafkaStreams.State.RUNNING && jobs.state() == KafkaStreams.State.RUNNING
                && parameters.state() == KafkaStreams.State.RUNNING;
    }

    /**
     * Stops processing in the three applications and keeps them members of their groups with
     * their state (a paused instance holds its partitions); {@link #resume()} goes on where they
     * stopped.
     */
    public void pause() {
        oee.pause();
        jobs.pause();
        parameters.pause();
    }

    public void resume() {
        oee.resume();
        jobs.resume();
        parameters.resume();
    }

    @Override
    public void close() {
        queries.close();
        oee.close(Duration.ofSeconds(30));
        jobs.close(Duration.ofSeconds(30));
        parameters.close(Duration.ofSeconds(30));
        frontier.close();
    }
}
