package org.gluster.events.api.emit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;
import org.gluster.events.api.codec.EventDecoder;
import org.gluster.events.api.codec.EventJson;

/**
 * Sends one event to this node's glustereventsd, the way every gf_event client does: the wire text
 * of PROTOCOL §1a ({@code "<seconds> <code> k1=v1;k2=v2"}), or, when that text cannot carry the
 * pairs exactly (a {@code ;} or a control character such as a line break, an {@code =} in a key, a
 * value ending in blanks), one JSON object
 * {@code {"event": <code>, "ts": <seconds>, "message": {...}}}, which the daemon accepts too.
 *
 * <p>The JVM cannot send AF_UNIX datagrams without native code, so this emitter always uses UDP:
 * {@code 127.0.0.1}, port {@code GF_EVENTS_PORT} or 55555, as Gluster's own daemons do. It never
 * throws and never blocks for more than a few milliseconds: the result is one of the codes below,
 * and what went wrong is logged ({@code java.util.logging}, logger {@code gfevents}).
 *
 * <pre>{@code
 * int code = GfEvent.send(EventTypes.byName("Volume.Create").orElseThrow(), Map.of("name", "gv1"));
 * if (code != GfEvent.EVENT_SEND_OK) ...
 * }</pre>
 */
public final class GfEvent {
    public static final int EVENT_SEND_OK = 0;
    public static final int EVENT_ERROR_INVALID_INPUTS = 1;
    public static final int EVENT_ERROR_SOCKET = 2;
    public static final int EVENT_ERROR_CONNECT = 3;
    public static final int EVENT_ERROR_SEND = 4;
    public static final int EVENT_ERROR_RESOLVE = 5;
    public static final int EVENT_ERROR_MSG_FORMAT = 6;
    /** Longest datagram the daemon takes. */
    static final int MAX_BYTES = EventDecoder.MAX_EVENT_BYTES;
    /** How long a send waits for the kernel to say nobody listens on the port (loopback answers at once). */
    private static final long REFUSAL_WAIT_MILLIS = 2;
    private static final Logger LOG = Logger.getLogger("gfevents");

    private GfEvent() {
    }

    /** Sends {@code type} with {@code attributes} (values as their text) to the port of {@code GF_EVENTS_PORT} or 55555. */
    public static int send(EventType type, Map<String, ?> attributes) {
        String port = System.getenv("GF_EVENTS_PORT");
        try {
            return send(type, attributes, port == null || port.isBlank() ? 55555 : Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            LOG.warning("gf_event: GF_EVENTS_PORT is not a port: " + port);
            return EVENT_ERROR_INVALID_INPUTS;
        }
    }

    /** The same, by a name in any form ({@code Volume.Create}, {@code VOLUME_CREATE}, {@code EVENT_VOLUME_CREATE}). */
    public static int send(String typeName, Map<String, ?> attributes) {
        Optional<EventType> type = typeName == null ? Optional.empty() : EventTypes.byName(typeName);
        if (type.isEmpty()) {
            LOG.warning("gf_event: unknown event type " + typeName);
            return EVENT_ERROR_INVALID_INPUTS;
        }
        return send(type.get(), attributes);
    }

    /** The same to another UDP port of 127.0.0.1. */
    public static int send(EventType type, Map<String, ?> attributes, int port) {
        if (type == null || EventTypes.byCode(type.code()).isEmpty() || attributes == null || port < 1 || port > 65535) {
            LOG.warning("gf_event: invalid input (type " + type + ", port " + port + ")");
            return EVENT_ERROR_INVALID_INPUTS;
        }
        byte[] datagram = wire(type, attributes, System.currentTimeMillis() / 1000).getBytes(StandardCharsets.UTF_8);
        if (datagram.length > MAX_BYTES) {
            LOG.warning("gf_event: " + type.eventName() + " is " + datagram.length + " bytes, more than " + MAX_BYTES);
            return EVENT_ERROR_MSG_FORMAT;
        }
        DatagramChannel channel;
        try {
            channel = DatagramChannel.open();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "gf_event: no socket", e);
            return EVENT_ERROR_SOCKET;
        }
        try (channel) {
            try {
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                channel.configureBlocking(false);
            } catch (IOException e) {
                LOG.warning("gf_event: cannot connect to 127.0.0.1:" + port + ": " + e);
                return EVENT_ERROR_CONNECT;
            }
            if (channel.write(ByteBuffer.wrap(datagram)) != datagram.length) {
                LOG.warning("gf_event: the datagram was not sent whole");
                return EVENT_ERROR_SEND;
            }
            return refused(channel) ? EVENT_ERROR_CONNECT : EVENT_SEND_OK;
        } catch (IOException e) {
            LOG.warning("gf_event: sending to 127.0.0.1:" + port + " failed: " + e);
            return EVENT_ERROR_SEND;
        }
    }

    /** Whether the kernel reported, within {@value #REFUSAL_WAIT_MILLIS} ms, that nothing listens on the port. */
    private static boolean refused(DatagramChannel channel) throws IOException {
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            // The refusal makes the channel readable: its read then throws.
            if (selector.select(REFUSAL_WAIT_MILLIS) == 0) return false;
            channel.read(ByteBuffer.allocate(1));
            return false;
        } catch (PortUnreachableException e) {
            LOG.warning("gf_event: glustereventsd is not listening on UDP port " + ((InetSocketAddress) channel.getRemoteAddress()).getPort());
            return true;
        }
    }

    /** The datagram's text: PROTOCOL §1a, or JSON when the pairs cannot be written so. */
    static String wire(EventType type, Map<String, ?> attributes, long seconds) {
        Map<String, String> message = new TreeMap<>();
        attributes.forEach((key, value) -> message.put(String.valueOf(key), String.valueOf(value)));
        boolean textSafe = message.entrySet().stream().allMatch(e -> carriedByText(e.getKey(), e.getValue()));
        if (!textSafe) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("event", type.code());
            json.put("ts", seconds);
            json.put("message", message);
            return EventJson.toJson(json);
        }
        StringBuilder text = new StringBuilder().append(seconds).append(' ').append(type.code()).append(' ');
        message.forEach((key, value) -> text.append(key).append('=').append(value).append(';'));
        if (!message.isEmpty()) text.setLength(text.length() - 1);
        return text.toString();
    }

    /**
     * Whether the text form carries the pair exactly: the daemon splits pairs on {@code ;} and each
     * on its first {@code =}, strips keys and the text's end, and refuses control characters.
     */
    private static boolean carriedByText(String key, String value) {
        return !key.isEmpty() && key.equals(key.strip()) && key.indexOf('=') < 0 && key.indexOf(';') < 0
                && value.indexOf(';') < 0 && value.equals(value.stripTrailing())
                && key.chars().noneMatch(Character::isISOControl) && value.chars().noneMatch(Character::isISOControl);
    }
}
