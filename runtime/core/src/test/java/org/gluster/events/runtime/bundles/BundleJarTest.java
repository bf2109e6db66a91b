package org.gluster.events.runtime.bundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class BundleJarTest {
    private static byte[] jar(String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        if (symbolicName != null) manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        if (version != null) manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new ZipEntry("com/example/readme.txt"));
            jar.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aBundleJarGivesItsSymbolicNameWithoutDirectivesAndItsVersion() throws Exception {
        BundleJar jar = BundleJar.read(jar("com.example.alerts;singleton:=true", "1.2.3"));
        assertEquals("com.example.alerts", jar.symbolicName());
        assertEquals("1.2.3", jar.version());
        assertEquals("com.example.alerts-1.2.3.jar", jar.defaultFileName());
    }

    @Test
    void theManifestIsFoundWhereverItIsInTheArchive() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("com/example/A.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\r\nBundle-SymbolicName: late.manifest\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        }
        BundleJar jar = BundleJar.read(bytes.toByteArray());
        assertEquals("late.manifest", jar.symbolicName());
        assertEquals("0.0.0", jar.version());
    }

    @Test
    void aJarWithoutBundleSymbolicNameIsNotABundle() {
        BundleFailure failure = assertThrows(BundleFailure.class, () -> BundleJar.read(jar(null, "1.0.0")));
        assertEquals(400, failure.status);
        assertTrue(failure.getMessage().contains("no Bundle-SymbolicName"), failure.getMessage());
    }

    @Test
    void aJarWithoutManifestIsNotABundle() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(1);
        }
        BundleFailure failure = assertThrows(BundleFailure.class, () -> BundleJar.read(bytes.toByteArray()));
        assertTrue(failure.getMessage().contains("no META-INF/MANIFEST.MF"), failure.getMessage());
    }

    @Test
    void bytesThatAreNoZipAreNotAJar() {
        BundleFailure failure = assertThrows(BundleFailure.class,
                () -> BundleJar.read("<html>404 Not Found</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, failure.status);
        assertTrue(failure.getMessage().startsWith("not a jar file"), failure.getMessage());
        assertTrue(assertThrows(BundleFailure.class, () -> BundleJar.read(new byte[0])).getMessage().contains("empty"));
    }

    @Test
    void aFileNameMustBeAPlainJarNameInTheFolder() throws Exception {
        assertEquals("my-plugin_1.0.0+b1.jar", BundleJar.checkFileName("my-plugin_1.0.0+b1.jar"));
        for (String bad : new String[] {"../escape.jar", "sub/dir.jar", ".hidden.jar", "plugin.zip", "plugin.jar.part", "", "a b.jar"}) {
            assertEquals(400, assertThrows(BundleFailure.class, () -> BundleJar.checkFileName(bad), bad).status, bad);
        }
        assertEquals(400, assertThrows(BundleFailure.class, () -> BundleJar.checkFileName(null)).status);
    }
}
