package org.example.glusterevents.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SinkSettingsTest {
    private static final Path FOLDER = Path.of("/var/lib/glusterd/events");

    @Test
    void withoutConfigurationItWritesEveryEventToEventsJsonlInTheDefaultFolderRotatingAt10MbKeeping5() {
        SinkSettings settings = SinkSettings.from(config(Map.of()), FOLDER);

        assertEquals(Path.of("/var/lib/glusterd/events/events.jsonl"), settings.path());
        assertEquals(10L * 1024 * 1024, settings.maxBytes());
        assertEquals(5, settings.keep());
        assertTrue(settings.events().isEmpty());
        assertTrue(settings.selects("GEOREP_CREATE"));
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void takesEveryKeyOfTheConfiguration() {
        SinkSettings settings = SinkSettings.from(config(Map.of(
                "path", "/var/log/glusterfs/events.jsonl", "max_size_mb", 50.0, "keep", 10, "events", new String[] {"Volume.*,Peer.*"})), FOLDER);

        assertEquals(Path.of("/var/log/glusterfs/events.jsonl"), settings.path());
        assertEquals(50L * 1024 * 1024, settings.maxBytes());
        assertEquals(10, settings.keep());
        assertTrue(settings.selects("VOLUME_CREATE"));
        assertTrue(settings.selects("PEER_ATTACH"));
        assertFalse(settings.selects("GEOREP_CREATE"));
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void eventPatternsMayComeAsSeveralValuesOrOneCommaSeparatedOne() {
        SinkSettings several = SinkSettings.from(config(Map.of("events", new String[] {"Volume.*", "PEER_*"})), FOLDER);
        SinkSettings one = SinkSettings.from(config(Map.of("events", new String[] {"Volume.*, PEER_*"})), FOLDER);

        assertEquals(List.of("Volume.*", "PEER_*"), several.events().patterns());
        assertEquals(List.of("Volume.*", "PEER_*"), one.events().patterns());
    }

    @Test
    void aRelativePathIsTakenFromTheDefaultFolder() {
        assertEquals(FOLDER.resolve("audit/volumes.jsonl"), SinkSettings.from(config(Map.of("path", "audit/volumes.jsonl")), FOLDER).path());
    }

    @Test
    void aFractionOfAMegabyteIsASize() {
        assertEquals(512L * 1024, SinkSettings.from(config(Map.of("max_size_mb", 0.5)), FOLDER).maxBytes());
    }

    @Test
    void unusableValuesFallBackToTheirDefaultsAndSaySo() {
        SinkSettings settings = SinkSettings.from(config(Map.of(
                "path", "bad\0name", "max_size_mb", -3.0, "keep", -1, "events", new String[] {"Volume.*;rm -rf"})), FOLDER);

        assertEquals(FOLDER.resolve("events.jsonl"), settings.path());
        assertEquals(10L * 1024 * 1024, settings.maxBytes());
        assertEquals(5, settings.keep());
        assertTrue(settings.events().isEmpty(), "an unusable filter writes every event rather than none");
        assertEquals(4, settings.warnings().size(), settings.warnings().toString());
        assertTrue(settings.warnings().get(0).startsWith("path 'bad"), settings.warnings().get(0));
        assertTrue(settings.warnings().get(1).startsWith("max.size.mb -3.0 is not a positive size"), settings.warnings().get(1));
        assertTrue(settings.warnings().get(2).startsWith("keep -1 is negative"), settings.warnings().get(2));
        assertTrue(settings.warnings().get(3).startsWith("events 'Volume.*;rm -rf' is not a list of event patterns"), settings.warnings().get(3));
    }

    @Test
    void aValueDeclarativeServicesCannotConvertFallsBackToItsDefault() {
        SinkSettings settings = SinkSettings.from(config(Map.of("max_size_mb", new IllegalArgumentException("For input string: \"lots\""))), FOLDER);

        assertEquals(10L * 1024 * 1024, settings.maxBytes());
        assertEquals(List.of("max.size.mb cannot be read (For input string: \"lots\"); using 10.0"), settings.warnings());
    }

    @Test
    void keepZeroIsAllowed() {
        SinkSettings settings = SinkSettings.from(config(Map.of("keep", 0)), FOLDER);
        assertEquals(0, settings.keep());
        assertEquals(List.of(), settings.warnings());
    }

    /**
     * The configuration as Declarative Services gives it: each attribute's value from {@code values}
     * (by method name), or its default; a RuntimeException as the value is thrown, as a failed
     * conversion is.
     */
    static JsonlFileSink.Config config(Map<String, Object> values) {
        return (JsonlFileSink.Config) Proxy.newProxyInstance(JsonlFileSink.Config.class.getClassLoader(),
                new Class<?>[] {JsonlFileSink.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) return JsonlFileSink.Config.class;
                    Object value = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                    if (value instanceof RuntimeException e) throw e;
                    return value;
                });
    }
}
