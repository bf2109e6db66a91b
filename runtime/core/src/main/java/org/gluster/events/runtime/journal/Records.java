package org.gluster.events.runtime.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;

/**
 * The disk journal's record: {@code magic, payload length, CRC-32C, position} (20 bytes), then the
 * event as JSON. The CRC covers the position and the payload, so a torn or damaged record is
 * recognised and skipped; the magic lets recovery find the next whole record after damage.
 */
final class Records {
    static final int MAGIC = 0x47455631; // "GEV1"
    static final int HEADER_BYTES = 20;
    /** Far above any event (sources refuse more than 64 KiB of input). */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;
    /** Reads back what {@code EventJson} writes, including the {@code NaN} and {@code Infinity} Python writes too. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Records() {
    }

    /** The event as stored: the consumers' JSON plus its id and whether it was relayed. */
    static byte[] payload(Event event) {
        String body = event.toJson();
        return ("{\"id\": " + EventJson.toJson((Object) event.id()) + ", \"relayed\": " + event.relayed() + ", "
                + body.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    static ByteBuffer encode(long position, byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.putInt(MAGIC).putInt(payload.length).putInt(crc(position, payload, 0, payload.length)).putLong(position)
                .put(payload).flip();
        return record;
    }

    static int crc(long position, byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, position));
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    /**
     * The length of the whole record at {@code offset} of {@code data} if it is valid there (magic,
     * length within bounds and within {@code limit}, CRC), else -1.
     */
    static int validLength(ByteBuffer data, long offset, long limit) {
        if (offset + HEADER_BYTES > limit) return -1;
        int at = (int) offset;
        if (data.getInt(at) != MAGIC) return -1;
        int length = data.getInt(at + 4);
        if (length < 0 || length > MAX_PAYLOAD_BYTES || offset + HEADER_BYTES + length > limit) return -1;
        byte[] payload = new byte[length];
        data.get(at + HEADER_BYTES, payload);
        if (crc(data.getLong(at + 12), payload, 0, length) != data.getInt(at + 8)) return -1;
        return HEADER_BYTES + length;
    }

    static long position(ByteBuffer data, long offset) {
        return data.getLong((int) offset + 12);
    }

    static Event decode(byte[] payload, int offset, int length) throws IOException {
        Map<?, ?> stored = JSON.readValue(payload, offset, length, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) stored.get("message");
        return Event.of((String) stored.get("id"), (String) stored.get("nodeid"), ((Number) stored.get("ts")).longValue(),
                (String) stored.get("event"), message == null ? Map.of() : message, Boolean.TRUE.equals(stored.get("relayed")));
    }
}
