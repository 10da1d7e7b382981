package io.plantstream.dashboard.web;

import io.plantstream.dashboard.users.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The highest role a logged-in user holds. */
final class Roles {
    private Roles() {
    }

    static Role of(Authentication user) {
        Role highest = Role.VIEWER;
        for (GrantedAuthority authority : user.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority()) && role.ordinal() > highest.ordinal()) {
                    highest = role;
                }
            }
        }
        return highest;
    }
}
