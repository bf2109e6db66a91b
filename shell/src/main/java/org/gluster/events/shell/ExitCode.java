package org.gluster.events.shell;

/** The exit codes scripts rely on (PROTOCOL §4). */
final class ExitCode {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int SAME_VALUE = 2;
    static final int NO_NODE_OK = 3;
    static final int SOME_NODES_NOT_OK = 4;
    static final int WEBHOOK_EXISTS = 5;
    static final int WEBHOOK_MISSING = 6;
    static final int INVALID_CONFIG_NAME = 7;
    static final int WEBHOOKS_SYNC_FAILED = 8;
    static final int CONFIG_SYNC_FAILED = 9;

    private ExitCode() {
    }
}
