package io.plantstream.dashboard.web;

import io.plantstream.dashboard.users.AuditTrail;
import io.plantstream.dashboard.users.LoginThrottle;
import io.plantstream.dashboard.users.UserDirectory;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what. Every page and every API call needs a logged-in user; reading needs the role
 * VIEWER, job commands PLANNER, accounts and the audit trail ADMIN (each role includes the ones
 * below it). Sessions live in an HttpOnly, SameSite=Strict cookie (Secure unless switched off for
 * plain-HTTP development); every change needs the CSRF token; the API answers 401 instead of
 * redirecting to the login page. Logins are throttled per user name and audited, as are refused
 * changes.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, UserDirectory users, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, AuditTrail audit) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/css/login.css", "/favicon.svg", "/health", "/ready").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/sites/*/jobs/*/commands").hasRole("PLANNER")
                        .requestMatchers("/api/users", "/api/users/**", "/api/audit").hasRole("ADMIN")
                        .anyRequest().hasRole("VIEWER"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true)
                        .failureUrl("/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("PLANTSTREAM_SESSION"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        .accessDeniedHandler(auditedDenial(audit)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .authenticationProvider(throttledLogin(users, passwordEncoder, throttle, audit));
        return http.build();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_PLANNER\nROLE_PLANNER > ROLE_VIEWER");
    }

    /** Password check with Argon2id hashes, refused while the name is throttled; every outcome audited. */
    private static AuthenticationProvider throttledLogin(UserDirectory users, PasswordEncoder encoder,
            LoginThrottle throttle, AuditTrail audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication login) {
                String name = login.getName();
                if (!throttle.allowed(name)) {
                    audited(audit, name, "LOGIN", "LOCKED", "too many failed logins");
                    throw new LockedException("too many failed logins; try again later");
                }
                try {
                    Authentication done = passwords.authenticate(login);
                    throttle.succeeded(name);
                    audited(audit, name, "LOGIN", "OK", null);
                    return done;
                } catch (AuthenticationException e) {
                    throttle.failed(name);
                    audited(audit, name, "LOGIN", "FAILED", e.getClass().getSimpleName());
                    throw e;
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return passwords.supports(authentication);
            }
        };
    }

    /** 403 as usual; a refused change by a logged-in user is written to the audit trail. */
    private static AccessDeniedHandler auditedDenial(AuditTrail audit) {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (!"GET".equals(request.getMethod()) && request.getUserPrincipal() != null) {
                audited(audit, request.getUserPrincipal().getName(), request.getMethod() + " " + request.getRequestURI(),
                        "DENIED", denied.getMessage());
            }
            forbidden.handle(request, response, denied);
        };
    }

    /** The audit trail of logins and refusals is best effort: a cloud Kafka outage must not lock everybody out. */
    private static void audited(AuditTrail audit, String user, String action, String outcome, String detail) {
        String who = user == null || user.isBlank() ? "(blank)" : user.length() > 100 ? user.substring(0, 100) : user;
        try {
            audit.record(audit.entry(who, action.length() > 120 ? action.substring(0, 120) : action, outcome, null, null,
                    detail));
        } catch (RuntimeException e) {
            LOG.warn("Audit entry {} {} of {} not written: {}", action, outcome, who, e.getMessage());
        }
    }
}
