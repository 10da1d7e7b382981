package io.plantstream.dashboard.web;

import io.plantstream.dashboard.feed.CloudFeed;
import io.plantstream.dashboard.live.LiveUpdates;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Probes without login (they reveal no plant data): alive, and ready once the view is rebuilt. */
@RestController
public class HealthApi {
    private final CloudFeed feed;
    private final LiveUpdates live;

    public HealthApi(CloudFeed feed, LiveUpdates live) {
        this.feed = feed;
        this.live = live;
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        return status();
    }

    @GetMapping("/ready")
    ResponseEntity<Map<String, Object>> ready() {
        return ResponseEntity.status(feed.caughtUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(status());
    }

    private Map<String, Object> status() {
        Map<String, Object> status = new HashMap<>();
        status.put("status", feed.caughtUp() ? "UP" : "LOADING");
        status.put("records", feed.status().get("records"));
        status.put("undecodable", feed.status().get("undecodable"));
        status.put("livePages", live.listeners());
        return status;
    }
}
