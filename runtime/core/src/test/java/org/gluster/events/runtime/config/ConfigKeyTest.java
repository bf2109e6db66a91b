package org.gluster.events.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigKeyTest {

    private static IllegalArgumentException rejected(ConfigKey key, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> key.parse(value), () -> key.key() + " accepted " + value);
    }

    private static void assertMessageNames(IllegalArgumentException e, String key, String... allowed) {
        String message = e.getMessage();
        assertTrue(message.contains(key), () -> "message does not name " + key + ": " + message);
        for (String part : allowed) {
            assertTrue(message.contains(part), () -> "message does not say " + part + " is allowed: " + message);
        }
    }

    @Test
    void portAcceptsIntegersAndNumericStrings() {
        assertEquals(55555, ConfigKey.PORT.parse(55555));
        assertEquals(8080, ConfigKey.PORT.parse(8080L));
        assertEquals(8080, ConfigKey.PORT.parse("8080"));
        assertEquals(8080, ConfigKey.PORT.parse(" 8080 "));
        assertEquals(1, ConfigKey.PORT.parse(1));
        assertEquals(65535, ConfigKey.REST_PORT.parse("65535"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "abc", "-1", ""})
    void portRejectsOutOfRangeOrNonNumericValuesNamingTheKeyAndTheRange(String value) {
        assertMessageNames(rejected(ConfigKey.PORT, value), "port", "1 to 65535");
    }

    @Test
    void portRejectsOutOfRangeIntegersAndNonIntegerTypes() {
        assertMessageNames(rejected(ConfigKey.PORT, 0), "port", "1 to 65535");
        assertMessageNames(rejected(ConfigKey.PORT, 65536), "port", "1 to 65535");
        assertMessageNames(rejected(ConfigKey.PORT, 80.5), "port", "1 to 65535");
        assertMessageNames(rejected(ConfigKey.REST_PORT, 70000), "rest-port", "1 to 65535");
    }

    @Test
    void logLevelIsCaseInsensitiveAndWarnMeansWarning() {
        assertEquals("DEBUG", ConfigKey.LOG_LEVEL.parse("debug"));
        assertEquals("INFO", ConfigKey.LOG_LEVEL.parse("Info"));
        assertEquals("WARNING", ConfigKey.LOG_LEVEL.parse("WARN"));
        assertEquals("WARNING", ConfigKey.LOG_LEVEL.parse("warn"));
        assertEquals("WARNING", ConfigKey.LOG_LEVEL.parse("warning"));
        assertEquals("ERROR", ConfigKey.LOG_LEVEL.parse(" error "));
        assertEquals("CRITICAL", ConfigKey.LOG_LEVEL.parse("critical"));
    }

    @Test
    void logLevelRejectsUnknownLevelsNamingTheKeyAndTheLevels() {
        assertMessageNames(rejected(ConfigKey.LOG_LEVEL, "LOUD"), "log-level", "LOUD", "DEBUG, INFO, WARNING, ERROR, CRITICAL");
        assertMessageNames(rejected(ConfigKey.LOG_LEVEL, 3), "log-level", "DEBUG");
    }

    @Test
    void logFormatIsTextOrJsonInAnyCase() {
        assertEquals("text", ConfigKey.LOG_FORMAT.parse("text"));
        assertEquals("json", ConfigKey.LOG_FORMAT.parse("json"));
        assertEquals("json", ConfigKey.LOG_FORMAT.parse(" JSON "));
        assertEquals("text", ConfigKey.LOG_FORMAT.parse("Text"));
    }

    @Test
    void logFormatRejectsOtherValuesNamingTheKeyAndBothFormats() {
        assertMessageNames(rejected(ConfigKey.LOG_FORMAT, "xml"), "log-format", "xml", "text or json");
        assertMessageNames(rejected(ConfigKey.LOG_FORMAT, ""), "log-format", "text or json");
        assertMessageNames(rejected(ConfigKey.LOG_FORMAT, true), "log-format", "text or json");
    }

    @Test
    void socketPathAcceptsAbsolutePathsAndEmpty() {
        assertEquals("/var/run/gluster/events.sock", ConfigKey.SOCKET_PATH.parse("/var/run/gluster/events.sock"));
        assertEquals("", ConfigKey.SOCKET_PATH.parse(""));
    }

    @Test
    void socketPathRejectsRelativePathsNamingTheKeyAndWhatIsAllowed() {
        assertMessageNames(rejected(ConfigKey.SOCKET_PATH, "run/events.sock"), "socket-path", "absolute path");
    }

    @Test
    void udpAllowAcceptsAListOrACommaSeparatedString() {
        assertEquals(List.of("10.0.0.0/8", "fd00::/8"), ConfigKey.UDP_ALLOW.parse(List.of("10.0.0.0/8", "fd00::/8")));
        assertEquals(List.of("10.0.0.0/8", "192.168.1.5"), ConfigKey.UDP_ALLOW.parse(" 10.0.0.0/8 , 192.168.1.5 "));
        assertEquals(List.of(), ConfigKey.UDP_ALLOW.parse(""));
        assertEquals(List.of(), ConfigKey.UDP_ALLOW.parse(List.of()));
    }

    @Test
    void udpAllowRejectsInvalidBlocksNamingTheKeyAndWhatIsAllowed() {
        assertMessageNames(rejected(ConfigKey.UDP_ALLOW, "10.0.0.0/33"), "udp-allow", "10.0.0.0/33", "CIDR");
        assertMessageNames(rejected(ConfigKey.UDP_ALLOW, "not-an-ip"), "udp-allow", "not-an-ip", "CIDR");
        assertMessageNames(rejected(ConfigKey.UDP_ALLOW, List.of("10.0.0.0/8", "not-an-ip")), "udp-allow", "CIDR");
    }

    @Test
    void disableEventsLogAcceptsBooleansAndTrueFalseStrings() {
        assertEquals(true, ConfigKey.DISABLE_EVENTS_LOG.parse(true));
        assertEquals(false, ConfigKey.DISABLE_EVENTS_LOG.parse(false));
        assertEquals(true, ConfigKey.DISABLE_EVENTS_LOG.parse("true"));
        assertEquals(true, ConfigKey.DISABLE_EVENTS_LOG.parse("TRUE"));
        assertEquals(false, ConfigKey.DISABLE_EVENTS_LOG.parse(" False "));
    }

    @Test
    void disableEventsLogRejectsOtherValuesNamingTheKey() {
        assertMessageNames(rejected(ConfigKey.DISABLE_EVENTS_LOG, "yes"), "disable-events-log", "true or false");
        assertMessageNames(rejected(ConfigKey.DISABLE_EVENTS_LOG, 1), "disable-events-log", "true or false");
    }

    @Test
    void bindAddressRejectsWhitespaceInside() {
        assertEquals("127.0.0.1", ConfigKey.BIND_ADDRESS.parse(" 127.0.0.1 "));
        assertMessageNames(rejected(ConfigKey.BIND_ADDRESS, "127.0.0.1 ::1"), "bind-address", "IP address");
    }

    @Test
    void defaultsAreTheProtocolDefaultsByName() {
        Map<String, Object> defaults = ConfigKey.defaults();
        assertEquals(55555, defaults.get("port"));
        assertEquals("INFO", defaults.get("log-level"));
        assertEquals("text", defaults.get("log-format"));
        assertEquals(false, defaults.get("disable-events-log"));
        assertEquals(ConfigKey.values().length, defaults.size());
        assertEquals(ConfigKey.LOG_LEVEL, ConfigKey.byKey("log-level").orElseThrow());
        assertTrue(ConfigKey.byKey("log_level").isEmpty());
    }
}
