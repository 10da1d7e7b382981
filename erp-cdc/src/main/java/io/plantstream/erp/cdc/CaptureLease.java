package io.plantstream.erp.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure only one capture runs against an ERP database: a named lock in the database itself
 * ({@code GET_LOCK}), held by a session of this process. A second instance waits for the lock;
 * when the first dies, the database ends its session, frees the lock, and the second takes
 * over from the stored position. A holder that loses its session (network cut, database
 * restart, session killed) is told at once, so it stops capturing before another may start.
 * No privilege is needed for named locks.
 */
public final class CaptureLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureLease.class);
    private static final int WAIT_SECONDS = 2;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String lockName;
    private final Duration checkInterval;
    private final Listener listener;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean held;

    /** What the holder is told. */
    public interface Listener {
        /** The lease is ours: start capturing. */
        void acquired();

        /** The lease is gone: stop capturing at once. */
        void lost(String reason);
    }

    public CaptureLease(String jdbcUrl, String user, String password, String lockName, Duration checkInterval,
            Listener listener) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.lockName = lockName;
        this.checkInterval = checkInterval;
        this.listener = listener;
        this.thread = new Thread(this::run, "erp-cdc-lease");
        thread.setDaemon(true);
    }

    public CaptureLease start() {
        thread.start();
        return this;
    }

    public boolean held() {
        return held;
    }

    private void run() {
        try {
            while (stop.getCount() > 0) {
                try (Connection session = DriverManager.getConnection(jdbcUrl + "?connectTimeout=5000&socketTimeout="
                        + (WAIT_SECONDS + 10) * 1000, user, password)) {
                    if (!acquire(session)) {
                        continue;
                    }
                    // A holder that lost its session notices within one check interval; give it two
                    // to stop before this instance starts, so that two captures never overlap.
                    if (stop.await(checkInterval.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                        release(session);
                        return;
                    }
                    held = true;
                    LOG.info("Capture lease '{}' acquired: this instance captures", lockName);
                    listener.acquired();
                    String reason = holdWhileValid(session);
                    held = false;
                    if (reason != null) {
                        LOG.warn("Capture lease '{}' lost: {}", lockName, reason);
                        listener.lost(reason);
                        return;
                    }
                    release(session);
                } catch (SQLException e) {
                    if (held) {
                        held = false;
                        listener.lost("the database session ended: " + e.getMessage());
                        return;
                    }
                    LOG.warn("Cannot reach the ERP database for the capture lease ({}); trying again", e.getMessage());
                    if (stop.await(checkInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the lock in short slices, so that closing is quick; true once it is ours. */
    private boolean acquire(Connection session) throws SQLException, InterruptedException {
        boolean logged = false;
        try (PreparedStatement lock = session.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            lock.setString(1, lockName);
            lock.setInt(2, WAIT_SECONDS);
            while (stop.getCount() > 0) {
                try (ResultSet result = lock.executeQuery()) {
                    if (result.next() && result.getInt(1) == 1) {
                        return true;
                    }
                }
                if (!logged) {
                    LOG.info("Another instance holds the capture lease '{}'; standing by", lockName);
                    logged = true;
                }
            }
        }
        return false;
    }

    /** Checks the lock until closing (null) or until it is not ours any more (the reason). */
    private String holdWhileValid(Connection session) throws InterruptedException {
        try (PreparedStatement check = session.prepareStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID()")) {
            check.setString(1, lockName);
            while (!stop.await(checkInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                try (ResultSet result = check.executeQuery()) {
                    if (!result.next() || result.getInt(1) != 1 || result.wasNull()) {
                        return "the lock is no longer held by this session";
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            return "the database session ended: " + e.getMessage();
        }
    }

    private void release(Connection session) {
        try (PreparedStatement unlock = session.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            unlock.setString(1, lockName);
            unlock.executeQuery().close();
        } catch (SQLException e) {
            LOG.debug("releasing the capture lease failed; the session's end releases it", e);
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS + 15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
