package org.gluster.events.shell;

/**
 * The exit codes scripts rely on: gluster-eventsapi's of PROTOCOL §4, and gluster-rest's, which
 * take numbers of their own (10 and up) so that no code means two things across the tools.
 */
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
    /** gluster-rest: the application is already registered. */
    static final int APP_EXISTS = 10;
    /** gluster-rest: no application of that name is registered. */
    static final int APP_MISSING = 11;
    /** gluster-rest: the change is made here, but some node did not take it yet (it will when it is back). */
    static final int APPS_SYNC_FAILED = 12;

    private ExitCode() {
    }
}
