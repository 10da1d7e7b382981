package io.plantstream.andon;

import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Settings of the Andon board (environment prefix {@code ANDON_}); Kafka is the edge cluster. */
public final class AndonConfig {

    public static final Setting<Path> LAYOUT = Setting.path("layout", null,
            "YAML file: the plant's name, tiles a row, the machines in order");
    public static final Setting<String> STATION = Setting.text("station", "andon-board",
            "this board's name, recorded as who raised or handled a call");
    public static final Setting<Locale> LANGUAGE = new Setting<>("language", "en|de", value -> switch (value.strip()) {
        case "en" -> Locale.ENGLISH;
        case "de" -> Locale.GERMAN;
        default -> throw new IllegalArgumentException("must be en or de");
    }, Locale.ENGLISH, "language of the board's texts", false);
    public static final Setting<String> ZONE = Setting.text("time.zone", "Europe/Berlin", "time zone of the clock");
    public static final Setting<Duration> STALE_AFTER = Setting.duration("stale.after", Duration.ofSeconds(60),
            "a machine not heard from for this long is shown as stale (collectors re-announce every 10 s)");
    public static final Setting<Boolean> KIOSK = Setting.flag("kiosk", true,
            "full screen without window decorations (false: a 1600x900 window)");
    public static final Setting<String> SNAPSHOT = Setting.text("snapshot", "",
            "write the board as a PNG to this file after snapshot.after, then exit (for documentation)");
    public static final Setting<Duration> SNAPSHOT_AFTER = Setting.duration("snapshot.after", Duration.ofSeconds(15),
            "how long the board runs before the snapshot");

    public static final ConfigCatalogue CATALOGUE = catalogue();

    private AndonConfig() {
    }

    private static ConfigCatalogue catalogue() {
        List<Setting<?>> all = new ArrayList<>(KafkaClientSettings.ALL);
        all.addAll(List.of(LAYOUT, STATION, LANGUAGE, ZONE, STALE_AFTER, KIOSK, SNAPSHOT, SNAPSHOT_AFTER));
        return new ConfigCatalogue("andon", "ANDON_", all);
    }
}
