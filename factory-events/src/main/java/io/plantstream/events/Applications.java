package io.plantstream.events;

import java.util.ArrayList;
import java.util.List;

/** Every application on the edge Kafka and the topics it reads and writes: the source of its ACLs. */
public final class Applications {

    /**
     * A machine collector: machine data out, job commands in, acknowledgements out; it reads its
     * machines' last published counts back when it starts on a node without their local state.
     */
    public static final Application COLLECTOR = new Application("collector",
            List.of(Topics.JOB_COMMANDS, Topics.MACHINE_COUNTS),
            plus(List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.MACHINE_TELEMETRY, Topics.MACHINE_ALARMS,
                    Topics.JOB_ACKS, Topics.MACHINE_PARAMETERS), deadLettersOf(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.MACHINE_TELEMETRY,
                    Topics.MACHINE_ALARMS, Topics.JOB_ACKS, Topics.JOB_COMMANDS)),
            "collector-", null);

    /**
     * job-streams: OEE, job state and alerts from machine events, orders, commands and
     * acknowledgements; parameter aggregates and process alerts from telemetry.
     */
    public static final Application JOB_STREAMS = new Application("job-streams",
            List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.JOB_COMMANDS, Topics.JOB_ACKS,
                    Topics.ERP_ORDERS, Topics.MACHINE_TELEMETRY, Topics.MACHINE_PARAMETERS),
            plus(List.of(Topics.OEE, Topics.ALERTS, Topics.JOB_STATE, Topics.PARAMETER_STATS_MINUTE,
                    Topics.PARAMETER_STATS_HOUR), deadLettersOf(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS,
                    Topics.JOB_COMMANDS, Topics.JOB_ACKS, Topics.ERP_ORDERS, Topics.MACHINE_TELEMETRY,
                    Topics.MACHINE_PARAMETERS)),
            "plantstream-", "plantstream-");

    /** erp-cdc: production orders in from the ERP, job states back out as confirmations. */
    public static final Application ERP_CDC = new Application("erp-cdc",
            List.of(Topics.JOB_STATE),
            plus(List.of(Topics.ERP_ORDERS), deadLettersOf(Topics.ERP_ORDERS, Topics.JOB_STATE)),
            "erp-cdc", "erp-cdc");

    /** The Andon board: reads the live picture, writes operators' calls. */
    public static final Application ANDON = new Application("andon",
            List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.MACHINE_ALARMS, Topics.OEE, Topics.JOB_STATE,
                    Topics.ALERTS, Topics.ANDON_CALLS),
            List.of(Topics.ANDON_CALLS),
            "andon-", null);

    /**
     * MirrorMaker 2 at the edge: reads what the cloud sees (with the topics' settings, and the
     * positions of consumer groups outside the platform), writes job commands issued in the cloud;
     * its internal topics (offset syncs, the downlink worker's storage, heartbeats) start with mm2-.
     */
    public static final Application CLOUD_BRIDGE = new Application("cloud-bridge",
            List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.MACHINE_ALARMS, Topics.OEE, Topics.JOB_STATE,
                    Topics.ALERTS, Topics.ANDON_CALLS, Topics.JOB_ACKS, Topics.PARAMETER_STATS_MINUTE,
                    Topics.PARAMETER_STATS_HOUR, Topics.MACHINE_PARAMETERS),
            List.of(Topics.JOB_COMMANDS),
            "cloud-bridge", "mm2-", true);

    private static final List<Application> ALL = List.of(COLLECTOR, JOB_STREAMS, ERP_CDC, ANDON, CLOUD_BRIDGE);

    private Applications() {
    }

    public static List<Application> all() {
        return ALL;
    }

    private static List<Topic<?, ?>> deadLettersOf(Topic<?, ?>... topics) {
        List<Topic<?, ?>> deadLetters = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            deadLetters.add(topic.deadLetter());
        }
        return deadLetters;
    }

    private static List<Topic<?, ?>> plus(List<Topic<?, ?>> first, List<Topic<?, ?>> second) {
        List<Topic<?, ?>> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
