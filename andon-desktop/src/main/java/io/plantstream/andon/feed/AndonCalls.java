package io.plantstream.andon.feed;

import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.EventMeta;
import io.plantstream.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Operators' calls from this board: raise, acknowledge, resolve. Each is an event on
 * andon.calls.v1 under the machine's key; the board shows it when it reads it back, so every
 * board in the hall shows the same calls. Sending never blocks the caller (the FX thread): it
 * happens on a thread of its own, and a call that cannot be delivered while the broker is away
 * completes exceptionally after 30 s.
 */
public final class AndonCalls implements io.plantstream.andon.board.CallActions, AutoCloseable {
    private final KafkaProducer<String, AndonCall> producer;
    /** Sending may wait for the broker's metadata: never on the caller's (the FX) thread. */
    private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "andon-calls");
        thread.setDaemon(true);
        return thread;
    });
    private final String station;
    private final Clock clock;

    /** @param station the board's name, recorded as who raised or handled a call */
    public AndonCalls(Map<String, Object> kafka, String station, Clock clock) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "andon-calls-" + station);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), Topics.ANDON_CALLS.valueSerde().serializer());
        this.station = station;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<AndonCall> raise(String machineId, AndonReason reason) {
        Instant now = clock.instant();
        return send(new AndonCall(EventMeta.of(station, now), "call-" + UUID.randomUUID(), machineId, reason,
                AndonStatus.OPEN, station, now, null, null));
    }

    @Override
    public CompletableFuture<AndonCall> acknowledge(AndonCall call) {
        return send(next(call, AndonStatus.ACKNOWLEDGED));
    }

    @Override
    public CompletableFuture<AndonCall> resolve(AndonCall call) {
        return send(next(call, AndonStatus.RESOLVED));
    }

    private AndonCall next(AndonCall call, AndonStatus status) {
        return new AndonCall(EventMeta.of(station, clock.instant()), call.callId(), call.machineId(), call.reason(),
                status, call.raisedBy(), call.raisedAt(), station, call.note());
    }

    private CompletableFuture<AndonCall> send(AndonCall call) {
        CompletableFuture<AndonCall> sent = new CompletableFuture<>();
        sender.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(Topics.ANDON_CALLS.name(), call.machineId(), call), (meta, error) -> {
                    if (error == null) {
                        sent.complete(call);
                    } else {
                        sent.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        });
        return sent;
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
