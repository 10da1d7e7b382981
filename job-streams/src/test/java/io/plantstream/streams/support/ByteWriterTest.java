package io.plantstream.streams.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Store values written with ByteWriter are the bytes DataOutputStream wrote (older changelogs hold those). */
class ByteWriterTest {
    private static final List<String> TEXTS = List.of("", "4711", "Störung", "nul\u0000in", "\u20AC 12",
            "\uD83D\uDD27 tool", "\u07FF\u0800\u007F\u0080");

    @Test
    void everyPrimitiveAndTextIsWrittenAsDataOutputStreamWritesIt() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        ByteWriter writer = new ByteWriter(1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream reference = new DataOutputStream(expected)) {
            for (int i = 0; i < 5_000; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> {
                        long v = random.nextLong();
                        writer.writeLong(v);
                        reference.writeLong(v);
                    }
                    case 1 -> {
                        int v = random.nextInt();
                        writer.writeInt(v);
                        reference.writeInt(v);
                    }
                    case 2 -> {
                        int v = random.nextInt();
                        writer.writeShort(v);
                        reference.writeShort(v);
                        writer.writeByte(v);
                        reference.writeByte(v);
                    }
                    case 3 -> {
                        boolean v = random.nextBoolean();
                        writer.writeBoolean(v);
                        reference.writeBoolean(v);
                    }
                    case 4 -> {
                        byte[] v = new byte[random.nextInt(40)];
                        random.nextBytes(v);
                        writer.write(v);
                        reference.write(v);
                    }
                    default -> {
                        String v = TEXTS.get(random.nextInt(TEXTS.size()));
                        writer.writeUTF(v);
                        reference.writeUTF(v);
                    }
                }
            }
        }
        assertThat(writer.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aTextOverSixtyFourKilobytesIsRefusedAsDataOutputStreamRefusesIt() {
        String tooLong = "é".repeat(40_000);
        assertThatThrownBy(() -> new DataOutputStream(new ByteArrayOutputStream()).writeUTF(tooLong))
                .isInstanceOf(UTFDataFormatException.class);
        assertThatThrownBy(() -> new ByteWriter(16).writeUTF(tooLong)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(UTFDataFormatException.class);
    }
}
