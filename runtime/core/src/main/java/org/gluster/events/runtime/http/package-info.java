/**
 * The daemon's HTTP server and its core routes. Exported for the bundles that add routes of their
 * own ({@code /v1/listen}, {@code /v1/events}): the route property of {@link
 * org.gluster.events.runtime.http.HttpServer} and the JSON answers of {@link
 * org.gluster.events.runtime.http.Responses}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gluster.events.runtime.http;
