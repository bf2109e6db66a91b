package org.gluster.events.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {
    private static final long NOW = 1_700_000_000L;
    private static final long TS = 1_795_462_277L;

    private static Event decode(String text) throws MalformedEventException {
        return EventDecoder.decode(text, NOW);
    }

    private static Event decodeBytes(byte[] data) throws MalformedEventException {
        return EventDecoder.decode(data, 0, data.length, NOW);
    }

    private static String reasonOf(String text) {
        return assertThrows(MalformedEventException.class, () -> decode(text), text).reason();
    }

    private static String reasonOfBytes(byte[] data) {
        return assertThrows(MalformedEventException.class, () -> decodeBytes(data)).reason();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class UdpText {
        @Test
        void udpTextDecodesTypeTimestampAndMessage() throws Exception {
            Event event = decode("1795462277 2 name=gv1");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(TS, event.ts());
            assertEquals(map("name", "gv1"), event.message());
        }

        @Test
        void udpTextUsesTheProducersTimestampNotNow() throws Exception {
            assertEquals(TS, decode("1795462277 2 name=gv1").ts());
        }

        @Test
        void udpTextDecodedEventHasNoIdNodeIdAndIsNotRelayed() throws Exception {
            Event event = decode("1795462277 2 name=gv1");
            assertNull(event.id());
            assertNull(event.nodeId());
            assertEquals(false, event.relayed());
        }

        @Test
        void udpTextBytesDecodeLikeTheText() throws Exception {
            assertEquals(decode("1795462277 2 name=gv1"), decodeBytes(utf8("1795462277 2 name=gv1")));
        }

        @Test
        void udpTextDecodeUdpTextDirectlyGivesTheSameEvent() throws Exception {
            assertEquals(decode("1795462277 6 name=gv1;options=a,b,"), EventDecoder.decodeUdpText("1795462277 6 name=gv1;options=a,b,"));
        }

        @Test
        void udpTextSplitsSeveralPairsOnSemicolonsKeepingTheirOrder() throws Exception {
            Event event = decode("1795462277 6 name=gv1;options=changelog.changelog,on,");
            assertEquals("VOLUME_SET", event.name());
            assertEquals(map("name", "gv1", "options", "changelog.changelog,on,"), event.message());
            assertEquals(List.of("name", "options"), new ArrayList<>(event.message().keySet()));
        }

        @Test
        void udpTextSplitsPairsOnTheFirstEqualsOnly() throws Exception {
            Event event = decode("1795462277 2 k=a=b");
            assertEquals(map("k", "a=b"), event.message());
        }

        @Test
        void udpTextKeepsEqualsInsideValuesAmongSeveralPairs() throws Exception {
            Event event = decode("1795462277 2 name=gv1;cmd=set a=b c==d;x=");
            assertEquals(map("name", "gv1", "cmd", "set a=b c==d", "x", ""), event.message());
        }

        @Test
        void udpTextValuesMayContainSpaces() throws Exception {
            assertEquals(map("msg", "a b c"), decode("1795462277 2 msg=a b c").message());
        }

        @Test
        void udpTextWithoutMessageFieldHasEmptyMessage() throws Exception {
            Event event = decode("1795462277 2");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(TS, event.ts());
            assertTrue(event.message().isEmpty());
        }

        @Test
        void udpTextWithEmptyThirdFieldHasEmptyMessage() throws Exception {
            Event event = decode("1795462277 2 ");
            assertEquals("VOLUME_CREATE", event.name());
            assertTrue(event.message().isEmpty());
        }

        @Test
        void udpTextIgnoresTrailingSemicolon() throws Exception {
            assertEquals(map("name", "gv1"), decode("1795462277 2 name=gv1;").message());
            assertEquals(map("name", "gv1", "x", "y"), decode("1795462277 2 name=gv1;x=y;").message());
        }

        @Test
        void udpTextSkipsEmptySegments() throws Exception {
            assertEquals(map("a", "1", "b", "2"), decode("1795462277 2 ;a=1;;b=2;;").message());
        }

        @Test
        void udpTextPairWithoutEqualsBecomesKeyWithEmptyValue() throws Exception {
            assertEquals(map("name", "gv1", "force", ""), decode("1795462277 2 name=gv1;force").message());
        }

        @Test
        void udpTextPairWithEmptyKeyIsDropped() throws Exception {
            assertEquals(map("name", "gv1"), decode("1795462277 2 =orphan;name=gv1").message());
        }

        @Test
        void udpTextAcceptsFractionalTimestampTruncatingToSeconds() throws Exception {
            assertEquals(TS, decode("1795462277.75 2 name=gv1").ts());
        }

        @Test
        void udpTextLastTypeCodeIsAccepted() throws Exception {
            Event event = decode("1795462277 141");
            assertEquals(org.gluster.events.api.EventTypes.byCode(141).orElseThrow().eventName(), event.name());
        }

        @ParameterizedTest
        @ValueSource(strings = {"1795462277 142 name=gv1", "1795462277 999 name=gv1", "1795462277 -1 name=gv1", "1795462277 142"})
        void udpTextUnknownTypeCodeIsUnknownType(String text) {
            assertEquals("unknown-type", reasonOf(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1795462277 two name=gv1", "1795462277 2x name=gv1", "1795462277 x", "179546x277 2 name=gv1",
                "1795462277", "1795462277  2 name=gv1", "1795462277 99999999999 name=gv1", "abc 2 name=gv1"})
        void udpTextNonNumericCodeOrTimestampIsBadFormat(String text) {
            assertEquals("bad-format", reasonOf(text));
        }

        @Test
        void udpTextDirectDecodeOfNonNumericTimestampIsBadFormat() {
            MalformedEventException e = assertThrows(MalformedEventException.class,
                    () -> EventDecoder.decodeUdpText("abc 2 name=gv1"));
            assertEquals("bad-format", e.reason());
        }

        @Test
        void udpTextStripsTrailingNulAndNewline() throws Exception {
            assertEquals(map("name", "gv1"), decode("1795462277 2 name=gv1\n").message());
            assertEquals(map("name", "gv1"), decode("1795462277 2 name=gv1\0").message());
            assertEquals(map("name", "gv1"), decode("1795462277 2 name=gv1\r\n\0\0").message());
            assertEquals(map("name", "gv1"), decodeBytes(utf8("1795462277 2 name=gv1\n\0")).message());
        }

        @Test
        void udpTextStripsLeadingWhitespace() throws Exception {
            assertEquals(map("name", "gv1"), decode("  1795462277 2 name=gv1").message());
        }

        @Test
        void udpTextNonAsciiUtf8ValueDecodesIntact() throws Exception {
            assertEquals(map("name", "vol-ü"), decodeBytes(utf8("1795462277 2 name=vol-ü")).message());
            assertEquals(map("name", "vol-ü"), decode("1795462277 2 name=vol-ü").message());
        }

        @Test
        void udpTextNonBmpUtf8ValueDecodesIntact() throws Exception {
            assertEquals(map("name", "vol-\uD83D\uDE00"), decodeBytes(utf8("1795462277 2 name=vol-\uD83D\uDE00")).message());
        }
    }

    @Nested
    class Rejections {
        @ParameterizedTest
        @ValueSource(strings = {"", " ", "   ", "\t", "\n", "\r\n", "\0", "\0\0\n", " \t \n "})
        void emptyOrWhitespaceOnlyIsEmpty(String text) {
            assertEquals("empty", reasonOf(text));
        }

        @Test
        void emptyByteArrayIsEmpty() {
            assertEquals("empty", reasonOfBytes(new byte[0]));
        }

        @Test
        void invalidUtf8BytesAreNotUtf8() {
            assertEquals("not-utf8", reasonOfBytes(new byte[] {(byte) 0xff, (byte) 0xfe}));
        }

        @Test
        void invalidUtf8InsideAnOtherwiseValidEventIsNotUtf8() {
            byte[] prefix = utf8("1795462277 2 name=");
            byte[] data = Arrays.copyOf(prefix, prefix.length + 2);
            data[prefix.length] = (byte) 0xc3; // truncated two-byte sequence
            data[prefix.length + 1] = (byte) 0x28;
            assertEquals("not-utf8", reasonOfBytes(data));
        }

        @Test
        void truncatedUtf8SequenceAtTheEndIsNotUtf8() {
            byte[] full = utf8("1795462277 2 name=vol-ü");
            assertEquals("not-utf8", reasonOfBytes(Arrays.copyOf(full, full.length - 1)));
        }

        @Test
        void binaryGarbageIsRejected() {
            byte[] data = new byte[64];
            for (int i = 0; i < data.length; i++) data[i] = (byte) (0x80 + i);
            assertEquals("not-utf8", reasonOfBytes(data));
        }

        @Test
        void controlCharacterIsBadFormat() {
            assertEquals("bad-format", reasonOf("1795462277 2 name=g\u0001v1"));
            assertEquals("bad-format", reasonOfBytes(new byte[] {'1', ' ', '2', ' ', 'a', '=', 0x01, 'b'}));
        }

        @Test
        void newlineInsideTheEventIsBadFormat() {
            assertEquals("bad-format", reasonOf("1795462277 2 name=gv1\nx=y"));
        }

        @Test
        void nulInsideTheEventIsBadFormat() {
            assertEquals("bad-format", reasonOf("1795462277 2 name=g\0v1"));
        }

        @Test
        void oversizeBytesAreOversize() {
            byte[] data = new byte[EventDecoder.MAX_EVENT_BYTES + 1];
            Arrays.fill(data, (byte) 'a');
            assertEquals("oversize", reasonOfBytes(data));
        }

        @Test
        void oversizeIsCheckedBeforeUtf8() {
            byte[] data = new byte[EventDecoder.MAX_EVENT_BYTES + 1];
            Arrays.fill(data, (byte) 0xff);
            assertEquals("oversize", reasonOfBytes(data));
        }

        @Test
        void exactlyMaxEventBytesIsAccepted() throws Exception {
            byte[] event = utf8("1795462277 2 name=gv1");
            byte[] data = Arrays.copyOf(event, EventDecoder.MAX_EVENT_BYTES);
            Arrays.fill(data, event.length, data.length, (byte) ' ');
            Event decoded = decodeBytes(data);
            assertEquals(map("name", "gv1"), decoded.message());
        }

        @Test
        void byteDecodeHonoursOffsetAndLength() throws Exception {
            byte[] event = utf8("1795462277 2 name=gv1");
            byte[] data = new byte[event.length + 10];
            Arrays.fill(data, (byte) 0xff);
            System.arraycopy(event, 0, data, 5, event.length);
            Event decoded = EventDecoder.decode(data, 5, event.length, NOW);
            assertEquals("VOLUME_CREATE", decoded.name());
            assertEquals(map("name", "gv1"), decoded.message());
        }

        @Test
        void malformedEventExceptionCarriesADetail() {
            MalformedEventException e = assertThrows(MalformedEventException.class, () -> decode("1795462277 999"));
            assertEquals("unknown-type", e.reason());
            assertTrue(e.getMessage() != null && e.getMessage().contains("999"), e.getMessage());
        }
    }

    @Nested
    class Dotted {
        @Test
        void dottedVolumeCreateWithNameDecodes() throws Exception {
            Event event = decode("Volume.Create=gv1");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(map("name", "gv1"), event.message());
        }

        @Test
        void dottedTimestampIsTheNowSecondsPassed() throws Exception {
            assertEquals(NOW, decode("Volume.Create=gv1").ts());
            assertEquals(42L, EventDecoder.decode("Volume.Create=gv1", 42L).ts());
            assertEquals(43L, EventDecoder.decodeDotted("Volume.Create=gv1", 43L).ts());
        }

        @Test
        void dottedVolumeSetKeepsOptionsAsOneCommaSeparatedString() throws Exception {
            Event event = decode("Volume.Set=gv1,changelog.changelog,on");
            assertEquals("VOLUME_SET", event.name());
            assertEquals(map("name", "gv1", "options", "changelog.changelog,on"), event.message());
        }

        @Test
        void dottedVolumeResetKeepsOptionsAsOneCommaSeparatedString() throws Exception {
            Event event = decode("Volume.Reset=gv1,changelog.changelog");
            assertEquals("VOLUME_RESET", event.name());
            assertEquals(map("name", "gv1", "options", "changelog.changelog"), event.message());
        }

        @Test
        void dottedOtherTypeExtraValuesBecomeArgsList() throws Exception {
            Event event = decode("Volume.Start=gv1,force");
            assertEquals("VOLUME_START", event.name());
            assertEquals(map("name", "gv1", "args", List.of("force")), event.message());
        }

        @Test
        void dottedWithKeyValuePairsIsParsedAsPairs() throws Exception {
            Event event = decode("Volume.Create=name=gv1;x=y");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(map("name", "gv1", "x", "y"), event.message());
            assertEquals(NOW, event.ts());
        }

        @Test
        void dottedKeyIsCaseInsensitiveAndAcceptsOtherNameForms() throws Exception {
            assertEquals("VOLUME_CREATE", decode("volume.create=gv1").name());
            assertEquals("VOLUME_CREATE", decode("VOLUME_CREATE=gv1").name());
            assertEquals("VOLUME_CREATE", decode("EVENT_VOLUME_CREATE=gv1").name());
        }

        @Test
        void dottedKeyWithoutValuesHasEmptyMessage() throws Exception {
            Event event = decode("Volume.Create");
            assertEquals("VOLUME_CREATE", event.name());
            assertTrue(event.message().isEmpty());
            assertTrue(decode("Volume.Create=").message().isEmpty());
        }

        @Test
        void dottedStripsTrailingNewlineAndNul() throws Exception {
            assertEquals(map("name", "gv1"), decode("Volume.Create=gv1\n\0").message());
        }

        @ParameterizedTest
        @ValueSource(strings = {"Volume.Explode=gv1", "No.Such.Event=x", "Nothing"})
        void dottedUnknownKeyIsUnknownType(String text) {
            assertEquals("unknown-type", reasonOf(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"=gv1", "Volume Create=gv1"})
        void dottedEmptyKeyOrKeyWithSpaceIsBadFormat(String text) {
            assertEquals("bad-format", reasonOf(text));
        }
    }

    @Nested
    class Json {
        @Test
        void jsonWithEventTsAndMessageDecodes() throws Exception {
            Event event = decode("{\"event\": \"VOLUME_CREATE\", \"ts\": 5, \"message\": {\"name\": \"gv1\"}}");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(5L, event.ts());
            assertEquals(map("name", "gv1"), event.message());
        }

        @Test
        void jsonEventMayBeDottedName() throws Exception {
            Event event = decode("{\"event\": \"Volume.Create\", \"ts\": 5, \"message\": {\"name\": \"gv1\"}}");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(map("name", "gv1"), event.message());
        }

        @Test
        void jsonEventMayBeConstantName() throws Exception {
            assertEquals("VOLUME_CREATE", decode("{\"event\": \"EVENT_VOLUME_CREATE\", \"ts\": 5}").name());
        }

        @Test
        void jsonEventMayBeNumericCode() throws Exception {
            Event event = decode("{\"event\": 2, \"ts\": 5, \"message\": {\"name\": \"gv1\"}}");
            assertEquals("VOLUME_CREATE", event.name());
            assertEquals(5L, event.ts());
            assertEquals(map("name", "gv1"), event.message());
            assertEquals("VOLUME_SET", decode("{\"event\": 6}").name());
        }

        @Test
        void jsonWithoutTsUsesNowSeconds() throws Exception {
            Event event = decode("{\"event\": \"VOLUME_CREATE\", \"message\": {\"name\": \"gv1\"}}");
            assertEquals(NOW, event.ts());
            assertEquals(99L, EventDecoder.decode("{\"event\": \"VOLUME_CREATE\"}", 99L).ts());
        }

        @Test
        void jsonLargeTimestampIsKept() throws Exception {
            assertEquals(TS, decode("{\"event\": \"VOLUME_CREATE\", \"ts\": 1795462277}").ts());
        }

        @Test
        void jsonWithoutMessageHasEmptyMessage() throws Exception {
            assertTrue(decode("{\"event\": \"VOLUME_CREATE\", \"ts\": 5}").message().isEmpty());
        }

        @Test
        void jsonMessageValuesKeepTheirJsonTypes() throws Exception {
            Event event = decode("{\"event\": \"VOLUME_CREATE\", \"message\": {\"n\": 3, \"b\": true, \"z\": null, \"l\": [\"a\"]}}");
            assertEquals(3, ((Number) event.message().get("n")).intValue());
            assertEquals(Boolean.TRUE, event.message().get("b"));
            assertTrue(event.message().containsKey("z"));
            assertNull(event.message().get("z"));
            assertEquals(List.of("a"), event.message().get("l"));
        }

        @Test
        void jsonNodeIdInInputIsIgnored() throws Exception {
            Event event = decode("{\"event\": \"VOLUME_CREATE\", \"ts\": 5, \"nodeid\": \"evil\"}");
            assertNull(event.nodeId());
        }

        @Test
        void jsonSurroundedByWhitespaceAndNulDecodes() throws Exception {
            assertEquals("VOLUME_CREATE", decode("  {\"event\": \"VOLUME_CREATE\"}\n\0").name());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"event\": ", "{not json}", "{\"event\": \"VOLUME_CREATE\",}", "{'event': 'VOLUME_CREATE'}"})
        void jsonThatDoesNotParseIsBadJson(String text) {
            assertEquals("bad-json", reasonOf(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"ts\": 5, \"message\": {\"name\": \"gv1\"}}", "{\"event\": null}", "{\"event\": true}",
                "{\"event\": [\"VOLUME_CREATE\"]}", "{\"event\": {\"name\": \"VOLUME_CREATE\"}}"})
        void jsonWithoutAnEventNameIsBadJson(String text) {
            assertEquals("bad-json", reasonOf(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"event\": \"VOLUME_EXPLODE\"}", "{\"event\": \"Volume.Explode\"}", "{\"event\": 142}",
                "{\"event\": -1}", "{\"event\": \"\"}"})
        void jsonUnknownEventIsUnknownType(String text) {
            assertEquals("unknown-type", reasonOf(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"event\": 4294967298}", "{\"event\": 2.5}", "{\"event\": 18446744073709551618}"})
        void jsonNumericEventThatIsNotAnExactCodeIsUnknownType(String text) {
            assertEquals("unknown-type", reasonOf(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"event\": \"VOLUME_CREATE\", \"message\": \"gv1\"}",
                "{\"event\": \"VOLUME_CREATE\", \"message\": [\"gv1\"]}",
                "{\"event\": \"VOLUME_CREATE\", \"message\": 3}"})
        void jsonMessageThatIsNotAnObjectIsBadJson(String text) {
            assertEquals("bad-json", reasonOf(text));
        }

        @Test
        void jsonNonNumericTsIsBadJson() {
            assertEquals("bad-json", reasonOf("{\"event\": \"VOLUME_CREATE\", \"ts\": \"5\"}"));
        }

        @Test
        void jsonBytesWithNonAsciiDecodeIntact() throws Exception {
            Event event = decodeBytes(utf8("{\"event\": \"VOLUME_CREATE\", \"message\": {\"name\": \"vol-ü\"}}"));
            assertEquals(map("name", "vol-ü"), event.message());
        }
    }
}
