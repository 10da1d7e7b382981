package io.plantstream.events;

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

    private EventIds() {
    }

    /** A new id, as its canonical text. */
    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    /** A new id stamped with {@code epochMillis}. */
    static UUID next(long epochMillis) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ThreadLocalRandom.current().nextInt(1 << 12);
        long low = Long.MIN_VALUE | (COUNTER.incrementAndGet() & COUNTER_MASK);
        return new UUID(high, low);
    }
}
