package io.plantstream.testkit.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/** SCRAM users and ACLs on a secured {@link EmbeddedKafkaCluster}. */
public final class KafkaUsers {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ITERATIONS = 8192;

    private final EmbeddedKafkaCluster cluster;

    public KafkaUsers(EmbeddedKafkaCluster cluster) {
        if (!cluster.isSecured()) {
            throw new IllegalArgumentException("users and ACLs need a secured cluster");
        }
        this.cluster = cluster;
    }

    /** Creates (or changes) a SCRAM-SHA-512 user; returns once that user can log in. */
    public void createUser(String user, String password) throws InterruptedException {
        try (Admin admin = cluster.admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka user " + user + ": " + e.getMessage(), e);
        }
        awaitLogin(user, password);
    }

    /** Adds ACLs and returns once the broker enforces them. */
    public void grant(Collection<AclBinding> acls) throws InterruptedException {
        try (Admin admin = cluster.admin()) {
            admin.createAcls(acls).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ACLs not visible within " + TIMEOUT.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create ACLs: " + e.getMessage(), e);
        }
    }

    private void awaitLogin(String user, String password) throws InterruptedException {
        Map<String, Object> props = cluster.clientProperties(user, password);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("user " + user + " cannot log in: " + e.getCause().getMessage(),
                                e.getCause());
                    }
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("user " + user + " cannot log in within the timeout", e);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }
}
