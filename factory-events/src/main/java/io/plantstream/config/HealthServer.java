package io.plantstream.config;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plantstream.events.serde.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A service's probes for Kubernetes and people: {@code GET /health} answers 200 while the
 * process lives (liveness) with the service's status as JSON; {@code GET /ready} answers 200
 * once the service does its work and 503 while it does not (readiness). They reveal no data,
 * so they need no credentials.
 */
public final class HealthServer implements AutoCloseable {

    /** What a service says about itself: ready or not, and details for people. */
    public record Health(boolean ready, Map<String, ?> details) {
        public Health {
            details = Map.copyOf(details);
        }
    }

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** Opens the probes on the port (0: any free port). */
    public static HealthServer start(String service, int port, Supplier<Health> health) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.createContext("/health", exchange -> answer(exchange, 200, health.get()));
            server.createContext("/ready", exchange -> {
                Health now = health.get();
                answer(exchange, now.ready() ? 200 : 503, now);
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, service + "-health");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new HealthServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the health endpoint of " + service + " on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, Health health) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.ready() ? "UP" : "NOT_READY");
        body.putAll(health.details());
        byte[] bytes = EventJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
