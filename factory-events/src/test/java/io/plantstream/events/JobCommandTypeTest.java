package io.plantstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobCommandTypeTest {

    @Test
    void plcCodesAreOneToFiveAndReadBack() {
        assertThat(JobCommandType.DISPATCH.plcCode()).isEqualTo(1);
        assertThat(JobCommandType.ABORT.plcCode()).isEqualTo(5);
        for (JobCommandType type : JobCommandType.values()) {
            assertThat(JobCommandType.ofPlcCode(type.plcCode())).contains(type);
        }
        assertThat(JobCommandType.ofPlcCode(0)).as("no command").isEmpty();
        assertThat(JobCommandType.ofPlcCode(6)).isEmpty();
        assertThat(JobCommandType.ofPlcCode(-1)).isEmpty();
    }
}
