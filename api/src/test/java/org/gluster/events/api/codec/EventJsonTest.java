package org.gluster.events.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {
    private static final long TS = 1_795_462_277L;

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static Event received(String name, Map<String, Object> message) {
        return Event.of(TS, name, message).received("id-1", "n1");
    }

    @Test
    void volumeSetEventSerialisesByteForByteLikeThePythonDaemon() {
        Event event = received("VOLUME_SET", map("name", "gv1", "options", List.of(List.of("changelog.changelog", "on"))));
        assertEquals("{\"event\": \"VOLUME_SET\", \"message\": {\"name\": \"gv1\", \"options\": [[\"changelog.changelog\", \"on\"]]},"
                + " \"nodeid\": \"n1\", \"ts\": 1795462277}", EventJson.toJson(event));
    }

    @Test
    void eventToJsonIsTheSameAsEventJson() {
        Event event = received("VOLUME_CREATE", map("name", "gv1"));
        assertEquals("{\"event\": \"VOLUME_CREATE\", \"message\": {\"name\": \"gv1\"}, \"nodeid\": \"n1\", \"ts\": 1795462277}",
                event.toJson());
        assertEquals(EventJson.toJson(event), event.toJson());
    }

    @Test
    void eventIdIsNotPartOfTheJson() {
        String json = received("VOLUME_CREATE", map("name", "gv1")).toJson();
        assertEquals(-1, json.indexOf("id-1"), json);
    }

    @Test
    void emptyMessageIsAnEmptyObject() {
        assertEquals("{\"event\": \"VOLUME_CREATE\", \"message\": {}, \"nodeid\": \"n1\", \"ts\": 1795462277}",
                received("VOLUME_CREATE", map()).toJson());
    }

    @Test
    void messageKeysAreSortedWhateverTheInsertionOrder() {
        Event event = received("VOLUME_CREATE", map("zeta", "1", "name", "gv1", "alpha", "2", "Beta", "3"));
        assertEquals(List.of("zeta", "name", "alpha", "Beta"), new ArrayList<>(event.message().keySet()));
        assertEquals("{\"event\": \"VOLUME_CREATE\", \"message\": {\"Beta\": \"3\", \"alpha\": \"2\", \"name\": \"gv1\", \"zeta\": \"1\"},"
                + " \"nodeid\": \"n1\", \"ts\": 1795462277}", event.toJson());
    }

    @Test
    void nestedObjectKeysAreSortedAtEveryLevel() {
        Map<String, Object> inner = map("y", 1, "b", map("z", true, "a", false));
        Map<String, Object> inList = map("k2", "v", "k1", "w");
        Event event = received("VOLUME_CREATE", map("outer", inner, "list", List.of(inList), "a", "x"));
        assertEquals("{\"a\": \"x\", \"list\": [{\"k1\": \"w\", \"k2\": \"v\"}], \"outer\": {\"b\": {\"a\": false, \"z\": true}, \"y\": 1}}",
                EventJson.toJson(event.message()));
    }

    @Test
    void listsKeepTheirOrder() {
        assertEquals("[\"b\", \"a\", \"c\"]", EventJson.toJson(List.of("b", "a", "c")));
        assertEquals("[]", EventJson.toJson(List.of()));
    }

    @Test
    void nonAsciiIsEscapedLikePythonEnsureAscii() {
        assertEquals("\"caf\\u00e9\"", EventJson.toJson("café"));
        assertEquals("\"vol-\\u00fc\"", EventJson.toJson("vol-ü"));
        assertEquals("\"\\u20ac\"", EventJson.toJson("€"));
    }

    @Test
    void characterOutsideTheBmpIsEscapedAsASurrogatePair() {
        assertEquals("\"\\ud83d\\ude00\"", EventJson.toJson("\uD83D\uDE00"));
        assertEquals("\"\\ud83d\\ude00\"", EventJson.toJson(new String(Character.toChars(0x1F600))));
    }

    @Test
    void nonAsciiInKeysAndEventFieldsIsEscapedToo() {
        Event event = Event.of(TS, "VOLUME_CREATE", map("clé", "é")).received("id", "nœud");
        assertEquals("{\"event\": \"VOLUME_CREATE\", \"message\": {\"cl\\u00e9\": \"\\u00e9\"}, \"nodeid\": \"n\\u0153ud\", \"ts\": 1795462277}",
                event.toJson());
    }

    @Test
    void quotesAndBackslashAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", EventJson.toJson("a\"b\\c"));
    }

    @Test
    void newlineTabAndOtherShortEscapesAreUsed() {
        assertEquals("\"a\\nb\\tc\\rd\\be\\ff\"", EventJson.toJson("a\nb\tc\rd\be\ff"));
    }

    @Test
    void otherControlCharactersAreUnicodeEscaped() {
        assertEquals("\"\\u0000\\u0001\\u001f\"", EventJson.toJson("\u0000\u0001\u001f"));
    }

    @Test
    void deleteCharacterIsEscaped() {
        assertEquals("\"\\u007f\"", EventJson.toJson("\u007f"));
    }

    @Test
    void printableAsciiIsKeptAsIs() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) if (c != '"' && c != '\\') ascii.append(c);
        assertEquals('"' + ascii.toString() + '"', EventJson.toJson(ascii.toString()));
    }

    @Test
    void pythonStyleEscapesMatchAReferenceString() {
        // json.dumps({"s": "\u00e9\U0001F600\x7f\x01\b\f\r\n\t\"\\"}, sort_keys=True)
        String expected = "{\"s\": \"\\u00e9\\ud83d\\ude00\\u007f\\u0001\\b\\f\\r\\n\\t\\\"\\\\\"}";
        assertEquals(expected, EventJson.toJson(map("s", "é\uD83D\uDE00\u007f\u0001\b\f\r\n\t\"\\")));
    }

    @Test
    void booleansSerialiseAsJsonLiterals() {
        assertEquals("{\"f\": false, \"t\": true}", EventJson.toJson(map("t", true, "f", false)));
    }

    @Test
    void integersSerialiseWithoutQuotesOrDecimals() {
        assertEquals("{\"big\": 123456789012345678901234567890, \"i\": 22, \"l\": 1795462277, \"min\": -9223372036854775808, \"neg\": -5, \"zero\": 0}",
                EventJson.toJson(map("i", 22, "l", 1_795_462_277L, "neg", -5, "zero", 0, "min", Long.MIN_VALUE,
                        "big", new BigInteger("123456789012345678901234567890"))));
    }

    @Test
    void nullSerialisesAsNull() {
        assertEquals("{\"n\": null}", EventJson.toJson(map("n", null)));
        assertEquals("null", EventJson.toJson((Object) null));
    }

    @Test
    void convertedAttributesSerialiseWithTheirTypes() {
        Event event = AttributeConversions.apply(received("GEOREP_CREATE",
                map("push-pem", "yes", "ssh-port", "22", "force", "0", "no-verify", "on")));
        assertEquals("{\"event\": \"GEOREP_CREATE\", \"message\": {\"force\": false, \"no-verify\": true, \"push-pem\": true, \"ssh-port\": 22},"
                + " \"nodeid\": \"n1\", \"ts\": 1795462277}", event.toJson());
    }

    @Test
    void decodedAndConvertedUdpEventSerialisesLikeTheWebhookBody() throws Exception {
        Event event = AttributeConversions.apply(
                EventDecoder.decode("1795462277 6 name=gv1;options=changelog.changelog,on,", 0L)).received("id", "n1");
        assertEquals("{\"event\": \"VOLUME_SET\", \"message\": {\"name\": \"gv1\", \"options\": [[\"changelog.changelog\", \"on\"]]},"
                + " \"nodeid\": \"n1\", \"ts\": 1795462277}", event.toJson());
    }

    @Test
    void arraysOfStringsSerialiseAsLists() {
        assertEquals("[\"a\", \"b\"]", EventJson.toJson(Arrays.asList("a", "b")));
    }

    /** Expected values are Python 3's json.dumps of the same float. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.0|1.0",
            "0.5|0.5",
            "-0.0|-0.0",
            "123.456|123.456",
            "0.0001|0.0001",
            "0.00001|1e-05",
            "1.5e-5|1.5e-05",
            "-2.5e-7|-2.5e-07",
            "12345678.5|12345678.5",
            "9999999999999998.0|9999999999999998.0",
            "1e16|1e+16",
            "1e22|1e+22",
            "1.2345678901234568e17|1.2345678901234568e+17",
            "1e100|1e+100",
    })
    void floatsSerialiseLikePythonRepr(double value, String expected) {
        assertEquals(expected, EventJson.toJson(value));
    }

    @Test
    void nonFiniteFloatsSerialiseLikePythonJsonDumps() {
        assertEquals("NaN", EventJson.toJson(Double.NaN));
        assertEquals("Infinity", EventJson.toJson(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", EventJson.toJson(Double.NEGATIVE_INFINITY));
    }
}
