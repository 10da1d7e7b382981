package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.collector.app.CollectorConfig;
import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.erp.app.ErpCdcConfig;
import io.plantstream.events.Application;
import io.plantstream.events.Applications;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.calendar.CalendarLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole plant as {@code kubectl apply -k overlays/plant} applies it: every resource reads
 * strictly, every service runs on settings it knows, every file, ConfigMap, Secret and image it
 * names exists or is made by an operator or the admin, and it all fits the edge's nodes. Each
 * check is also shown to fail, naming file and field, on a defect put in on purpose.
 */
class PlantManifestsTest {
    private static final Map<String, ConfigCatalogue> SERVICES = Map.of("collector", CollectorConfig.CATALOGUE,
            "job-streams", JobStreamsConfig.CATALOGUE, "erp-cdc", ErpCdcConfig.CATALOGUE);
    /** Secrets the admin creates (docs/operations.md tells how); none is committed. */
    static final Set<String> ADMIN_SECRETS = Set.of("job-streams-query-token", "erp-cdc-erp-login",
            "cloud-bridge-cloud-login", "cloud-kafka-ca");
    /** The cluster CA's certificate, which the Cluster Operator keeps. */
    private static final String CLUSTER_CA = "edge-cluster-ca-cert";
    private static final Pattern MACHINE_SECRET = Pattern.compile("collector-[a-z0-9-]+-machine");

    private static final int NODES = 3;
    private static final long NODE_MIB = 4096;
    private static final long NODE_CPU_MILLIS = 4000;
    /** Kept for the OS, the kubelet and the system pods on each node. */
    private static final long RESERVED_MIB = 768;
    private static final long RESERVED_CPU_MILLIS = 500;

    @Test
    void everyResourceReadsStrictly() {
        assertThat(schemaProblems(Plant.load())).isEmpty();
    }

    @Test
    void aTypoInAServiceIsNamedWithFileResourceAndField() throws Exception {
        Plant broken = Plant.load(Map.of("job-streams.yaml", base("job-streams.yaml").replace("  replicas: 2", "  replica: 2"),
                "mirror-maker-2.yaml", overlay("mirror-maker-2.yaml").replaceFirst("topicsPattern:", "topicPattern:")));
        assertThat(schemaProblems(broken)).containsExactlyInAnyOrder(
                "job-streams.yaml document 1 (Deployment job-streams): unknown field spec.[replica]",
                "mirror-maker-2.yaml document 1 (KafkaMirrorMaker2 uplink): unknown field spec.mirrors[0].topicPattern (known: "
                        + "checkpointConnector, groupsExcludePattern, groupsPattern, source, sourceConnector, "
                        + "topicsExcludePattern, topicsPattern)");
    }

    @Test
    void everyServiceRunsOnSettingsItKnows() {
        assertThat(settingProblems(Plant.load())).isEmpty();
    }

    @Test
    void aMisspeltOrMissingSettingIsNamedWithItsDeployment() throws Exception {
        Plant broken = Plant.load(Map.of(
                "job-streams.yaml", base("job-streams.yaml").replace("JOB_STREAMS_STANDBY_REPLICAS", "JOB_STREAMS_STANDBY_REPLICA"),
                "settings.yaml", overlay("settings.yaml").replace("  ERP_CDC_ERP_DB_HOST: erp-db.plant.example.com\n", "")));
        assertThat(settingProblems(broken)).containsExactlyInAnyOrder(
                "job-streams.yaml document 1 (Deployment job-streams), container job-streams: environment variable "
                        + "JOB_STREAMS_STANDBY_REPLICA: unknown setting 'standby.replica' (did you mean 'standby.replicas'?)",
                "erp-cdc.yaml document 1 (Deployment erp-cdc), container erp-cdc: missing required setting 'erp.db.host' "
                        + "(host of the ERP database; environment variable ERP_CDC_ERP_DB_HOST)");
    }

    @Test
    void everyFileAServiceReadsIsMounted() {
        assertThat(unmountedFiles(Plant.load())).isEmpty();
        Plant broken = Plant.load(Map.of("erp-cdc.yaml", base("erp-cdc.yaml")
                .replace("mountPath: /etc/plantstream/erp-login", "mountPath: /etc/plantstream/erp")));
        assertThat(unmountedFiles(broken)).containsExactly(
                "erp-cdc.yaml document 1 (Deployment erp-cdc): ERP_CDC_ERP_CDC_PASSWORD_FILE reads "
                        + "/etc/plantstream/erp-login/cdc-password, which no volume is mounted at",
                "erp-cdc.yaml document 1 (Deployment erp-cdc): ERP_CDC_ERP_WRITER_PASSWORD_FILE reads "
                        + "/etc/plantstream/erp-login/writer-password, which no volume is mounted at");
    }

    @Test
    void theShiftCalendarIsOneJobStreamsCanRead() {
        assertThat(CalendarLoader.load(Plant.OVERLAY.resolve("calendar.yaml")).zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(Plant.kustomization(Plant.OVERLAY).path("configMapGenerator").get(0).path("files").get(0).asText())
                .isEqualTo("calendar.yaml");
    }

    @Test
    void everyConfigMapAndSecretNamedExistsOrIsMadeByAnOperatorOrTheAdmin() {
        assertThat(unknownReferences(Plant.load())).isEmpty();
        Plant broken = Plant.load(Map.of("job-streams.yaml", base("job-streams.yaml")
                .replace("configMap: {name: job-streams-calendar}", "configMap: {name: job-streams-calender}")));
        assertThat(unknownReferences(broken)).containsExactly(
                "job-streams.yaml document 1 (Deployment job-streams): ConfigMap job-streams-calender exists nowhere");
    }

    @Test
    void theRunbookTellsTheAdminToCreateEverySecretTheManifestsExpect() throws Exception {
        String runbook = Files.readString(Manifests.module().getParent().resolve("docs/operations.md"));
        assertThat(ADMIN_SECRETS).allSatisfy(secret -> assertThat(runbook).as(secret).contains("create secret generic "
                + secret));
    }

    @Test
    void noSecretIsCommittedWithItsValue() {
        assertThat(secretsWithValues(Plant.load())).isEmpty();
        Plant broken = Plant.load(Map.of("settings.yaml", overlay("settings.yaml")
                + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: erp-cdc-erp-login\nstringData:\n  cdc-password: x\n"));
        assertThat(secretsWithValues(broken)).containsExactly("settings.yaml document 3 (Secret erp-cdc-erp-login)");
    }

    @Test
    void everyImageIsBuiltByAModuleOfThisProject() throws Exception {
        String version = projectVersion();
        List<String> images = new ArrayList<>();
        for (Manifests.Resource deployment : Plant.load().ofKind("Deployment")) {
            for (JsonNode container : podSpec(deployment).path("containers")) {
                images.add(container.path("image").asText());
            }
        }
        Plant.load().ofKind("KafkaMirrorMaker2").stream().map(r -> r.body().path("spec").path("image"))
                .filter(JsonNode::isTextual).forEach(image -> images.add(image.asText()));
        assertThat(images).hasSizeGreaterThan(5);
        for (String image : new TreeSet<>(images)) {
            Matcher m = Pattern.compile("plantstream/([a-z0-9-]+):(.+)").matcher(image);
            assertThat(m.matches()).as(image).isTrue();
            assertThat(m.group(2)).as(image + " is this version").isEqualTo(version);
            String module = m.group(1).equals("mirror-maker-2") ? "mirror-maker-image" : m.group(1);
            Path pom = Manifests.module().getParent().resolve(module).resolve("pom.xml");
            assertThat(pom).as(image + " has a module").exists();
            String text = Files.readString(pom);
            if (module.equals("mirror-maker-image")) {
                assertThat(text).contains("<image>${image.registry}plantstream/mirror-maker-2:${project.version}</image>");
                continue;
            }
            assertThat(text).as(module + " builds an image").contains("<jib.skip>false</jib.skip>");
            Matcher main = Pattern.compile("<service.main.class>([\\w.]+)</service.main.class>").matcher(text);
            assertThat(main.find()).as(module + " names its main class").isTrue();
            assertThat(pom.getParent().resolve("src/main/java/" + main.group(1).replace('.', '/') + ".java"))
                    .as("main class of " + module).exists();
        }
    }

    @Test
    void everyApplicationPodIsBehindTheDenyIngressPolicy() {
        Plant plant = Plant.load();
        JsonNode deny = plant.find("NetworkPolicy", "plantstream-deny-ingress").orElseThrow().body();
        Set<String> covered = new TreeSet<>();
        deny.path("spec").path("podSelector").path("matchExpressions").get(0).path("values")
                .forEach(v -> covered.add(v.asText()));
        assertThat(deny.path("spec").path("policyTypes").toString()).isEqualTo("[\"Ingress\"]");
        Set<String> apps = plant.ofKind("Deployment").stream()
                .map(d -> d.body().path("spec").path("template").path("metadata").path("labels")
                        .path("app.kubernetes.io/name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).isEqualTo(apps);
    }

    @Test
    void jobStreamsHasAWarmStandbyOnAnotherHostAndErpCdcCapturesOnce() {
        Plant plant = Plant.load();
        JsonNode streams = plant.find("Deployment", "job-streams").orElseThrow().body();
        assertThat(streams.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(env(streams).get("JOB_STREAMS_STANDBY_REPLICAS")).isEqualTo("1");
        assertThat(streams.path("spec").path("template").path("spec").path("affinity").path("podAntiAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").get(0).path("topologyKey").asText())
                .isEqualTo("kubernetes.io/hostname");
        JsonNode budget = plant.find("PodDisruptionBudget", "job-streams").orElseThrow().body();
        assertThat(budget.path("spec").path("minAvailable").asInt()).isEqualTo(1);
        JsonNode cdc = plant.find("Deployment", "erp-cdc").orElseThrow().body();
        assertThat(cdc.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(cdc.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        for (Manifests.Resource deployment : plant.ofKind("Deployment")) {
            JsonNode container = podSpec(deployment).path("containers").get(0);
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(deployment.where())
                    .isEqualTo("/health");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(deployment.where())
                    .isIn("/health", "/ready");
            assertThat(container.path("resources").path("limits").path("memory").isTextual()).as(deployment.where()).isTrue();
        }
    }

    @Test
    void thePlantFitsThreeNodesOfFourGigabytes() {
        List<Footprint.Need> needs = Footprint.of(Plant.load());
        long memory = Footprint.memoryMib(needs);
        long cpu = Footprint.cpuMillis(needs);
        long allocatableMemory = NODES * (NODE_MIB - RESERVED_MIB);
        long allocatableCpu = NODES * (NODE_CPU_MILLIS - RESERVED_CPU_MILLIS);
        System.out.printf(Locale.ROOT, "plant requests %d MiB of %d MiB and %d mCPU of %d mCPU on %d nodes; room for %d "
                + "more collectors%n", memory, allocatableMemory, cpu, allocatableCpu, NODES,
                (allocatableMemory - memory) / collectorMib(Plant.load()));
        assertThat(fitProblems(needs)).isEmpty();

        Plant greedy = Plant.load(Map.of("job-streams.yaml", base("job-streams.yaml")
                .replace("requests: {cpu: 200m, memory: 512Mi}", "requests: {cpu: 200m, memory: 1536Mi}")));
        assertThat(fitProblems(Footprint.of(greedy))).singleElement().asString()
                .startsWith("the plant requests " + (memory + 2048) + " MiB, the nodes have " + allocatableMemory)
                .contains("Deployment job-streams x2: 3072 MiB");
    }

    @Test
    void theCloudBridgeUserReachesEveryTopicAndGroupItsMirrorMakersUse() {
        Application bridge = Applications.CLOUD_BRIDGE;
        Plant plant = Plant.load();
        JsonNode down = plant.find("KafkaMirrorMaker2", "downlink").orElseThrow().body().path("spec").path("target");
        assertThat(down.path("authentication").path("username").asText()).isEqualTo(bridge.name());
        assertThat(down.path("groupId").asText()).startsWith(bridge.groupPrefix());
        for (String topic : List.of("configStorageTopic", "offsetStorageTopic", "statusStorageTopic")) {
            assertThat(down.path(topic).asText()).as(topic).startsWith(bridge.internalPrefix());
        }
        JsonNode up = plant.find("KafkaMirrorMaker2", "uplink").orElseThrow().body().path("spec").path("mirrors").get(0);
        assertThat(up.path("source").path("authentication").path("username").asText()).isEqualTo(bridge.name());
        Set<String> mirrored = Set.of(up.path("topicsPattern").asText().replace("\\.", ".").split(","));
        assertThat(mirrored).isEqualTo(bridge.reads().stream().map(t -> t.name()).collect(Collectors.toSet()));
    }

    // --- the checks, each returning its problems ---

    static List<String> schemaProblems(Plant plant) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource resource : plant.resources()) {
            if (resource.body().path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                problems.addAll(CrdSchemaValidator.forKind(resource.kind()).validate(resource.body(), resource.where()));
            } else {
                problems.addAll(CoreResources.validate(resource.body(), resource.where()));
            }
        }
        return problems;
    }

    /** Each container's environment as the service resolves it, with what ConfigMaps and Secrets would give. */
    static List<String> settingProblems(Plant plant) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource deployment : plant.ofKind("Deployment")) {
            for (JsonNode container : podSpec(deployment).path("containers")) {
                ConfigCatalogue catalogue = SERVICES.get(container.path("name").asText());
                String where = deployment.where() + ", container " + container.path("name").asText();
                if (catalogue == null) {
                    problems.add(where + ": no service of this name");
                    continue;
                }
                Map<String, String> environment = new HashMap<>();
                for (JsonNode from : container.path("envFrom")) {
                    String name = from.path("configMapRef").path("name").asText();
                    plant.find("ConfigMap", name).ifPresent(map -> map.body().path("data").properties()
                            .forEach(e -> environment.put(e.getKey(), e.getValue().asText())));
                }
                for (JsonNode variable : container.path("env")) {
                    environment.put(variable.path("name").asText(), variable.has("value")
                            ? variable.path("value").asText() : placeholder(variable.path("valueFrom")));
                }
                try {
                    catalogue.resolve(new ConfigSource().withEnvironment(catalogue, environment));
                } catch (ConfigException e) {
                    e.problems().forEach(problem -> problems.add(where + ": " + problem));
                }
            }
        }
        return problems;
    }

    /** What a value from elsewhere looks like when it arrives: a Secret's text, a pod's address. */
    private static String placeholder(JsonNode valueFrom) {
        if (valueFrom.has("fieldRef")) {
            return "10.42.0.7";
        }
        return "from-" + valueFrom.findValue("name").asText();
    }

    static List<String> unmountedFiles(Plant plant) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource deployment : plant.ofKind("Deployment")) {
            for (JsonNode container : podSpec(deployment).path("containers")) {
                List<String> mounts = new ArrayList<>();
                container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText() + "/"));
                for (JsonNode variable : container.path("env")) {
                    String name = variable.path("name").asText();
                    String value = variable.path("value").asText();
                    boolean file = name.endsWith("_FILE") || name.endsWith("_LOCATION") || name.endsWith("_MACHINES")
                            || name.endsWith("_DIR");
                    if (file && value.startsWith("/") && mounts.stream().noneMatch(value::startsWith)
                            && !mounts.contains(value + "/")) {
                        problems.add(deployment.where() + ": " + name + " reads " + value
                                + ", which no volume is mounted at");
                    }
                }
            }
        }
        return problems;
    }

    static List<String> unknownReferences(Plant plant) {
        Set<String> userSecrets = plant.ofKind("KafkaUser").stream().map(Manifests.Resource::name).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource deployment : plant.ofKind("Deployment")) {
            JsonNode pod = podSpec(deployment);
            List<JsonNode> configMaps = new ArrayList<>(pod.findValues("configMapRef"));
            configMaps.addAll(pod.findValues("configMapKeyRef"));
            pod.path("volumes").forEach(v -> {
                if (v.has("configMap")) {
                    configMaps.add(v.path("configMap"));
                }
            });
            for (JsonNode ref : configMaps) {
                String name = ref.path("name").asText();
                if (!plant.hasConfigMap(name) && !ref.path("optional").asBoolean(false)) {
                    problems.add(deployment.where() + ": ConfigMap " + name + " exists nowhere");
                }
            }
            List<String> secrets = new ArrayList<>();
            pod.findValues("secretKeyRef").forEach(ref -> secrets.add(ref.path("name").asText()));
            pod.path("volumes").forEach(v -> {
                if (v.has("secret") && !v.path("secret").path("optional").asBoolean(false)) {
                    secrets.add(v.path("secret").path("secretName").asText());
                }
            });
            for (String secret : secrets) {
                if (!userSecrets.contains(secret) && !secret.equals(CLUSTER_CA) && !ADMIN_SECRETS.contains(secret)
                        && !MACHINE_SECRET.matcher(secret).matches()) {
                    problems.add(deployment.where() + ": Secret " + secret + " is made neither by an operator nor by the admin");
                }
            }
        }
        for (Manifests.Resource mirror : plant.ofKind("KafkaMirrorMaker2")) {
            for (JsonNode secretName : mirror.body().findValues("secretName")) {
                String secret = secretName.asText();
                if (!userSecrets.contains(secret) && !secret.equals(CLUSTER_CA) && !ADMIN_SECRETS.contains(secret)) {
                    problems.add(mirror.where() + ": Secret " + secret + " is made neither by an operator nor by the admin");
                }
            }
        }
        return problems;
    }

    static List<String> secretsWithValues(Plant plant) {
        return plant.ofKind("Secret").stream()
                .filter(s -> s.body().has("data") || s.body().has("stringData"))
                .map(Manifests.Resource::where).toList();
    }

    static List<String> fitProblems(List<Footprint.Need> needs) {
        long memory = Footprint.memoryMib(needs);
        long cpu = Footprint.cpuMillis(needs);
        long allocatableMemory = NODES * (NODE_MIB - RESERVED_MIB);
        long allocatableCpu = NODES * (NODE_CPU_MILLIS - RESERVED_CPU_MILLIS);
        List<String> problems = new ArrayList<>();
        String detail = needs.stream().map(n -> n.what() + ": " + n.memoryMib() + " MiB, " + n.cpuMillis() + " mCPU")
                .collect(Collectors.joining("; "));
        if (memory > allocatableMemory) {
            problems.add("the plant requests " + memory + " MiB, the nodes have " + allocatableMemory + " MiB (" + detail + ")");
        }
        if (cpu > allocatableCpu) {
            problems.add("the plant requests " + cpu + " mCPU, the nodes have " + allocatableCpu + " mCPU (" + detail + ")");
        }
        return problems;
    }

    private static long collectorMib(Plant plant) {
        return plant.ofKind("Deployment").stream().filter(d -> d.name().startsWith("collector-")).findFirst()
                .map(d -> ClusterManifestsTest.mebibytes(podSpec(d).path("containers").get(0).path("resources")
                        .path("requests").path("memory").asText()))
                .orElseThrow();
    }

    private static Map<String, String> env(JsonNode deployment) {
        Map<String, String> env = new HashMap<>();
        deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                .forEach(v -> env.put(v.path("name").asText(), v.path("value").asText()));
        return env;
    }

    private static JsonNode podSpec(Manifests.Resource deployment) {
        return deployment.body().path("spec").path("template").path("spec");
    }

    private static String base(String file) {
        return read(Plant.BASE.resolve(file));
    }

    private static String overlay(String file) {
        return read(Plant.OVERLAY.resolve(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String projectVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>plantstream-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Manifests.module().getParent().resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
