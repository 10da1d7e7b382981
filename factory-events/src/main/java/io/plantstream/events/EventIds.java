package io.plantstream.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New event ids: time-ordered UUIDs (version 7 of RFC 9562). The first 48 bits are the
 * milliseconds since 1970, then 12 random bits, then 62 bits that start at a random point for
 * each process and count up with every id. Within a process no id repeats; between processes a
 * collision needs the same millisecond, the same 12 bits and the same 62-bit counter value. The
 * secure random source is read once per process instead of once per id: collectors make an id
 * for every read of every machine.
 */
public final class EventIds {
    private static final long COUNTER_MASK = (1L << 62) - 1;
    private static final AtomicLong COUNTER = new AtomicLong(new SecureRandom().nextLong());
    /** One digest per thread: looking one up costs more than using it, and collectors derive an id per row. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5, which every Java has", e);
        }
    });

    private EventIds() {
    }

    /** A new id, as its canonical text. */
    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    /**
     * The id derived from {@code name}: the name-based UUID (version 3) of its UTF-8 bytes, as
     * {@link UUID#nameUUIDFromBytes} makes it, as its canonical text.
     */
    public static String derived(String name) {
        MessageDigest md5 = MD5.get();
        byte[] hash = md5.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) (hash[6] & 0x0f | 0x30);
        hash[8] = (byte) (hash[8] & 0x3f | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    /** A new id stamped with {@code epochMillis}. */
    static UUID next(long epochMillis) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ThreadLocalRandom.current().nextInt(1 << 12);
        long low = Long.MIN_VALUE | (COUNTER.incrementAndGet() & COUNTER_MASK);
        return new UUID(high, low);
    }
}
