package io.plantstream.collector.adapter;

import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.Meaning;
import io.plantstream.collector.definition.TagSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A machine that exchanges files: it drops result files (CSV with a header line, or XML with one
 * element per result) into its outbox. Each file moves outbox -> processing/ -> done/ (or
 * failed/, with a .reason.txt beside it), so a crash never loses a file and never reads one
 * twice to double counts: the counters in result files are absolute, so a file read again after
 * a crash adds nothing. Broken files (oversized, not UTF-8, without the needed columns) go to
 * failed/ and to the dead-letter topic with the reason; a bad row is refused alone.
 */
public final class FileAdapter implements MachineAdapter {
    private static final Duration SETTLE = Duration.ofMillis(500);
    /**
     * Times as machines write them: a space or T, seconds and fractions (up to nanoseconds)
     * optional, with an offset ({@code Z}, {@code +01:00}) or without (the plant's local time).
     */
    private static final DateTimeFormatter TIME = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(java.util.Locale.ROOT).withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final MachineDefinition machine;
    private final Path outbox;
    private final Path processing;
    private final Path done;
    private final Path failed;
    private final long maxBytes;
    private final ZoneId zone;
    private final Map<String, String> fieldToTag = new LinkedHashMap<>();
    private final java.util.Deque<Path> waiting = new java.util.ArrayDeque<>();
    private Path current;

    public FileAdapter(MachineDefinition machine, ZoneId zone) {
        this.machine = machine;
        this.outbox = Path.of(machine.connection().get("outbox"));
        this.processing = outbox.resolve("processing");
        this.done = outbox.resolve("done");
        this.failed = outbox.resolve("failed");
        this.maxBytes = Long.parseLong(machine.connection().getOrDefault("maxFileBytes", "1048576"));
        this.zone = zone;
        for (TagSpec tag : machine.allTags()) {
            fieldToTag.put(tag.address(), tag.name());
        }
    }

    @Override
    public Batch poll() throws IOException {
        for (Path folder : List.of(processing, done, failed)) {
            Files.createDirectories(folder);
        }
        Optional<Path> next = oldest(processing, false);
        if (next.isEmpty()) {
            next = nextWaiting().map(this::claim);
        }
        if (next.isEmpty()) {
            return Batch.EMPTY;
        }
        current = next.get();
        String name = current.getFileName().toString();
        try {
            long size = Files.size(current);
            if (size > maxBytes) {
                return refuseFile("file is " + size + " bytes, more than the limit of " + maxBytes, null);
            }
            byte[] bytes = Files.readAllBytes(current);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return refuseFile("file is not UTF-8 text", bytes);
            }
            Batch batch = name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml") ? xml(name, bytes) : csv(name, text);
            return new Batch(batch.samples(), batch.refusals(), true);
        } catch (FileRefused e) {
            return refuseFile(e.getMessage(), null);
        }
    }

    @Override
    public void processed() throws IOException {
        if (current != null && Files.exists(current)) {
            Files.move(current, unique(done, current.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
        current = null;
    }

    private Batch refuseFile(String reason, byte[] content) throws IOException {
        String name = current.getFileName().toString();
        Path target = unique(failed, name);
        Files.move(current, target, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), reason + "\n");
        current = null;
        byte[] excerpt = content == null ? new byte[0] : Arrays.copyOf(content, Math.min(content.length, 4096));
        return new Batch(List.of(), List.of(new Refusal("file:" + outbox.resolve(name), reason, excerpt)), true);
    }

    private Batch csv(String name, String text) {
        String[] lines = text.split("\\r?\\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new FileRefused("file is empty");
        }
        String delimiter = lines[0].contains(";") ? ";" : ",";
        String[] header = lines[0].split(delimiter, -1);
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].strip().replace("\uFEFF", "");
        }
        List<String> columns = List.of(header);
        checkColumns(columns);
        List<RawSample> samples = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (int line = 1; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            String[] fields = lines[line].split(delimiter, -1);
            String origin = "file:" + outbox.resolve(name) + "#" + (line + 1);
            if (fields.length != header.length) {
                refusals.add(new Refusal(origin, "line " + (line + 1) + " has " + fields.length + " fields, the header "
                        + header.length, lines[line].getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                record.put(header[i], fields[i].strip());
            }
            sample(record, origin, name + "#" + (line + 1), samples, refusals);
        }
        return new Batch(samples, refusals);
    }

    private Batch xml(String name, byte[] bytes) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new FileRefused("file is not well-formed XML: " + e.getMessage());
        }
        List<Map<String, String>> records = new ArrayList<>();
        NodeList children = document.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                Map<String, String> record = new LinkedHashMap<>();
                NamedNodeMap attributes = element.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    record.put(attributes.item(a).getNodeName(), attributes.item(a).getNodeValue().strip());
                }
                NodeList fields = element.getChildNodes();
                for (int f = 0; f < fields.getLength(); f++) {
                    Node field = fields.item(f);
                    if (field instanceof Element child) {
                        record.put(child.getTagName(), child.getTextContent().strip());
                    }
                }
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            throw new FileRefused("file holds no result elements");
        }
        checkColumns(new ArrayList<>(records.get(0).keySet()));
        List<RawSample> samples = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            sample(records.get(i), "file:" + outbox.resolve(name) + "#" + (i + 1), name + "#" + (i + 1), samples,
                    refusals);
        }
        return new Batch(samples, refusals);
    }

    /** The part counter's field must be there; a file without it is no result file of this machine. */
    private void checkColumns(List<String> columns) {
        TagSpec counter = machine.tag(Meaning.PART_COUNTER);
        if (!columns.contains(counter.address())) {
            throw new FileRefused("wrong columns: " + columns + " lack " + counter.address() + " (partCounter)");
        }
    }

    private void sample(Map<String, String> record, String origin, String id, List<RawSample> samples,
            List<Refusal> refusals) {
        Map<String, Object> values = new LinkedHashMap<>();
        Instant received = Instant.now();
        Instant time = received;
        for (Map.Entry<String, String> field : record.entrySet()) {
            String tag = fieldToTag.get(field.getKey());
            if (tag == null) {
                continue;
            }
            if (tag.equals(Meaning.TIME.key())) {
                Instant parsed = time(field.getValue());
                if (parsed == null) {
                    refusals.add(new Refusal(origin, "time '" + field.getValue() + "' is not a time (expected e.g. "
                            + "2026-11-25 08:15:00 or 2026-11-25T08:15:00+01:00)",
                            record.toString().getBytes(StandardCharsets.UTF_8)));
                    return;
                }
                time = parsed;
                continue;
            }
            values.put(tag, field.getValue().isEmpty() ? null : field.getValue());
        }
        samples.add(new RawSample(time, values, origin, machine.id() + "/" + id, received));
    }

    /** The time of a result: with its offset, or without one in the plant's time zone; null if it is none. */
    private Instant time(String text) {
        java.time.temporal.TemporalAccessor parsed;
        try {
            parsed = TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        } catch (DateTimeParseException e) {
            return null;
        }
        return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                : ((LocalDateTime) parsed).atZone(zone).toInstant();
    }

    /** The oldest regular file in a folder (optionally only those untouched for a moment). */
    private Optional<Path> oldest(Path folder, boolean settled) throws IOException {
        return files(folder, settled).stream().findFirst();
    }

    /**
     * The next file of the outbox, oldest first. The outbox is listed once for all the files
     * waiting there, not once per file: a backlog of thousands is read in one pass.
     */
    private Optional<Path> nextWaiting() throws IOException {
        if (waiting.isEmpty()) {
            waiting.addAll(files(outbox, true));
        }
        while (!waiting.isEmpty()) {
            Path file = waiting.poll();
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The regular files of a folder, oldest first (optionally only those untouched for a moment). */
    private static List<Path> files(Path folder, boolean settled) throws IOException {
        Instant cutoff = Instant.now().minus(SETTLE);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(f -> Map.entry(f, modified(f)))
                    .filter(f -> !settled || f.getValue().isBefore(cutoff))
                    .sorted(Map.Entry.<Path, Instant>comparingByValue().thenComparing(f -> f.getKey().getFileName()))
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    private Path claim(Path file) {
        try {
            Path target = processing.resolve(file.getFileName());
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot move " + file + " to " + processing, e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static Path unique(Path folder, String name) {
        Path target = folder.resolve(name);
        int n = 1;
        while (Files.exists(target)) {
            target = folder.resolve(name + "." + n++);
        }
        return target;
    }

    @Override
    public void disconnect() {
        // nothing held open
    }

    /** Internal: a whole file is refused. */
    private static final class FileRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileRefused(String message) {
            super(message, null, false, false);
        }
    }
}
