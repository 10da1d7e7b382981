package io.plantstream.dashboard.web;

import io.plantstream.dashboard.view.PlantView;
import io.plantstream.dashboard.view.Screens.JobRow;
import io.plantstream.events.OeeRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OEE per shift and jobs as CSV files, for spreadsheets and reports. */
@RestController
@RequestMapping("/api/export")
public class ExportApi {
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final PlantView view;
    private final Clock clock;

    public ExportApi(PlantView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    @GetMapping("/oee.csv")
    ResponseEntity<String> oee(@RequestParam(required = false) String site,
            @RequestParam(defaultValue = "30") int days) {
        if (site != null && !site.isBlank()) {
            Inputs.site(site);
        }
        Inputs.range(days, 1, 400, "days");
        Instant to = clock.instant();
        StringBuilder csv = new StringBuilder(Csv.line(List.of("site", "machine", "shift", "window_start",
                "window_end", "final", "planned_s", "run_s", "total", "good", "availability", "performance",
                "quality", "oee", "data_problems")));
        for (Map.Entry<String, OeeRecord> entry : view.shiftRecords(site, to.minus(Duration.ofDays(days)), to)) {
            OeeRecord r = entry.getValue();
            csv.append(Csv.line(java.util.Arrays.asList(entry.getKey(), r.machineId(), r.shift(), r.windowStart(),
                    r.windowEnd(), r.finalResult(), r.plannedSeconds(), r.runSeconds(), r.totalCount(), r.goodCount(),
                    r.availability(), r.performance(), r.quality(), r.oee(), String.join("; ", r.dataProblems()))));
        }
        return file("oee-" + (site == null || site.isBlank() ? "all-sites" : site) + ".csv", csv.toString());
    }

    @GetMapping("/jobs.csv")
    ResponseEntity<String> jobs(@RequestParam(required = false) String site) {
        if (site != null && !site.isBlank()) {
            Inputs.site(site);
        }
        StringBuilder csv = new StringBuilder(Csv.line(List.of("site", "order", "machine", "article", "status",
                "produced", "rejected", "good", "target", "due", "eta", "last_command", "answer", "note")));
        for (JobRow job : view.jobs(site, j -> true)) {
            csv.append(Csv.line(java.util.Arrays.asList(job.site(), job.orderNo(), job.machineId(), job.article(),
                    job.status(), job.produced(), job.rejected(), job.good(), job.target(), job.dueDate(), job.eta(),
                    job.lastCommand() == null ? null : job.lastCommand().type(),
                    job.lastCommand() == null ? null : job.lastCommand().answer(), job.note())));
        }
        return file("jobs-" + (site == null || site.isBlank() ? "all-sites" : site) + ".csv", csv.toString());
    }

    private static ResponseEntity<String> file(String name, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }
}
