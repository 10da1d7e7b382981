package io.plantstream.dashboard.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-30T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void fiveFailuresLockTheNameForFifteenMinutes() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.allowed("Anna")).isTrue();
            throttle.failed("anna");
        }
        assertThat(throttle.allowed("anna")).isFalse();
        assertThat(throttle.allowed(" ANNA ")).isFalse();
        assertThat(throttle.allowed("bert")).isTrue();
        now = now.plus(Duration.ofMinutes(16));
        assertThat(throttle.allowed("anna")).isTrue();
    }

    @Test
    void aSuccessfulLoginForgetsEarlierFailures() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("anna");
        }
        throttle.succeeded("anna");
        throttle.failed("anna");
        assertThat(throttle.allowed("anna")).isTrue();
    }
}
