package io.plantstream.collector.adapter;

import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.TagSpec;
import io.plantstream.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcDriverManager;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.messages.PlcWriteRequest;
import org.apache.plc4x.java.api.messages.PlcWriteResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S7 or Modbus TCP machine through PLC4X: one connection, kept open across polls (never one
 * per poll), every tag read in one request per poll. Every wait is bounded by the machine's
 * {@code timeout} (default 5 s): a read that hangs, which a failed S7 read can do, is abandoned
 * and the connection replaced by a fresh one on the next poll; the runner's back-off spaces
 * those attempts. A tag the PLC refuses (bad address, wrong type) is reported as a refusal and
 * the other tags are still read.
 */
public final class Plc4xAdapter implements MachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Plc4xAdapter.class);

    private final MachineDefinition machine;
    private final String url;
    private final Duration timeout;
    private final List<TagSpec> tags;
    private final ExecutorService connector;
    private PlcConnection connection;
    private PlcReadRequest request;

    public Plc4xAdapter(MachineDefinition machine) {
        this.machine = machine;
        this.url = machine.connection().get("url");
        this.timeout = Durations.parse(machine.connection().getOrDefault("timeout", "5s"));
        this.tags = machine.allTags();
        this.connector = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "plc4x-connect-" + machine.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized Batch poll() throws Exception {
        connect();
        PlcReadResponse response;
        try {
            response = request.execute().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer to a read within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("read failed: " + e.getCause().getMessage(), e.getCause());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        for (TagSpec tag : tags) {
            PlcResponseCode code = response.getResponseCode(tag.name());
            if (code == PlcResponseCode.OK) {
                values.put(tag.name(), response.getObject(tag.name()));
            } else {
                refusals.add(new Refusal("plc:" + machine.id() + "/" + tag.address(), tag.name() + " ("
                        + tag.address() + ") could not be read: " + code, new byte[0]));
            }
        }
        return new Batch(List.of(new RawSample(Instant.now(), values, "plc:" + url, null)), refusals);
    }

    /** Reads one tag (by address) now, apart from the polled ones: the job agent's look at a hand-shake tag. */
    public synchronized Object read(String address) throws Exception {
        connect();
        PlcReadResponse response;
        try {
            response = connection.readRequestBuilder().addTagAddress("tag", address).build().execute()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            disconnect();
            throw new TimeoutException("no answer to a read of " + address + " within " + timeout);
        }
        if (response.getResponseCode("tag") != PlcResponseCode.OK) {
            throw new IllegalStateException("the PLC refused a read of " + address + ": " + response.getResponseCode("tag"));
        }
        return response.getObject("tag");
    }

    /** Writes values (by address) in one request; the job agent's way into the PLC. */
    public synchronized void write(Map<String, Object> valuesByAddress) throws Exception {
        connect();
        PlcWriteRequest.Builder builder = connection.writeRequestBuilder();
        int i = 0;
        for (Map.Entry<String, Object> entry : valuesByAddress.entrySet()) {
            builder.addTagAddress("w" + i++, entry.getKey(), entry.getValue());
        }
        PlcWriteResponse response;
        try {
            response = builder.build().execute().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            disconnect();
            throw new TimeoutException("no answer to a write within " + timeout);
        }
        for (String name : response.getTagNames()) {
            if (response.getResponseCode(name) != PlcResponseCode.OK) {
                throw new IllegalStateException("the PLC refused a write: " + response.getResponseCode(name));
            }
        }
    }

    @Override
    public void processed() {
        // polled values carry no position
    }

    private void connect() throws Exception {
        if (connection != null && connection.isConnected()) {
            return;
        }
        disconnect();
        CompletableFuture<PlcConnection> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return PlcDriverManager.getDefault().getConnectionManager().getConnection(url);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, connector);
        try {
            connection = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(Plc4xAdapter::closeQuietly);
            throw new TimeoutException("no connection to " + url + " within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getCause().getMessage(), e.getCause());
        }
        PlcReadRequest.Builder builder = connection.readRequestBuilder();
        for (TagSpec tag : tags) {
            builder.addTagAddress(tag.name(), tag.address());
        }
        request = builder.build();
        LOG.info("{}: connected to {}", machine.id(), url);
    }

    @Override
    public synchronized void disconnect() {
        PlcConnection open = connection;
        connection = null;
        request = null;
        if (open != null) {
            // closing can hang on a dead peer as well: in the background
            connector.execute(() -> closeQuietly(open));
        }
    }

    private static void closeQuietly(PlcConnection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debug("closing a PLC connection failed", e);
        }
    }

    @Override
    public void close() {
        disconnect();
        connector.shutdown();
    }
}
