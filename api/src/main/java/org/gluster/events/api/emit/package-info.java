/** gf_event for JVM programs: send one event to this node's glustereventsd, as the C, Python and Go clients do. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gluster.events.api.emit;
