package io.plantstream.collector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void theLastValueWrittenIsReadAfterARestart() {
        Path file = dir.resolve("deep/M01.counters");
        try (StateFile state = new StateFile(file)) {
            assertThat(state.read()).isNull();
            for (int i = 0; i <= 1_000; i++) {
                state.write(i + "," + i / 10);
            }
        }
        try (StateFile again = new StateFile(file)) {
            assertThat(again.read()).isEqualTo("1000,100");
            again.write("1001,100");
        }
        assertThat(new StateFile(file).read()).isEqualTo("1001,100");
    }

    @Test
    void aWriteTornByACrashLeavesThePreviousValue() throws Exception {
        Path file = dir.resolve("M01.counters");
        try (StateFile state = new StateFile(file)) {
            state.write("41,1");
            state.write("42,1");
        }
        // the newest value (second slot) half written when the machine died: its checksum is wrong
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(4096 + 4 + 8 + 4 + 8);
            raw.write("9".getBytes(StandardCharsets.UTF_8));
        }
        try (StateFile state = new StateFile(file)) {
            assertThat(state.read()).isEqualTo("41,1");
        }
    }

    @Test
    void aValueInTheOlderFormIsReadAndReplaced() throws Exception {
        Path file = Files.writeString(dir.resolve("cursor"), "123456\n");
        try (StateFile state = new StateFile(file)) {
            assertThat(state.read()).isEqualTo("123456");
            state.write("123999");
        }
        assertThat(new StateFile(file).read()).isEqualTo("123999");
    }

    @Test
    void anOversizedValueIsRefused() {
        try (StateFile state = new StateFile(dir.resolve("big"))) {
            assertThatThrownBy(() -> state.write("x".repeat(StateFile.MAX_BYTES + 1)))
                    .hasMessageContaining("at most " + StateFile.MAX_BYTES + " bytes");
        }
    }
}
