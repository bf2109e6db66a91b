/**
 * The event model and the plugin SPI of glustereventsd: {@link org.gluster.events.api.Event},
 * {@link org.gluster.events.api.EventSource}, {@link org.gluster.events.api.EventFilter},
 * {@link org.gluster.events.api.EventSink} and the journal a sink reads from.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.gluster.events.api;
