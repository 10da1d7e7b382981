package io.plantstream.dashboard;

import io.plantstream.config.Config;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.dashboard.feed.CloudAdmin;
import io.plantstream.dashboard.feed.CloudFeed;
import io.plantstream.dashboard.feed.DashboardTopics;
import io.plantstream.dashboard.jobs.CommandService;
import io.plantstream.dashboard.live.LiveUpdates;
import io.plantstream.dashboard.users.AuditEntry;
import io.plantstream.dashboard.users.AuditTrail;
import io.plantstream.dashboard.users.LoginThrottle;
import io.plantstream.dashboard.users.UserDirectory;
import io.plantstream.dashboard.view.PlantLayout;
import io.plantstream.dashboard.view.ParameterHistory;
import io.plantstream.dashboard.view.PlantView;
import io.plantstream.dashboard.web.SecurityConfig;
import io.plantstream.events.JobCommand;
import io.plantstream.events.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The dashboard's composition root: every service built once from the validated configuration
 * (registered as the bean {@code dashboardConfig} by {@link DashboardServer}); the web layer
 * (package {@code web}) only uses them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = SecurityConfig.class)
public class DashboardApplication {

    /** Client settings of the cloud Kafka, as a bean of its own type (Spring treats plain maps as bean maps). */
    public record CloudKafka(Map<String, Object> properties) {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CloudKafka cloudKafka(Config dashboardConfig) {
        CloudKafka kafka = new CloudKafka(Map.copyOf(KafkaClientSettings.clientProperties(dashboardConfig)));
        new CloudAdmin(kafka.properties(), dashboardConfig.get(DashboardConfig.REPLICATION)).ensureDashboardTopics();
        return kafka;
    }

    @Bean
    PlantView plantView(Config dashboardConfig, Clock clock) {
        String layout = dashboardConfig.get(DashboardConfig.LAYOUT);
        return new PlantView(layout.isBlank() ? PlantLayout.empty() : PlantLayout.read(Path.of(layout)),
                java.time.Duration.ofDays(dashboardConfig.get(DashboardConfig.HISTORY_DAYS)),
                dashboardConfig.get(DashboardConfig.STALE_AFTER), clock);
    }

    @Bean(destroyMethod = "close")
    LiveUpdates liveUpdates(PlantView plantView) {
        return new LiveUpdates(plantView);
    }

    @Bean
    ParameterHistory parameterHistory(Clock clock) {
        return new ParameterHistory(clock);
    }

    @Bean(destroyMethod = "close")
    CloudFeed cloudFeed(CloudKafka cloudKafka, PlantView plantView, ParameterHistory parameterHistory,
            LiveUpdates liveUpdates) {
        return new CloudFeed(cloudKafka.properties(), plantView, parameterHistory, liveUpdates::changed).start();
    }

    @Bean(destroyMethod = "close")
    AuditTrail auditTrail(CloudKafka cloudKafka, Clock clock) {
        return new AuditTrail(cloudKafka.properties(), clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean(destroyMethod = "close")
    UserDirectory userDirectory(Config dashboardConfig, CloudKafka cloudKafka, PasswordEncoder passwordEncoder,
            AuditTrail auditTrail, Clock clock) {
        UserDirectory users = new UserDirectory(cloudKafka.properties(), passwordEncoder, auditTrail, clock).start();
        String file = dashboardConfig.get(DashboardConfig.ADMIN_PASSWORD_FILE);
        String given = file.isBlank() ? null : readSecret(Path.of(file));
        String generated = users.ensureAdmin(given);
        if (generated != null) {
            FirstStart.show(UserDirectory.FIRST_ADMIN, generated);
        }
        return users;
    }

    @Bean
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }

    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<String, Object> commandProducers(CloudKafka cloudKafka) {
        Map<String, Object> props = new HashMap<>(cloudKafka.properties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<Class<?>, Serializer<?>> byType = Map.of(
                JobCommand.class, Topics.JOB_COMMANDS.valueSerde().serializer(),
                AuditEntry.class, DashboardTopics.AUDIT.valueSerde().serializer());
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(props,
                new StringSerializer(), new DelegatingByTypeSerializer(byType));
        factory.setTransactionIdPrefix("cloud-dashboard-" + UUID.randomUUID() + "-");
        return factory;
    }

    @Bean
    KafkaTemplate<String, Object> commandTemplate(DefaultKafkaProducerFactory<String, Object> commandProducers) {
        return new KafkaTemplate<>(commandProducers);
    }

    @Bean
    CommandService commandService(PlantView plantView, KafkaTemplate<String, Object> commandTemplate,
            AuditTrail auditTrail, Config dashboardConfig, CloudKafka cloudKafka, Clock clock) {
        CloudAdmin admin = new CloudAdmin(cloudKafka.properties(), dashboardConfig.get(DashboardConfig.REPLICATION));
        return new CommandService(plantView, commandTemplate, auditTrail, admin::ensureCommandTopic, clock);
    }

    private static String readSecret(Path file) {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
