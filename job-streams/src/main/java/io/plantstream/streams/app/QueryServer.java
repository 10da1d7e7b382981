package io.plantstream.streams.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plantstream.events.JobStatus;
import io.plantstream.events.serde.EventJson;
import io.plantstream.streams.oee.OeeSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP queries over the stream state, so screens can bootstrap: live OEE per machine, job states,
 * the proposed job sequence of a machine. Every /api request needs the bearer token (role
 * reader), and so does /metrics (Prometheus text); /health answers without one and tells only
 * whether the service runs. A key held by
 * another instance is fetched from it.
 */
public final class QueryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    private final HttpServer server;
    private final byte[] token;
    private final StateQueries state;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HostInfo self;
    private volatile KafkaStreams parameters;
    private volatile EncodedLive allLive;

    private QueryServer(HttpServer server, String advertisedHost, String token, StateQueries state) {
        this.server = server;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.state = state;
        this.self = new HostInfo(advertisedHost, server.getAddress().getPort());
    }

    static QueryServer create(int port, String advertisedHost, String token, OeeSettings settings,
            io.plantstream.streams.oee.LiveFigures live) {
        if (token.length() < 16) {
            throw new IllegalArgumentException("http.token must have at least 16 characters");
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
            QueryServer queries = new QueryServer(http, advertisedHost, token, new StateQueries(settings, live));
            http.createContext("/health", queries::health);
            http.createContext("/api/", queries::api);
            http.createContext("/metrics", queries::metrics);
            http.setExecutor(Executors.newFixedThreadPool(4));
            return queries;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the query port " + port + ": " + e.getMessage(), e);
        }
    }

    void attach(KafkaStreams oee, KafkaStreams jobs, KafkaStreams parameters) {
        state.attach(oee, jobs);
        this.parameters = parameters;
    }

    void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        KafkaStreams.State oee = state.oeeApp().state();
        KafkaStreams.State jobs = state.jobsApp().state();
        KafkaStreams.State params = parameters.state();
        boolean up = oee.isRunningOrRebalancing() && jobs.isRunningOrRebalancing() && params.isRunningOrRebalancing();
        respond(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "oee", oee.name(), "jobs", jobs.name(),
                "parameters", params.name()));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try {
            if (refusedWithoutToken(exchange)) {
                return;
            }
            byte[] body = StreamMetrics.render(Map.of("oee", state.oeeApp(), "jobs", state.jobsApp(),
                    "parameters", parameters))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try {
            if (refusedWithoutToken(exchange)) {
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "only GET"));
                return;
            }
            route(exchange);
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            // normal while the application starts or rebalances: the caller tries again
            LOG.debug("Query {} while the state is not ready: {}", exchange.getRequestURI(), e.getMessage());
            respond(exchange, 503, Map.of("error", "state not available yet: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Query {} failed: {}", exchange.getRequestURI(), e.toString());
            respond(exchange, 503, Map.of("error", "state not available: " + e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        Map<String, String> query = query(exchange.getRequestURI());
        if (path.length == 5 && path[2].equals("oee") && path[3].equals("live")) {
            KeyQueryMetadata owner = state.oeeOwner(path[4]);
            if (!isLocal(owner.activeHost())) {
                forward(exchange, owner.activeHost());
                return;
            }
            var live = state.liveOee(path[4]);
            respond(exchange, live.isPresent() ? 200 : 404, live.isPresent() ? live.get()
                    : Map.of("error", "no live OEE for " + path[4]));
        } else if (path.length == 4 && path[2].equals("oee") && path[3].equals("live")) {
            respondBytes(exchange, 200, allLiveBody());
        } else if (path.length == 4 && path[2].equals("jobs")) {
            KeyQueryMetadata owner = state.jobOwner(path[3]);
            if (!isLocal(owner.activeHost())) {
                forward(exchange, owner.activeHost());
                return;
            }
            var job = state.job(path[3]);
            respond(exchange, job.isPresent() ? 200 : 404, job.isPresent() ? job.get()
                    : Map.of("error", "no job " + path[3]));
        } else if (path.length == 3 && path[2].equals("jobs")) {
            JobStatus status = query.containsKey("status") ? JobStatus.valueOf(query.get("status")) : null;
            respond(exchange, 200, state.jobs(query.get("machine"), status));
        } else if (path.length == 5 && path[2].equals("machines") && path[4].equals("sequence")) {
            respond(exchange, 200, StateQueries.sequence(state.jobs(path[3], JobStatus.QUEUED), Instant.now()));
        } else {
            respond(exchange, 404, Map.of("error", "unknown path " + exchange.getRequestURI().getPath()));
        }
    }

    /** Answers 401 and returns true unless the request carries the bearer token. */
    private boolean refusedWithoutToken(HttpExchange exchange) throws IOException {
        if (authorized(exchange)) {
            return false;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        respond(exchange, 401, Map.of("error", "a valid bearer token is required"));
        return true;
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).getBytes(StandardCharsets.UTF_8));
    }

    private boolean isLocal(HostInfo host) {
        return host == null || HostInfo.unavailable().equals(host) || host.equals(self);
    }

    private void forward(HttpExchange exchange, HostInfo host) throws IOException {
        URI target = URI.create("http://" + host.host() + ":" + host.port() + exchange.getRequestURI());
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                    .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, Map.of("error", "interrupted"));
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    /**
     * Every live figure as JSON, encoded once per change of the figures (they change once per live
     * interval), not once per request.
     */
    private byte[] allLiveBody() throws IOException {
        long version = state.liveVersion();
        EncodedLive cached = allLive;
        if (cached == null || cached.version() != version) {
            cached = new EncodedLive(version, JSON.writeValueAsBytes(state.allLiveOee()));
            allLive = cached;
        }
        return cached.body();
    }

    private record EncodedLive(long version, byte[] body) {
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        respondBytes(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void respondBytes(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
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
