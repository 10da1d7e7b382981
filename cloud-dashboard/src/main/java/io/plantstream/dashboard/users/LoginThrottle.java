package io.plantstream.dashboard.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins of one user name within
 * 15 minutes, that name is refused for 15 minutes, right password or not.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    /** Names remembered at most (guessing random names must not fill the memory). */
    private static final int MAX_NAMES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether the name may try to log in now. */
    public boolean allowed(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return true;
        }
        synchronized (recent) {
            Instant horizon = clock.instant().minus(WINDOW);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
                recent.removeFirst();
            }
            return recent.size() < MAX_FAILURES;
        }
    }

    public void failed(String username) {
        if (failures.size() > MAX_NAMES) {
            Instant horizon = clock.instant().minus(WINDOW);
            failures.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || times.peekLast().isBefore(horizon);
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
            while (recent.size() > MAX_FAILURES) {
                recent.removeFirst();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
