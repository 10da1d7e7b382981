package io.plantstream.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobStreamsConfigTest {

    private static io.plantstream.config.Config resolve(String idealCycles) {
        return JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(Map.of("kafka.bootstrap.servers", "localhost:9092",
                "calendar.file", "calendar.yaml", "http.token", "t0ken-t0ken-t0ken", "oee.ideal.cycles", idealCycles),
                "test"));
    }

    @Test
    void eachMachineMayHaveItsOwnIdealCycle() {
        assertThat(resolve("M01=12500ms, M02=40s").get(JobStreamsConfig.IDEAL_CYCLES))
                .containsEntry("M01", Duration.ofMillis(12_500)).containsEntry("M02", Duration.ofSeconds(40));
        assertThat(JobStreamsService.oeeSettings(resolve("M01=12500ms"), null).idealCycleMicros("M01"))
                .isEqualTo(12_500_000L);
    }

    @Test
    void aBadEntryIsNamed() {
        assertThatThrownBy(() -> resolve("M01=12500ms,M02")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'M02' is not machine=duration");
        assertThatThrownBy(() -> resolve("M01=0s")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> resolve("M01=1s,M01=2s")).hasMessageContaining("M01 is named twice");
    }
}
