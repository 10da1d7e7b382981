package io.plantstream.dashboard;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts and stops the dashboard (Spring Boot with Tomcat) from validated configuration. It
 * refuses to serve passwords in clear text: plain HTTP only on a loopback address, or behind a
 * proxy that terminates TLS ({@code tls.terminated.upstream}); anywhere else it needs a key store.
 */
public final class DashboardServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private DashboardServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static DashboardServer start(Config config) {
        checkTransport(config);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DashboardApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("dashboardConfig", config))
                .properties(springProperties(config))
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run();
        return new DashboardServer(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A service of the running dashboard, for tests and the local plant. */
    public <T> T service(Class<T> type) {
        return context.getBean(type);
    }

    static Map<String, Object> springProperties(Config config) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.address", config.get(DashboardConfig.HTTP_ADDRESS));
        props.put("server.port", config.get(DashboardConfig.HTTP_PORT));
        props.put("server.shutdown", "immediate");
        props.put("server.servlet.session.timeout", config.get(DashboardConfig.SESSION_TIMEOUT).toSeconds() + "s");
        props.put("server.servlet.session.cookie.name", "PLANTSTREAM_SESSION");
        props.put("server.servlet.session.cookie.http-only", true);
        props.put("server.servlet.session.cookie.secure", config.get(DashboardConfig.SECURE_COOKIES));
        props.put("server.servlet.session.cookie.same-site", "strict");
        props.put("server.servlet.session.tracking-modes", "cookie");
        props.put("server.error.whitelabel.enabled", false);
        props.put("spring.main.banner-mode", "off");
        props.put("spring.mvc.async.request-timeout", "-1");
        String keystore = config.get(DashboardConfig.TLS_KEYSTORE);
        if (!keystore.isBlank()) {
            props.put("server.ssl.enabled", true);
            props.put("server.ssl.key-store", keystore);
            props.put("server.ssl.key-store-type", "PKCS12");
            props.put("server.ssl.key-store-password",
                    config.secret(DashboardConfig.TLS_KEYSTORE_PASSWORD, DashboardConfig.TLS_KEYSTORE_PASSWORD_FILE));
        }
        if (config.get(DashboardConfig.TLS_UPSTREAM)) {
            props.put("server.forward-headers-strategy", "native");
        }
        return props;
    }

    private static void checkTransport(Config config) {
        String address = config.get(DashboardConfig.HTTP_ADDRESS);
        boolean tls = !config.get(DashboardConfig.TLS_KEYSTORE).isBlank() || config.get(DashboardConfig.TLS_UPSTREAM);
        if (!tls && !isLoopback(address)) {
            throw new ConfigException("cloud-dashboard", List.of("http.address = " + address + " is reachable from "
                    + "other hosts, and passwords would travel in clear text: set tls.keystore, or "
                    + "tls.terminated.upstream=true behind a proxy that terminates TLS, or listen on 127.0.0.1"));
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("cloud-dashboard", List.of("http.address = " + address + " is unknown"));
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
