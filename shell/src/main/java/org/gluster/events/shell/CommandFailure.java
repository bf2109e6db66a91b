package org.gluster.events.shell;

/** A failure to report to the user: the message, and the exit code scripts check. */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }
}
