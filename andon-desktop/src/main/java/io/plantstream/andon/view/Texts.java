package io.plantstream.andon.view;

import io.plantstream.events.AndonReason;
import io.plantstream.events.MachineStatus;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The board's words in the configured language (English or German). */
public final class Texts {
    private final ResourceBundle bundle;
    private final Locale locale;

    public Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("io.plantstream.andon.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, locale).format(arguments);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public String state(MachineStatus status) {
        return get("state." + (status == null ? "UNKNOWN" : status.name()));
    }

    public String reason(AndonReason reason) {
        return get("reason." + reason.name());
    }
}
