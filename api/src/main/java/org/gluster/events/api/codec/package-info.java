/**
 * Wire formats: the decoders for what producers send (UDP text, the seed's dotted text, JSON),
 * the attribute conversions the existing daemon applies, and the JSON consumers receive.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gluster.events.api.codec;
