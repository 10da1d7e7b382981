package io.plantstream.collector.adapter;

import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.MachineKind;
import io.plantstream.collector.definition.TagSpec;
import io.plantstream.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcDriverManager;
import org.apache.plc4x.java.api.authentication.PlcAuthentication;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.messages.PlcSubscriptionEvent;
import org.apache.plc4x.java.api.messages.PlcSubscriptionRequest;
import org.apache.plc4x.java.api.messages.PlcSubscriptionResponse;
import org.apache.plc4x.java.api.messages.PlcWriteRequest;
import org.apache.plc4x.java.api.messages.PlcWriteResponse;
import org.apache.plc4x.java.api.model.PlcSubscriptionHandle;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S7, Modbus TCP or OPC UA machine through PLC4X: one connection, kept open across polls
 * (never one per poll), every tag read in one request per poll. Every wait is bounded by the
 * machine's {@code timeout} (default 5 s): a read that hangs, which a failed S7 read can do, is
 * abandoned and the connection replaced by a fresh one on the next poll; the runner's back-off
 * spaces those attempts. A tag the PLC refuses (bad address, wrong type) is reported as a refusal
 * and the other tags are still read.
 *
 * <p>OPC UA machines are subscribed to ({@code subscribe: false} polls them instead): the server
 * reports every change of every tag (as of each publishing cycle), the first report of each being
 * its current value; each poll hands over what was reported since, one sample per report, in
 * order, with the tags' other values as last reported. The subscription has a connection of its
 * own: PLC4X 0.13.1 stalls reads and writes on a connection that holds a subscription, and the
 * job agent's writes and the checks go over the other. A machine that reported nothing for half
 * its silence time-out (at least a poll interval) is read once, to know that the server still
 * answers and that the subscription still reports (a failed read, or values that changed
 * without a report, mean fresh connections and a fresh subscription, as PLC4X does not recover
 * them itself), and gives a sample of the values as last reported: the read's own values are not
 * used, since a report still on its way may be older than them.
 */
public final class Plc4xAdapter implements MachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Plc4xAdapter.class);
    /** Reports held between polls at most; more are counted as dropped and reported. */
    static final int MAX_QUEUED = 100_000;
    private static final int MAX_PER_POLL = 10_000;

    private final MachineDefinition machine;
    private final OpcUaSecurity security;
    private final String url;
    /** The server as messages name it: its url, and its security when it has some. */
    private final String server;
    private final Duration timeout;
    private final List<TagSpec> tags;
    private final ExecutorService connector;
    private final boolean subscribe;
    private final Duration keepAlive;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<PlcSubscriptionEvent> lastEvent = new AtomicReference<>();
    private final Map<String, Object> latest = new LinkedHashMap<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Refusal> subscriptionRefusals = new ArrayList<>();
    private PlcConnection connection;
    private PlcConnection subscription;
    private PlcReadRequest request;
    private int diverged;
    private Instant lastSample = Instant.EPOCH;
    private long lastHeard;
    private final AtomicLong notifications = new AtomicLong();
    private volatile int subscribedTags;

    /** One report of a subscription: the changed tags' values, when they were received. */
    private record Change(Instant received, Map<String, Object> values) {
    }

    public Plc4xAdapter(MachineDefinition machine) {
        this(machine, null);
    }

    /**
     * @param security how to connect to a secured OPC UA server (the adapter closes it), or null
     *        for a connection without security
     */
    public Plc4xAdapter(MachineDefinition machine, OpcUaSecurity security) {
        this.machine = machine;
        this.security = security;
        this.url = machine.connection().get("url");
        this.server = security == null ? url : url + " (" + security.describe() + ")";
        this.timeout = Durations.parse(machine.connection().getOrDefault("timeout", "5s"));
        this.tags = machine.allTags();
        this.subscribe = machine.kind() == io.plantstream.collector.definition.MachineKind.OPCUA
                && !"false".equals(machine.connection().get("subscribe"));
        Duration halfSilence = machine.silence().dividedBy(2);
        this.keepAlive = halfSilence.compareTo(machine.poll()) > 0 ? halfSilence : machine.poll();
        this.connector = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "plc4x-connect-" + machine.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized Batch poll() throws Exception {
        connect();
        if (subscribe) {
            return reported();
        }
        PlcReadResponse response = readAll("a read");
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

    /** What the subscription reported since the last poll; a read to check the server when it reported nothing. */
    private Batch reported() throws Exception {
        List<RawSample> samples = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>(subscriptionRefusals);
        subscriptionRefusals.clear();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            refusals.add(new Refusal("opcua:" + machine.id(), lost + " reported changes were dropped: more than "
                    + MAX_QUEUED + " came in between two polls", new byte[0]));
        }
        int taken = 0;
        for (Change change = changes.poll(); change != null; change = taken < MAX_PER_POLL ? changes.poll() : null) {
            taken++;
            latest.putAll(change.values());
            if (latest.keySet().containsAll(subscribed)) {
                samples.add(sample(change.received()));
            }
        }
        if (taken > 0) {
            lastHeard = System.nanoTime();
            diverged = 0;
            notifications.addAndGet(taken);
        } else if (System.nanoTime() - lastHeard >= keepAlive.toNanos()) {
            check();
            if (!subscribed.isEmpty() && latest.keySet().containsAll(subscribed)) {
                samples.add(sample(Instant.now()));
            }
        }
        return new Batch(samples, refusals, !changes.isEmpty());
    }

    /**
     * After a quiet spell: reads the tags over the request connection, to know that the server
     * answers, and compares them with the values last reported. A difference may be a report
     * still on its way; the same at the next check, with nothing reported in between, means the
     * subscription has died while the connection lives: it is opened afresh.
     */
    private void check() throws Exception {
        PlcReadResponse response = readAll("a check of the subscribed server");
        lastHeard = System.nanoTime();
        List<String> different = new ArrayList<>();
        for (String name : subscribed) {
            if (response.getResponseCode(name) == PlcResponseCode.OK
                    && !sameValue(response.getObject(name), latest.get(name))) {
                different.add(name);
            }
        }
        if (different.isEmpty()) {
            diverged = 0;
        } else if (++diverged >= 2) {
            throw new IllegalStateException("the subscription reported no change of " + different
                    + " although the server's values changed; subscribing afresh");
        }
    }

    private static boolean sameValue(Object read, Object reported) {
        return java.util.Objects.equals(read, reported)
                || read != null && reported != null && read.toString().equals(reported.toString());
    }

    /** Every tag in one request, the wait bounded by the timeout; {@code what} names it in the error. */
    private PlcReadResponse readAll(String what) throws Exception {
        try {
            return request.execute().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer to " + what + " within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The tags' values as last reported, at {@code time} (never before the previous sample). */
    private RawSample sample(Instant time) {
        Instant at = time.isBefore(lastSample) ? lastSample : time;
        lastSample = at;
        return new RawSample(at, new HashMap<>(latest), "opcua:" + url, null);
    }

    /** Reports received over the subscriptions so far (for figures and tests). */
    public long notifications() {
        return notifications.get() + changes.size();
    }

    @Override
    public Map<String, Object> describe() { // not synchronized: a poll may hold the lock while it connects
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("mode", subscribe ? "subscription" : "poll");
        if (subscribe) {
            description.put("subscribedTags", subscribedTags);
            description.put("reports", notifications());
        }
        if (machine.kind() == MachineKind.OPCUA) {
            description.put("security", security == null ? "None" : security.describe());
        }
        return description;
    }

    /**
     * Subscribes to every tag's changes on the open connection. PLC4X may hand out one handle per
     * tag that all stand for the same subscription: each is registered, and a report that comes
     * again through another of them is taken once. Reports are stamped when received: the
     * server's clock may differ from the collector's, which times everything else.
     */
    private void subscribeAll() throws Exception {
        PlcSubscriptionRequest.Builder builder = subscription.subscriptionRequestBuilder();
        for (TagSpec tag : tags) {
            builder.addChangeOfStateTagAddress(tag.name(), tag.address());
        }
        PlcSubscriptionResponse response;
        try {
            response = builder.build().execute().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer to the subscription within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("subscription refused: " + e.getCause().getMessage(), e.getCause());
        }
        subscribed.clear();
        List<PlcSubscriptionHandle> handles = new ArrayList<>();
        for (TagSpec tag : tags) {
            PlcResponseCode code = response.getResponseCode(tag.name());
            if (code == PlcResponseCode.OK) {
                subscribed.add(tag.name());
                PlcSubscriptionHandle handle = response.getSubscriptionHandle(tag.name());
                if (handles.stream().noneMatch(h -> h == handle)) {
                    handles.add(handle);
                }
            } else {
                subscriptionRefusals.add(new Refusal("opcua:" + machine.id() + "/" + tag.address(), tag.name() + " ("
                        + tag.address() + ") could not be subscribed to: " + code, new byte[0]));
            }
        }
        int current = generation.get();
        for (PlcSubscriptionHandle handle : handles) {
            handle.register(event -> reported(current, event));
        }
        lastHeard = System.nanoTime();
        subscribedTags = subscribed.size();
        LOG.info("{}: subscribed to {} of {} tags", machine.id(), subscribed.size(), tags.size());
    }

    /** On PLC4X's thread: queues the report's values (once, however many handles pass it on). */
    private void reported(int subscription, PlcSubscriptionEvent event) {
        if (subscription != generation.get() || lastEvent.getAndSet(event) == event) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        for (String name : event.getTagNames()) {
            if (event.getResponseCode(name) == PlcResponseCode.OK) {
                Object value = event.getObject(name);
                if (value != null) {
                    values.put(name, value);
                }
            }
        }
        if (!values.isEmpty() && !changes.offer(new Change(Instant.now(), values))) {
            dropped.incrementAndGet();
        }
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

    @Override
    public boolean overlapsProcessing() {
        return true; // a read waits for the PLC's answer; polled values carry no position
    }

    private void connect() throws Exception {
        if (connection != null && connection.isConnected()
                && (!subscribe || subscription != null && subscription.isConnected())) {
            return;
        }
        disconnect();
        connection = open();
        PlcReadRequest.Builder builder = connection.readRequestBuilder();
        for (TagSpec tag : tags) {
            builder.addTagAddress(tag.name(), tag.address());
        }
        request = builder.build();
        LOG.info("{}: connected to {}", machine.id(), server);
        if (subscribe) {
            try {
                subscription = open();
                subscribeAll();
            } catch (Exception e) {
                disconnect();
                throw e;
            }
        }
    }

    private PlcConnection open() throws Exception {
        String target = security == null ? url : security.connectionUrl(url);
        PlcAuthentication login = security == null ? null : security.authentication();
        CompletableFuture<PlcConnection> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return login == null ? PlcDriverManager.getDefault().getConnectionManager().getConnection(target)
                        : PlcDriverManager.getDefault().getConnectionManager().getConnection(target, login);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, connector);
        try {
            return opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(Plc4xAdapter::closeQuietly);
            throw new TimeoutException("no connection to " + server + " within " + timeout
                    + (login == null ? "" : " (PLC4X also answers a refused user or password this way)"));
        } catch (ExecutionException e) {
            if (security != null) { // PLC4X may quote its connection string, which holds the key store's password
                throw new IllegalStateException("cannot connect to " + server + ": "
                        + security.redact(String.valueOf(e.getCause().getMessage())));
            }
            throw new IllegalStateException("cannot connect to " + server + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public synchronized void disconnect() {
        // Not unregistered: PLC4X 0.13.1's OPC UA unregister recurses until the stack overflows.
        // Closing the connection ends the subscription; a late report of it is ignored.
        generation.incrementAndGet();
        subscribed.clear();
        subscribedTags = 0;
        diverged = 0;
        for (PlcConnection open : new PlcConnection[] {connection, subscription}) {
            if (open != null) {
                // closing can hang on a dead peer as well: in the background
                connector.execute(() -> closeQuietly(open));
            }
        }
        connection = null;
        subscription = null;
        request = null;
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
        if (security != null) {
            security.close();
        }
    }
}
