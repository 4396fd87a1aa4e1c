package io.parkcredit.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A mainland mobile number for SMS (DOMAIN.md §2): 11 digits {@code 1[3-9]xxxxxxxxx}, an optional
 * {@code +86} prefix; spaces and hyphens between digit groups are tolerated. Stored as 11 digits.
 */
public record Mobile(String value) {

    public Mobile {
        if (value == null || !value.matches("1[3-9]\\d{9}")) {
            throw new InvalidValueException("not a mainland mobile number (11 digits starting 13-19): " + value);
        }
    }

    @JsonCreator
    public static Mobile parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("mobile number is missing");
        }
        String s = text.strip().replace(" ", "").replace("-", "");
        if (s.startsWith("+86")) {
            s = s.substring(3);
        }
        if (!s.matches("1[3-9]\\d{9}")) {
            throw new InvalidValueException("not a mainland mobile number (11 digits starting 13-19, optional +86): " + Numbers.shorten(text));
        }
        return new Mobile(s);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** 138****1234: for pages and logs that must not expose the whole number. */
    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    @Override
    public String toString() {
        return value;
    }
}
