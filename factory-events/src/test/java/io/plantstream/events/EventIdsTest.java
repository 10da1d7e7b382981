package io.plantstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheirMillisecond() {
        long millis = 1_796_000_000_123L;
        UUID id = EventIds.next(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        UUID parsed = UUID.fromString(EventIds.next());
        assertThat(parsed.version()).isEqualTo(7);
        assertThat(Math.abs((parsed.getMostSignificantBits() >>> 16) - System.currentTimeMillis())).isLessThan(60_000);
    }

    @Test
    void derivedIdsAreTheNameBasedUuidsOfTheirNames() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<String> names = new ArrayList<>(List.of("", "collector/M01|4711|counts", "ünïcode €|\ud83d\ude00"));
        for (int i = 0; i < 2_000; i++) {
            names.add("collector/M" + random.nextInt(1000) + "|sql:results#" + random.nextLong() + "|telemetry");
        }
        for (String name : names) {
            assertThat(EventIds.derived(name)).as(name)
                    .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        }
    }

    @Test
    void noIdRepeatsWithinAMillisecondNorAcrossThreads() throws Exception {
        Set<UUID> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            sameMillisecond.add(EventIds.next(42L));
        }
        assertThat(sameMillisecond).hasSize(100_000);

        Set<String> all = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        all.add(EventIds.next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(all).hasSize(200_000);
    }
}
