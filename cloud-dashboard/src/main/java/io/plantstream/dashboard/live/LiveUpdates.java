package io.plantstream.dashboard.live;

import io.plantstream.dashboard.view.PlantView;
import io.plantstream.dashboard.view.PlantView.Change;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes what changed to every open page (server-sent events): the new tile of a machine, the new
 * row of a job, an alert or an Andon call. Changes are gathered and sent every 200 ms, so a burst
 * of records costs one message per thing changed, and a page a few hundred milliseconds at most.
 */
public final class LiveUpdates implements AutoCloseable {
    private static final long FLUSH_MS = 200;
    private static final long PING_MS = 15_000;

    private final PlantView view;
    private final Set<SseEmitter> pages = ConcurrentHashMap.newKeySet();
    private final Set<Change> pending = new LinkedHashSet<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "live-updates");
        thread.setDaemon(true);
        return thread;
    });

    public LiveUpdates(PlantView view) {
        this.view = view;
        sender.scheduleWithFixedDelay(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
        sender.scheduleWithFixedDelay(this::ping, PING_MS, PING_MS, TimeUnit.MILLISECONDS);
    }

    /** A new page listening; it stays until the browser goes away. */
    public SseEmitter subscribe() {
        SseEmitter page = new SseEmitter(0L);
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(e -> pages.remove(page));
        pages.add(page);
        try {
            page.send(SseEmitter.event().name("hello").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            pages.remove(page);
        }
        return page;
    }

    public void changed(List<Change> changes) {
        synchronized (pending) {
            pending.addAll(changes);
        }
    }

    public int listeners() {
        return pages.size();
    }

    private void flush() {
        List<Change> changes;
        synchronized (pending) {
            if (pending.isEmpty() || pages.isEmpty()) {
                pending.clear();
                return;
            }
            changes = new ArrayList<>(pending);
            pending.clear();
        }
        for (Change change : changes) {
            payload(change).ifPresent(data -> send(change.kind().name().toLowerCase(java.util.Locale.ROOT), data));
        }
    }

    private Optional<Object> payload(Change change) {
        return switch (change.kind()) {
            case MACHINE -> view.tile(change.site(), change.key()).map(Object.class::cast);
            case JOB -> view.job(change.site(), change.key()).map(Object.class::cast);
            case ALERT -> view.alert(change.site(), change.key()).map(Object.class::cast);
            case ANDON -> view.call(change.site(), change.key()).map(Object.class::cast);
        };
    }

    private void send(String name, Object data) {
        for (SseEmitter page : pages) {
            try {
                page.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                pages.remove(page);
            }
        }
    }

    private void ping() {
        for (SseEmitter page : pages) {
            try {
                page.send(SseEmitter.event().comment("ping"));
            } catch (IOException | IllegalStateException gone) {
                pages.remove(page);
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        pages.forEach(SseEmitter::complete);
        pages.clear();
    }
}
