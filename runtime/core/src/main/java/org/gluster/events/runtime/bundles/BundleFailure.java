package org.gluster.events.runtime.bundles;

/** A bundle operation that cannot be done: the message for the user and the HTTP status that says why. */
public final class BundleFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** 400 bad request, 404 no such bundle, 409 refused in this state, 500 the daemon failed. */
    public final int status;

    public BundleFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
