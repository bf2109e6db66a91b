package org.gluster.events.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gluster.events.runtime.config.ConfigFiles.Loaded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static void assertOneWarningMentioning(List<String> warnings, String... parts) {
        assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
        for (String part : parts) {
            assertTrue(warnings.get(0).contains(part), () -> "warning does not mention " + part + ": " + warnings.get(0));
        }
    }

    @Test
    void settingsAreTheDefaultsThenTheOverrides() throws IOException {
        Path defaults = write("eventsconfig.json", "{\"log-level\": \"INFO\", \"port\": 55555, \"disable-events-log\": false}");
        Path overrides = write("config.json", "{\"port\": \"6000\", \"log-level\": \"warn\"}");

        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(defaults, overrides);

        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.readable());
        assertEquals(6000, loaded.value().get("port"));
        assertEquals("WARNING", loaded.value().get("log-level"));
        assertEquals(false, loaded.value().get("disable-events-log"));
        assertEquals(24010, loaded.value().get("rest-port"), "keys no file sets keep the built-in default");
    }

    @Test
    void overridesWinOverTheDefaultsFile() throws IOException {
        Path defaults = write("eventsconfig.json", "{\"log-level\": \"DEBUG\", \"disable-events-log\": true}");
        Path overrides = write("config.json", "{\"disable-events-log\": false}");

        Map<String, Object> settings = ConfigFiles.settings(defaults, overrides).value();

        assertEquals("DEBUG", settings.get("log-level"));
        assertEquals(false, settings.get("disable-events-log"));
    }

    @Test
    void missingFilesGiveTheBuiltInDefaults() {
        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(dir.resolve("none.json"), null);

        assertEquals(ConfigKey.defaults(), loaded.value());
        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.readable());
    }

    @Test
    void unknownNamesAreWarnedAboutNamingTheFileAndIgnored() throws IOException {
        Path overrides = write("config.json", "{\"colour\": \"blue\", \"port\": 7000}");

        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(null, overrides);

        assertOneWarningMentioning(loaded.warnings(), overrides.toString(), "colour");
        assertFalse(loaded.value().containsKey("colour"));
        assertEquals(7000, loaded.value().get("port"));
        assertTrue(loaded.readable());
    }

    @Test
    void invalidValuesAreWarnedAboutAndThePreviousValueIsKept() throws IOException {
        Path defaults = write("eventsconfig.json", "{\"log-level\": \"DEBUG\", \"port\": 6000}");
        Path overrides = write("config.json", "{\"log-level\": \"LOUD\"}");

        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(defaults, overrides);

        assertOneWarningMentioning(loaded.warnings(), overrides.toString(), "log-level", "LOUD", "DEBUG");
        assertEquals("DEBUG", loaded.value().get("log-level"));
        assertEquals(6000, loaded.value().get("port"));
        assertTrue(loaded.readable());
    }

    @Test
    void invalidPortInTheOverridesKeepsThePortOfTheDefaults() throws IOException {
        Path defaults = write("eventsconfig.json", "{\"port\": 6000}");
        Path overrides = write("config.json", "{\"port\": 0}");

        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(defaults, overrides);

        assertOneWarningMentioning(loaded.warnings(), overrides.toString(), "port", "6000");
        assertEquals(6000, loaded.value().get("port"));
    }

    @Test
    void unreadableJsonIsWarnedAboutAndMarksTheSettingsUnreadable() throws IOException {
        Path defaults = write("eventsconfig.json", "{\"port\": 6000}");
        Path overrides = write("config.json", "{\"port\": 7000,");

        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(defaults, overrides);

        assertFalse(loaded.readable());
        assertOneWarningMentioning(loaded.warnings(), overrides.toString(), "unreadable");
        assertEquals(6000, loaded.value().get("port"), "the readable file's values still apply");
    }

    @Test
    void jsonThatIsNotAnObjectIsUnreadable() throws IOException {
        Path overrides = write("config.json", "[1, 2]");

        Loaded<Map<String, Object>> loaded = ConfigFiles.settings(null, overrides);

        assertFalse(loaded.readable());
        assertOneWarningMentioning(loaded.warnings(), overrides.toString());
    }

    @Test
    void webhooksAcceptTheObjectFormAndTheOldTokenForm() throws IOException {
        Path file = write("webhooks.json", "{\"http://a.example:9000/listen\": {\"token\": \"t\", \"secret\": \"s\"},"
                + " \"https://b.example/hook\": \"old-token\","
                + " \"http://c.example/\": {\"token\": \"only-token\"}}");

        Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(file);

        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.readable());
        assertEquals(Map.of(
                "http://a.example:9000/listen", new Webhook("http://a.example:9000/listen", "t", "s"),
                "https://b.example/hook", new Webhook("https://b.example/hook", "old-token", ""),
                "http://c.example/", new Webhook("http://c.example/", "only-token", "")), loaded.value());
        assertEquals(List.of("http://a.example:9000/listen", "https://b.example/hook", "http://c.example/"),
                List.copyOf(loaded.value().keySet()), "file order is kept");
    }

    @Test
    void webhooksWithInvalidUrlsAreSkippedWithAWarning() throws IOException {
        Path file = write("webhooks.json", "{\"ftp://files.example/x\": \"t\", \"http:///no-host\": \"t\","
                + " \"not a url\": \"t\", \"http://ok.example/\": \"t\"}");

        Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(file);

        assertEquals(List.of("http://ok.example/"), List.copyOf(loaded.value().keySet()));
        assertTrue(loaded.readable());
        List<String> warnings = loaded.warnings();
        assertEquals(3, warnings.size(), () -> "warnings: " + warnings);
        assertTrue(warnings.get(0).contains("ftp://files.example/x") && warnings.get(0).contains("http://"), warnings.get(0));
        assertTrue(warnings.get(1).contains("http:///no-host") && warnings.get(1).contains("no host"), warnings.get(1));
        assertTrue(warnings.get(2).contains("not a url"), warnings.get(2));
        for (String warning : warnings) assertTrue(warning.contains(file.toString()), warning);
    }

    @Test
    void webhookWithNeitherTokenNorObjectIsSkippedWithAWarning() throws IOException {
        Path file = write("webhooks.json", "{\"http://a.example/\": 42}");

        Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(file);

        assertTrue(loaded.value().isEmpty());
        assertOneWarningMentioning(loaded.warnings(), "http://a.example/");
    }

    @Test
    void missingWebhooksFileIsEmptyAndReadable() {
        Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(dir.resolve("webhooks.json"));

        assertTrue(loaded.value().isEmpty());
        assertTrue(loaded.readable());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void emptyWebhooksFileIsEmptyAndReadable() throws IOException {
        Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(write("webhooks.json", "  \n"));

        assertTrue(loaded.value().isEmpty());
        assertTrue(loaded.readable());
    }

    @Test
    void badWebhooksJsonIsUnreadableWithAWarning() throws IOException {
        Path file = write("webhooks.json", "{\"http://a.example/\": ");

        Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(file);

        assertFalse(loaded.readable());
        assertTrue(loaded.value().isEmpty());
        assertOneWarningMentioning(loaded.warnings(), file.toString());
    }

    @Test
    void webhookToStringNeverShowsTheTokenOrTheSecret() throws IOException {
        Webhook both = new Webhook("http://a.example/", "tok-8f3a", "sec-41c9");
        Path file = write("webhooks.json", "{\"http://b.example/\": {\"token\": \"tok-8f3a\", \"secret\": \"sec-41c9\"}}");
        Webhook loaded = ConfigFiles.webhooks(file).value().get("http://b.example/");

        for (Webhook webhook : List.of(both, loaded, new Webhook("http://c.example/", "tok-8f3a", null))) {
            String text = webhook.toString();
            assertFalse(text.contains("tok-8f3a"), text);
            assertFalse(text.contains("sec-41c9"), text);
            assertTrue(text.contains(webhook.url()), text);
        }
        assertTrue(both.toString().contains("token set") && both.toString().contains("secret set"), both.toString());
        assertFalse(List.of(both).toString().contains("sec-41c9"));
    }
}
