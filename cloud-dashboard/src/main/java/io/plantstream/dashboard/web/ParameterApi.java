package io.plantstream.dashboard.web;

import io.plantstream.dashboard.view.ParameterHistory;
import io.plantstream.dashboard.view.ParameterHistory.Chart;
import io.plantstream.dashboard.view.ParameterHistory.ParameterSummary;
import io.plantstream.dashboard.view.ParameterHistory.Point;
import io.plantstream.dashboard.view.PlantView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A machine's key parameters: the list, a chart over a range with its limits and alerts, and the same as CSV. */
@RestController
@RequestMapping("/api")
public class ParameterApi {
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ParameterHistory history;
    private final PlantView view;

    public ParameterApi(ParameterHistory history, PlantView view) {
        this.history = history;
        this.view = view;
    }

    @GetMapping("/sites/{site}/machines/{machine}/parameters")
    List<ParameterSummary> parameters(@PathVariable String site, @PathVariable String machine) {
        Inputs.site(site);
        Inputs.id(machine, "machine");
        return history.parameters(site, machine);
    }

    @GetMapping("/sites/{site}/machines/{machine}/parameters/{parameter}")
    Chart chart(@PathVariable String site, @PathVariable String machine, @PathVariable String parameter,
            @RequestParam(defaultValue = "shift") String range) {
        return find(site, machine, parameter, range);
    }

    @GetMapping("/export/parameter.csv")
    ResponseEntity<String> csv(@RequestParam String site, @RequestParam String machine, @RequestParam String parameter,
            @RequestParam(defaultValue = "shift") String range) {
        Chart chart = find(site, machine, parameter, range);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("site", "machine", "parameter", "unit", "resolution",
                "window_start", "window_end", "count", "min", "max", "mean", "stddev", "spec_lower", "spec_upper",
                "control_lower", "control_upper")));
        for (Point p : chart.points()) {
            csv.append(Csv.line(Arrays.asList(site, machine, parameter, chart.unit(), chart.resolution(), p.start(),
                    p.end(), p.count(), p.min(), p.max(), p.mean(), p.stddev(), chart.specLower(), chart.specUpper(),
                    chart.controlLower(), chart.controlUpper())));
        }
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + site + "-" + machine + "-" + parameter + "-" + chart.range() + ".csv\"")
                .body(csv.toString());
    }

    private Chart find(String site, String machine, String parameter, String range) {
        Inputs.site(site);
        Inputs.id(machine, "machine");
        Inputs.id(parameter, "parameter");
        ParameterHistory.Range wanted = Inputs.enumValue(ParameterHistory.Range.class, range, "range");
        Chart chart = history.chart(site, machine, parameter, wanted, view.shiftStart(site, machine).orElse(null));
        if (chart == null) {
            throw new NoSuchElementException("no parameter " + parameter + " of machine " + machine + " at site " + site);
        }
        return chart;
    }
}
