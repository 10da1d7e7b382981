package io.plantstream.dashboard.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The two pages: the login form, and the application (one page; its views are drawn by app.js). */
@Controller
public class PageController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String app(Model model, Authentication user) {
        model.addAttribute("user", user.getName());
        model.addAttribute("role", Roles.of(user).name());
        return "app";
    }
}
