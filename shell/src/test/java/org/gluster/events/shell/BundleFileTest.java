package org.gluster.events.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFileTest {
    @TempDir
    Path dir;

    static byte[] bundleJar(String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }

    @Test
    void aFileIsReadAndKeepsItsNameInTheBundlesFolder() throws Exception {
        byte[] jar = bundleJar("com.example.alerts", "1.0.0");
        Path file = Files.write(dir.resolve("alerts-1.0.0.jar"), jar);
        BundleFile loaded = BundleFile.load(file.toString());
        assertArrayEquals(jar, loaded.bytes());
        assertEquals("alerts-1.0.0.jar", loaded.fileName());
        assertEquals("com.example.alerts", loaded.jar().symbolicName());
        assertEquals("alerts-1.0.0.jar", BundleFile.load(file.toUri().toString()).fileName(), "as a file: URL too");
    }

    @Test
    void aFileWhoseNameIsNoPlainJarNameIsNamedAfterTheBundle() throws Exception {
        Path file = Files.write(dir.resolve("download"), bundleJar("com.example.alerts", "2.1.0"));
        assertEquals("com.example.alerts-2.1.0.jar", BundleFile.load(file.toString()).fileName());
    }

    @Test
    void aMissingFileOrSomethingElseThanABundleIsAClearError() throws Exception {
        CommandFailure missing = assertThrows(CommandFailure.class, () -> BundleFile.load(dir.resolve("nope.jar").toString()));
        assertEquals(ExitCode.ERROR, missing.exitCode);
        assertTrue(missing.getMessage().startsWith("no such file: "), missing.getMessage());

        Path text = Files.writeString(dir.resolve("notes.jar"), "not a jar");
        CommandFailure notAJar = assertThrows(CommandFailure.class, () -> BundleFile.load(text.toString()));
        assertTrue(notAJar.getMessage().contains("not a jar file"), notAJar.getMessage());

        CommandFailure scheme = assertThrows(CommandFailure.class, () -> BundleFile.load("ftp://example.com/a.jar"));
        assertTrue(scheme.getMessage().contains("http://, https:// or file: URL"), scheme.getMessage());
    }

    @Test
    void anHttpUrlIsDownloadedAndA404SaysSo() throws Exception {
        byte[] jar = bundleJar("com.example.alerts", "3.0.0");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/plugins/alerts-3.0.0.jar", exchange -> {
            exchange.sendResponseHeaders(200, jar.length);
            exchange.getResponseBody().write(jar);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            BundleFile loaded = BundleFile.load(base + "/plugins/alerts-3.0.0.jar");
            assertArrayEquals(jar, loaded.bytes());
            assertEquals("alerts-3.0.0.jar", loaded.fileName());

            CommandFailure notFound = assertThrows(CommandFailure.class, () -> BundleFile.load(base + "/plugins/gone.jar"));
            assertEquals("cannot download " + base + "/plugins/gone.jar: HTTP 404 (not found)", notFound.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
