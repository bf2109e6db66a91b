package org.gluster.events.api.codec;

/** Input that is not an event: carries a short, stable reason for counting and a detail for the log. */
public final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public MalformedEventException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** For example {@code empty}, {@code not-utf8}, {@code oversize}, {@code unknown-type}, {@code bad-format}. */
    public String reason() {
        return reason;
    }
}
