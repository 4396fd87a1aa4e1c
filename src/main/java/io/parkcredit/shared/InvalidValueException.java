package io.parkcredit.shared;

/**
 * A value that fails its value object's factory (a bad USCC, date, amount, mobile…). Carries a
 * message meant for the person who typed or exported the value; the caller adds the field or cell.
 */
public class InvalidValueException extends RuntimeException {
    public InvalidValueException(String message) {
        super(message);
    }
}
