package io.plantstream.testkit.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser-like session against a web application with form login (Spring Security) over HTTP: keeps its cookies itself (the JDK's
 * cookie store withholds Secure cookies from http://localhost, browsers do not), logs in through
 * the login form, and sends the CSRF token of the page with changes unless told not to.
 */
public final class WebSession {
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> setCookieLines = new LinkedHashMap<>();
    private String csrf;

    public WebSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Logs in through the form; returns where the server sent the browser afterwards. */
    public String login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login");
        Matcher token = CSRF_INPUT.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password,
                        "_csrf", token.group(1))))));
        String location = done.headers().firstValue("Location").orElse("");
        if (!location.contains("error")) {
            Matcher meta = CSRF_META.matcher(get("/").body());
            csrf = meta.find() ? meta.group(1) : null;
        }
        return location;
    }

    /** A GET as a browser sends it: pages accept HTML, the page's script asks the API for JSON. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String accept = path.startsWith("/api/") ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8";
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    /** A change with the session's CSRF token. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return change("POST", path, json, true);
    }

    public HttpResponse<String> change(String method, String path, String json, boolean withCsrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (withCsrf && csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** The Set-Cookie line the server sent for a cookie, with its attributes. */
    public String setCookie(String name) {
        return setCookieLines.get(name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> lines = response.headers().allValues("Set-Cookie");
        for (String line : lines) {
            String pair = line.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            setCookieLines.put(name, line);
            if (pair.substring(eq + 1).isEmpty() || line.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(eq + 1));
            }
        }
        return response;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
