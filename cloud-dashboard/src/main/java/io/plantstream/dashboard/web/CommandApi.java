package io.plantstream.dashboard.web;

import io.plantstream.dashboard.jobs.CommandService;
import io.plantstream.events.JobCommandType;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Planners command jobs: dispatch (to a machine), start, pause, resume, abort. */
@RestController
@RequestMapping("/api/sites/{site}/jobs/{orderNo}/commands")
public class CommandApi {
    private final CommandService commands;

    public CommandApi(CommandService commands) {
        this.commands = commands;
    }

    /** What a page sends: the command, the machine (DISPATCH only) and a request id it made up once per click. */
    public record CommandRequest(String type, String machineId, String requestId) {
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> issue(@PathVariable String site, @PathVariable String orderNo,
            @RequestBody CommandRequest request, Authentication user) {
        Inputs.site(site);
        Inputs.id(orderNo, "order number");
        if (request == null || request.type() == null) {
            throw new Inputs.BadInput("type is required (" + java.util.Arrays.toString(JobCommandType.values()) + ")");
        }
        JobCommandType type = Inputs.enumValue(JobCommandType.class, request.type(), "command");
        if (request.machineId() != null && !request.machineId().isBlank()) {
            Inputs.id(request.machineId(), "machineId");
        }
        CommandService.Issued issued = commands.issue(user.getName(), site, orderNo, type, request.machineId(),
                request.requestId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("commandId", issued.commandId(), "repeated", issued.repeated()));
    }
}
