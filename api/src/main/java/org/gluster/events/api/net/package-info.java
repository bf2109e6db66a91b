/** Network helpers shared by sources: address blocks for allow lists. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gluster.events.api.net;
