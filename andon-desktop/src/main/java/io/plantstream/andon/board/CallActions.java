package io.plantstream.andon.board;

import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import java.util.concurrent.CompletableFuture;

/** What an operator can do with Andon calls from the board; completes when Kafka has the call. */
public interface CallActions {
    CompletableFuture<AndonCall> raise(String machineId, AndonReason reason);

    CompletableFuture<AndonCall> acknowledge(AndonCall call);

    CompletableFuture<AndonCall> resolve(AndonCall call);
}
