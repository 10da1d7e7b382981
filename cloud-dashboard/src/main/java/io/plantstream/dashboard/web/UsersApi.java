package io.plantstream.dashboard.web;

import io.plantstream.dashboard.users.AuditEntry;
import io.plantstream.dashboard.users.AuditTrail;
import io.plantstream.dashboard.users.Role;
import io.plantstream.dashboard.users.UserDirectory;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins manage accounts and read the audit trail. */
@RestController
@RequestMapping("/api")
public class UsersApi {
    private final UserDirectory users;
    private final AuditTrail audit;

    public UsersApi(UserDirectory users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    public record NewUser(String username, String role, String password) {
    }

    public record UserChange(String role, Boolean enabled, String password) {
    }

    @GetMapping("/users")
    List<UserDirectory.Account> accounts() {
        return users.accounts();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    void create(@RequestBody NewUser user, Authentication admin) {
        if (user == null || user.username() == null || user.role() == null) {
            throw new Inputs.BadInput("username, role and password are required");
        }
        users.create(admin.getName(), user.username(), Inputs.enumValue(Role.class, user.role(), "role"),
                user.password());
    }

    @PatchMapping("/users/{username}")
    void change(@PathVariable String username, @RequestBody UserChange change, Authentication admin) {
        Role role = change.role() == null ? null : Inputs.enumValue(Role.class, change.role(), "role");
        users.change(admin.getName(), username, role, change.enabled(), change.password());
    }

    /** Password change by the user themself, any role. */
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void ownPassword(@RequestBody UserChange change, Authentication user) {
        if (change == null || change.password() == null) {
            throw new Inputs.BadInput("password is required");
        }
        users.change(user.getName(), user.getName(), null, null, change.password());
    }

    @GetMapping("/audit")
    List<AuditEntry> audit(@RequestParam(defaultValue = "200") int limit) {
        return audit.latest(Inputs.range(limit, 1, 5_000, "limit"));
    }
}
