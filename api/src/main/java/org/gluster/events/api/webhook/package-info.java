/**
 * What a webhook receives and what is kept when it refuses: the request of PROTOCOL §2a with its
 * {@code Authorization} and Standard Webhooks headers, and the dead-letter file. Shared by the
 * webhook sink, which sends and dead-letters, and {@code gluster-eventsapi}, which replays dead
 * letters exactly as the sink would have sent them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gluster.events.api.webhook;
