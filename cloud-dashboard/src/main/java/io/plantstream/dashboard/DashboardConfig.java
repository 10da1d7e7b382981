package io.plantstream.dashboard;

import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings of the cloud dashboard (environment prefix {@code DASHBOARD_}); Kafka is the cloud cluster. */
public final class DashboardConfig {

    public static final Setting<String> HTTP_ADDRESS = Setting.text("http.address", "127.0.0.1",
            "address the web server listens on; anything but loopback needs TLS (tls.keystore)");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 8080, 0, 65535,
            "port of the web server (0: any free port)");
    public static final Setting<String> TLS_KEYSTORE = Setting.text("tls.keystore", "",
            "PKCS12 key store with the server's certificate; serves HTTPS when set");
    public static final Setting<String> TLS_KEYSTORE_PASSWORD = new Setting<>("tls.keystore.password", "secret",
            v -> v, "", "password of the key store; prefer tls.keystore.password.file", true);
    public static final Setting<String> TLS_KEYSTORE_PASSWORD_FILE = Setting.text("tls.keystore.password.file", "",
            "file holding the key store password");
    public static final Setting<Boolean> TLS_UPSTREAM = Setting.flag("tls.terminated.upstream", false,
            "a reverse proxy in front terminates TLS: serve plain HTTP on http.address and trust its forwarded headers");
    public static final Setting<Boolean> SECURE_COOKIES = Setting.flag("secure.cookies", true,
            "session cookies only over HTTPS (browsers treat http://localhost as secure)");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("session.timeout", Duration.ofHours(8),
            "a session ends after this long without a request");
    public static final Setting<String> ADMIN_PASSWORD_FILE = Setting.text("admin.password.file", "",
            "file with the first admin's password (a mounted Secret); without it a password is generated and "
                    + "printed once on the first start");
    public static final Setting<String> LAYOUT = Setting.text("layout", "",
            "YAML file naming sites, lines and machines; machines not in it still appear, under 'other'");
    public static final Setting<Integer> HISTORY_DAYS = Setting.integer("history.days", 62, 1, 400,
            "days of shift and hour OEE kept in memory for the machine pages");
    public static final Setting<Duration> STALE_AFTER = Setting.duration("stale.after", Duration.ofMinutes(2),
            "a machine without any record for this long is shown as stale, not live");
    public static final Setting<Integer> REPLICATION = Setting.integer("replication.factor", 3, 1, 7,
            "replication of the dashboard's own topics (users, audit) when it creates them");

    public static final ConfigCatalogue CATALOGUE = catalogue();

    private DashboardConfig() {
    }

    private static ConfigCatalogue catalogue() {
        List<Setting<?>> all = new ArrayList<>(KafkaClientSettings.ALL);
        all.addAll(List.of(HTTP_ADDRESS, HTTP_PORT, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_PASSWORD_FILE, TLS_UPSTREAM,
                SECURE_COOKIES, SESSION_TIMEOUT, ADMIN_PASSWORD_FILE, LAYOUT, HISTORY_DAYS, STALE_AFTER, REPLICATION));
        return new ConfigCatalogue("cloud-dashboard", "DASHBOARD_", all);
    }
}
