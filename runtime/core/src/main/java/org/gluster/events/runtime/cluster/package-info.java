/**
 * What the runtime's own cluster bundles (peer relay, WebSocket) need from the core: who the peers
 * are, the cluster token for node-to-node calls, the application tokens that admit WebSocket
 * clients, and the inbox for events relayed by peers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gluster.events.runtime.cluster;
