package io.plantstream.dashboard.users;

import io.plantstream.dashboard.feed.DashboardTopics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The dashboard's accounts, kept on a compacted topic in the cloud Kafka so that every dashboard
 * instance knows them and a restart loses none. Passwords are stored only as Argon2id hashes.
 * There is no default account: the first admin's password comes from a secret, or is generated
 * and shown once.
 */
public final class UserDirectory implements UserDetailsService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final String FIRST_ADMIN = "admin";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final TopicPartition PARTITION = new TopicPartition(DashboardTopics.USERS.name(), 0);

    /** An account as the admin page shows it: no hash. */
    public record Account(String username, Role role, boolean enabled, String changedBy, java.time.Instant changedAt) {
    }

    private final Map<String, DashboardUser> users = new ConcurrentHashMap<>();
    private final KafkaProducer<String, DashboardUser> producer;
    private final KafkaConsumer<String, DashboardUser> follower;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    public UserDirectory(Map<String, Object> kafka, PasswordEncoder encoder, AuditTrail audit, Clock clock) {
        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                DashboardTopics.USERS.valueSerde().serializer());
        Map<String, Object> consumerProps = new HashMap<>(kafka);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.follower = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                DashboardTopics.USERS.valueSerde().deserializer());
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.thread = new Thread(this::follow, "user-directory");
    }

    /** Reads every account there is, then follows changes made by other instances. */
    public UserDirectory start() {
        follower.assign(List.of(PARTITION));
        follower.seekToBeginning(List.of(PARTITION));
        long end = follower.endOffsets(List.of(PARTITION), LOAD_TIMEOUT).get(PARTITION);
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (follower.position(PARTITION, LOAD_TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the accounts could not be read within " + LOAD_TIMEOUT.toSeconds() + " s");
            }
            pollOnce();
        }
        LOG.info("{} dashboard account(s) loaded", users.size());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Makes sure an enabled admin exists. Without one, creates {@value #FIRST_ADMIN} with the given
     * password, or with a generated one; returns the generated password (to be shown once), or
     * null when none was generated.
     */
    public String ensureAdmin(String givenPassword) {
        boolean adminExists = users.values().stream().anyMatch(u -> u.enabled() && u.role() == Role.ADMIN);
        if (adminExists) {
            return null;
        }
        String password = givenPassword == null || givenPassword.isBlank() ? generatePassword() : givenPassword;
        checkPassword(FIRST_ADMIN, password);
        write(new DashboardUser(FIRST_ADMIN, Role.ADMIN, encoder.encode(password), true, "first-start",
                clock.instant()));
        audit.record(audit.entry("first-start", "CREATE_USER", "CREATED", null, FIRST_ADMIN, "role ADMIN"));
        return givenPassword == null || givenPassword.isBlank() ? password : null;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        DashboardUser user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(user.username()).password(user.passwordHash()).authorities(user.role().authority())
                .disabled(!user.enabled()).build();
    }

    public List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        users.values().forEach(u -> accounts.add(new Account(u.username(), u.role(), u.enabled(), u.changedBy(),
                u.changedAt())));
        accounts.sort(Comparator.comparing(Account::username));
        return accounts;
    }

    public void create(String actor, String username, Role role, String password) {
        if (users.containsKey(username)) {
            throw new IllegalArgumentException("user '" + username + "' exists already");
        }
        checkPassword(username, password);
        DashboardUser user = new DashboardUser(username, role, encoder.encode(password), true, actor, clock.instant());
        audit.record(audit.entry(actor, "CREATE_USER", "CREATED", null, username, "role " + role));
        write(user);
    }

    /** Changes role, enabled flag and/or password (nulls leave them); the last enabled admin stays one. */
    public void change(String actor, String username, Role role, Boolean enabled, String password) {
        DashboardUser user = users.get(username);
        if (user == null) {
            throw new NoSuchElementException("no user '" + username + "'");
        }
        Role newRole = role == null ? user.role() : role;
        boolean newEnabled = enabled == null ? user.enabled() : enabled;
        boolean lastAdmin = user.role() == Role.ADMIN && user.enabled() && users.values().stream()
                .filter(u -> u.enabled() && u.role() == Role.ADMIN).count() == 1;
        if (lastAdmin && (newRole != Role.ADMIN || !newEnabled)) {
            throw new IllegalArgumentException("'" + username + "' is the last enabled admin and stays one");
        }
        String hash = user.passwordHash();
        if (password != null) {
            checkPassword(username, password);
            hash = encoder.encode(password);
        }
        List<String> what = new ArrayList<>();
        if (newRole != user.role()) {
            what.add("role " + user.role() + " -> " + newRole);
        }
        if (newEnabled != user.enabled()) {
            what.add(newEnabled ? "enabled" : "disabled");
        }
        if (password != null) {
            what.add("password set");
        }
        audit.record(audit.entry(actor, "CHANGE_USER", "CHANGED", null, username, String.join(", ", what)));
        write(new DashboardUser(username, newRole, hash, newEnabled, actor, clock.instant()));
    }

    private static void checkPassword(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 200 || password.equalsIgnoreCase(username)) {
            throw new IllegalArgumentException("that password is not allowed");
        }
    }

    private static String generatePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private void write(DashboardUser user) {
        try {
            producer.send(new ProducerRecord<>(DashboardTopics.USERS.name(), user.username(), user))
                    .get(15, TimeUnit.SECONDS);
            users.put(user.username(), user);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the account", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the account cannot be saved: " + e.getMessage(), e);
        }
    }

    private void follow() {
        while (running) {
            try {
                pollOnce();
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                LOG.warn("Following the accounts failed: {}; retrying", e.getMessage());
            }
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, DashboardUser> record : follower.poll(Duration.ofMillis(500))) {
                if (record.value() == null) {
                    users.remove(record.key());
                } else {
                    users.put(record.key(), record.value());
                }
            }
        } catch (RecordDeserializationException unreadable) {
            LOG.warn("Account record at offset {} cannot be read and is left out: {}", unreadable.offset(),
                    unreadable.getMessage());
            follower.seek(unreadable.topicPartition(), unreadable.offset() + 1);
        }
    }

    @Override
    public void close() {
        running = false;
        follower.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }
}
