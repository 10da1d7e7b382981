package io.plantstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.config.ConfigSource;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobStatus;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.FreePorts;
import io.plantstream.testkit.kafka.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The local plant starts its edge broker with every catalogue topic, its eleven machines
 * reporting through the collector and taking jobs through their own protocols, the sample ERP whose orders reach job-streams through erp-cdc,
 * and keeps its data across restarts.
 */
class LocalPlantIT {

    @Test
    void startsWithEveryTopicAndKeepsItsDataAcrossARestart() throws Exception {
        Path dataDir = Path.of("target", "local-plant-" + System.nanoTime());
        Map<String, String> settings = Map.of("data.dir", dataDir.toString(),
                "edge.port", Integer.toString(FreePorts.next()), "cloud.port", Integer.toString(FreePorts.next()),
                "query.port", "0", "erp.port", "0", "dashboard.port", "0", "andon", "off");
        AndonCall call = new AndonCall(EventMeta.of("test", Instant.now()), "call-1", "M03", AndonReason.HELP,
                AndonStatus.OPEN, "operator", Instant.now(), null, null);

        try (LocalPlant plant = start(settings)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    plant.edgeBootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Topics.names());
            }
            String token = Files.readString(LocalStreams.tokenFile(dataDir)).strip();
            URI jobs = URI.create("http://localhost:" + plant.queryPort() + "/api/jobs");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(jobs).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("queries need the token").isEqualTo(401);
            HttpRequest withToken = HttpRequest.newBuilder(jobs).header("Authorization", "Bearer " + token).build();
            await("job-streams answers queries").atMost(Duration.ofSeconds(60)).until(() ->
                    http.send(withToken, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            try (KafkaProducer<String, AndonCall> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, plant.edgeBootstrapServers(),
                            ProducerConfig.ACKS_CONFIG, "all"),
                    Topics.ANDON_CALLS.keySerde().serializer(), Topics.ANDON_CALLS.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.ANDON_CALLS.name(), call.machineId(), call))
                        .get(30, TimeUnit.SECONDS);
            }
            assertThat(queuedJobs(plant)).as("every sample order from the ERP became a queued job")
                    .hasSize(LocalErp.SAMPLE_ORDERS);
            Set<String> reporting = new HashSet<>();
            await("every machine reports through the collector").atMost(Duration.ofSeconds(60)).until(() -> {
                TopicReader.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, plant.edgeBootstrapServers()),
                                Topics.MACHINE_STATE.name(), "states-" + System.nanoTime(),
                                Topics.MACHINE_STATE.keySerde().deserializer(),
                                Topics.MACHINE_STATE.valueSerde().deserializer(), Integer.MAX_VALUE, Duration.ofSeconds(2))
                        .forEach(r -> reporting.add(r.key()));
                return reporting.containsAll(PlantMachines.IDS);
            });
            everyMachineTakesAJobThroughItsOwnProtocol(plant);
        }

        try (LocalPlant plant = start(settings)) {
            List<AndonCall> calls = TopicReader.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    plant.edgeBootstrapServers()), Topics.ANDON_CALLS.name(), "local-plant-it",
                    Topics.ANDON_CALLS.keySerde().deserializer(), Topics.ANDON_CALLS.valueSerde().deserializer(), 1,
                    Duration.ofSeconds(30)).stream().map(r -> r.value()).toList();
            assertThat(calls).as("the call written before the restart").containsExactly(call);
            try (Connection erp = DriverManager.getConnection(plant.erpDatabase().jdbcUrl(LocalErp.DATABASE),
                    plant.erpDatabase().rootUser(), plant.erpDatabase().rootPassword());
                    Statement statement = erp.createStatement();
                    ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM production_order")) {
                count.next();
                assertThat(count.getInt(1)).as("the ERP keeps its orders and is not filled twice")
                        .isEqualTo(LocalErp.SAMPLE_ORDERS);
            }
        }
    }

    /**
     * A job dispatched to each machine reaches it the way a real one would (S7 and Modbus job
     * tags, OPC UA variables, the SQL command table, the file inbox): each answers APPLIED and
     * goes into set-up, which the collector reads back from the machine.
     */
    private static void everyMachineTakesAJobThroughItsOwnProtocol(LocalPlant plant) throws Exception {
        Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, plant.edgeBootstrapServers());
        Instant issued = Instant.now();
        try (KafkaProducer<String, JobCommand> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, plant.edgeBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                Topics.JOB_COMMANDS.keySerde().serializer(), Topics.JOB_COMMANDS.valueSerde().serializer())) {
            for (int i = 0; i < PlantMachines.IDS.size(); i++) {
                String machine = PlantMachines.IDS.get(i);
                JobCommand dispatch = new JobCommand(EventMeta.of("local-plant-it", issued), "it-dispatch-" + machine,
                        machine, JobCommandType.DISPATCH, Integer.toString(800001 + i), "local-plant-it", issued,
                        new JobParameters("IT-PART", 5, 10.0, null));
                producer.send(new ProducerRecord<>(Topics.JOB_COMMANDS.name(), Topics.JOB_COMMANDS.keyFor(dispatch),
                        dispatch)).get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, String> answers = new java.util.TreeMap<>();
        Set<String> settingUp = new java.util.TreeSet<>();
        await("every machine's answer to its job and its set-up").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            TopicReader.read(client, Topics.JOB_ACKS.name(), "acks-" + System.nanoTime(),
                            Topics.JOB_ACKS.keySerde().deserializer(), Topics.JOB_ACKS.valueSerde().deserializer(),
                            Integer.MAX_VALUE, Duration.ofSeconds(2)).stream().map(r -> r.value())
                    .filter(ack -> ack.commandId().startsWith("it-dispatch-"))
                    .forEach(ack -> answers.put(ack.machineId(), ack.result() + (ack.reason() == null ? ""
                            : " (" + ack.reason() + ")")));
            TopicReader.read(client, Topics.MACHINE_STATE.name(), "setups-" + System.nanoTime(),
                            Topics.MACHINE_STATE.keySerde().deserializer(), Topics.MACHINE_STATE.valueSerde().deserializer(),
                            Integer.MAX_VALUE, Duration.ofSeconds(2)).stream().map(r -> r.value())
                    .filter(state -> state.state() == MachineStatus.SETUP && !state.meta().eventTime().isBefore(
                            issued.minusSeconds(1)))
                    .forEach(state -> settingUp.add(state.machineId()));
            assertThat(answers).as("answers").containsOnlyKeys(PlantMachines.IDS)
                    .allSatisfy((machine, answer) -> assertThat(answer).as(machine).isEqualTo("APPLIED"));
            assertThat(settingUp).as("machines in set-up").containsExactlyInAnyOrderElementsOf(PlantMachines.IDS);
        });
    }

    private static Set<String> queuedJobs(LocalPlant plant) {
        Set<String> queued = new HashSet<>();
        await("sample orders become jobs").atMost(Duration.ofSeconds(60)).until(() -> {
            TopicReader.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, plant.edgeBootstrapServers()),
                            Topics.JOB_STATE.name(), "jobs-" + System.nanoTime(), Topics.JOB_STATE.keySerde().deserializer(),
                            Topics.JOB_STATE.valueSerde().deserializer(), LocalErp.SAMPLE_ORDERS, Duration.ofSeconds(5))
                    .stream().filter(r -> r.value().status() == JobStatus.QUEUED).forEach(r -> queued.add(r.key()));
            return queued.size() >= LocalErp.SAMPLE_ORDERS;
        });
        return queued;
    }

    private static LocalPlant start(Map<String, String> settings) throws Exception {
        return LocalPlant.start(LocalPlantConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")));
    }
}
