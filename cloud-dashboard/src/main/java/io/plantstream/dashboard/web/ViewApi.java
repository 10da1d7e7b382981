package io.plantstream.dashboard.web;

import io.plantstream.dashboard.live.LiveUpdates;
import io.plantstream.dashboard.view.PlantView;
import io.plantstream.dashboard.view.Screens.AlertRow;
import io.plantstream.dashboard.view.Screens.AndonRow;
import io.plantstream.dashboard.view.Screens.JobRow;
import io.plantstream.dashboard.view.Screens.MachineDetail;
import io.plantstream.dashboard.view.Screens.SiteOverview;
import io.plantstream.events.JobStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** What the pages read: the overview, a machine, jobs, alerts, Andon calls, and the live updates. */
@RestController
@RequestMapping("/api")
public class ViewApi {
    private final PlantView view;
    private final LiveUpdates live;

    public ViewApi(PlantView view, LiveUpdates live) {
        this.view = view;
        this.live = live;
    }

    @GetMapping("/me")
    Map<String, String> me(Authentication user) {
        return Map.of("user", user.getName(), "role", Roles.of(user).name());
    }

    @GetMapping("/overview")
    List<SiteOverview> overview() {
        return view.overview();
    }

    @GetMapping("/sites/{site}/machines/{machine}")
    MachineDetail machine(@PathVariable String site, @PathVariable String machine,
            @RequestParam(defaultValue = "14") int days) {
        Inputs.site(site);
        Inputs.id(machine, "machine");
        Inputs.range(days, 1, 62, "days");
        return view.machine(site, machine, days)
                .orElseThrow(() -> new NoSuchElementException("no machine " + machine + " at site " + site));
    }

    @GetMapping("/jobs")
    List<JobRow> jobs(@RequestParam(required = false) String site, @RequestParam(required = false) String status,
            @RequestParam(required = false) String machine, @RequestParam(required = false) String q) {
        Predicate<JobRow> filter = job -> true;
        if (site != null && !site.isBlank()) {
            Inputs.site(site);
        }
        if (status != null && !status.isBlank()) {
            JobStatus wanted = Inputs.enumValue(JobStatus.class, status, "status");
            filter = filter.and(job -> job.status().equals(wanted.name()));
        }
        if (machine != null && !machine.isBlank()) {
            filter = filter.and(job -> machine.equals(job.machineId()));
        }
        if (q != null && !q.isBlank()) {
            String text = q.toLowerCase(Locale.ROOT);
            filter = filter.and(job -> job.orderNo().toLowerCase(Locale.ROOT).contains(text)
                    || (job.article() != null && job.article().toLowerCase(Locale.ROOT).contains(text)));
        }
        return view.jobs(site, filter);
    }

    @GetMapping("/alerts")
    List<AlertRow> alerts(@RequestParam(required = false) String site) {
        return view.alerts(site);
    }

    @GetMapping("/andon")
    List<AndonRow> andon(@RequestParam(required = false) String site) {
        return view.calls(site);
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live() {
        return live.subscribe();
    }
}
