package org.gluster.events.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeConversionsTest {
    private static final long TS = 1_795_462_277L;

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static Event event(String name, Object... keysAndValues) {
        return Event.of(TS, name, map(keysAndValues));
    }

    private static Object converted(String name, String key, Object value) {
        return AttributeConversions.apply(event(name, key, value)).message().get(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "on", "true", "yes", "ON", "True", "YES", " on "})
    void forceTrueWordsBecomeTrue(String text) {
        assertEquals(Boolean.TRUE, converted("VOLUME_START", "force", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "on", "true", "yes"})
    void pushPemTrueWordsBecomeTrue(String text) {
        assertEquals(Boolean.TRUE, converted("GEOREP_CREATE", "push-pem", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "on", "true", "yes"})
    void noVerifyTrueWordsBecomeTrue(String text) {
        assertEquals(Boolean.TRUE, converted("GEOREP_CREATE", "no-verify", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "off", "no", "false", "", "maybe", "2"})
    void booleanAttributesOtherWordsBecomeFalse(String text) {
        assertEquals(Boolean.FALSE, converted("VOLUME_START", "force", text));
        assertEquals(Boolean.FALSE, converted("GEOREP_CREATE", "push-pem", text));
        assertEquals(Boolean.FALSE, converted("GEOREP_CREATE", "no-verify", text));
    }

    @Test
    void booleanConversionKeepsOtherAttributes() {
        Event result = AttributeConversions.apply(event("VOLUME_START", "name", "gv1", "force", "1"));
        assertEquals(map("name", "gv1", "force", true), result.message());
        assertEquals(List.of("name", "force"), new ArrayList<>(result.message().keySet()));
    }

    @Test
    void sshPortBecomesALong() {
        Object value = converted("GEOREP_CREATE", "ssh-port", "22");
        assertInstanceOf(Long.class, value);
        assertEquals(22L, value);
    }

    @Test
    void sshPortWithSurroundingSpacesBecomesALong() {
        assertEquals(2222L, converted("GEOREP_CREATE", "ssh-port", " 2222 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "22a", "2.5"})
    void sshPortThatDoesNotParseStaysText(String text) {
        assertEquals(text, converted("GEOREP_CREATE", "ssh-port", text));
    }

    @Test
    void sshPortThatDoesNotParseLeavesTheSameInstance() {
        Event event = event("GEOREP_CREATE", "ssh-port", "abc");
        assertSame(event, AttributeConversions.apply(event));
    }

    @Test
    void volumeSetOptionsWithTrailingCommaBecomePairs() {
        assertEquals(List.of(List.of("k1", "v1"), List.of("k2", "v2")), converted("VOLUME_SET", "options", "k1,v1,k2,v2,"));
    }

    @Test
    void volumeSetOptionsWithoutTrailingCommaBecomePairs() {
        assertEquals(List.of(List.of("changelog.changelog", "on")), converted("VOLUME_SET", "options", "changelog.changelog,on"));
    }

    @Test
    void volumeSetOptionsWithOddCountKeepLastKeyAlone() {
        assertEquals(List.of(List.of("k1", "v1"), List.of("k2")), converted("VOLUME_SET", "options", "k1,v1,k2,"));
        assertEquals(List.of(List.of("k1")), converted("VOLUME_SET", "options", "k1"));
    }

    @Test
    void volumeSetOptionsKeepEmptyValuesInside() {
        assertEquals(List.of(List.of("k1", ""), List.of("k2", "v2")), converted("VOLUME_SET", "options", "k1,,k2,v2,"));
    }

    @Test
    void volumeSetWholeEventConvertsOptionsAndKeepsName() {
        Event result = AttributeConversions.apply(event("VOLUME_SET", "name", "gv1", "options", "changelog.changelog,on,"));
        assertEquals(map("name", "gv1", "options", List.of(List.of("changelog.changelog", "on"))), result.message());
        assertEquals(TS, result.ts());
        assertEquals("VOLUME_SET", result.name());
    }

    @Test
    void decodedUdpVolumeSetConvertsToTheWebhookShape() throws Exception {
        Event decoded = EventDecoder.decode("1795462277 6 name=gv1;options=changelog.changelog,on,", 0L);
        Event result = AttributeConversions.apply(decoded);
        assertEquals(map("name", "gv1", "options", List.of(List.of("changelog.changelog", "on"))), result.message());
    }

    @Test
    void optionsOnAnotherEventTypeIsUntouched() {
        Event event = event("VOLUME_RESET", "name", "gv1", "options", "k1,v1,");
        Event result = AttributeConversions.apply(event);
        assertSame(event, result);
        assertEquals("k1,v1,", result.message().get("options"));
        assertEquals("k1,v1,", converted("VOLUME_CREATE", "options", "k1,v1,"));
    }

    @Test
    void nonStringValuesAreUntouched() {
        List<List<String>> pairs = List.of(List.of("k", "v"));
        Event event = event("VOLUME_SET", "force", 1, "push-pem", false, "ssh-port", 22, "options", pairs, "no-verify", null);
        Event result = AttributeConversions.apply(event);
        assertSame(event, result);
        assertEquals(1, result.message().get("force"));
        assertEquals(false, result.message().get("push-pem"));
        assertEquals(22, result.message().get("ssh-port"));
        assertSame(pairs, result.message().get("options"));
    }

    @Test
    void eventWithNothingToConvertIsReturnedAsTheSameInstance() {
        Event event = event("VOLUME_CREATE", "name", "gv1", "brick", "h1:/b1");
        assertSame(event, AttributeConversions.apply(event));
        Event empty = event("VOLUME_CREATE");
        assertSame(empty, AttributeConversions.apply(empty));
    }

    @Test
    void convertedEventIsANewInstanceKeepingIdNodeIdAndRelayed() {
        Event event = Event.of("id-1", "node-1", TS, "VOLUME_START", map("force", "yes"), true);
        Event result = AttributeConversions.apply(event);
        assertNotSame(event, result);
        assertEquals("id-1", result.id());
        assertEquals("node-1", result.nodeId());
        assertEquals(true, result.relayed());
        assertEquals(map("force", true), result.message());
        assertEquals("yes", event.message().get("force"));
    }

    @Test
    void attributeNamesAreMatchedExactly() {
        Event event = event("VOLUME_START", "Force", "yes", "ssh_port", "22");
        assertSame(event, AttributeConversions.apply(event));
    }
}
