package org.gluster.events.runtime.bundles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an uploaded jar says it is: an OSGi bundle has a manifest with a {@code Bundle-SymbolicName}.
 * Checked before the jar goes into the hot-deploy folder, on the daemon and in the CLI, so that a
 * wrong file is refused with a reason instead of failing later in the log.
 *
 * @param symbolicName {@code Bundle-SymbolicName} without its directives ({@code ;singleton:=true})
 * @param version      {@code Bundle-Version}, {@code 0.0.0} when the manifest has none
 */
public record BundleJar(String symbolicName, String version) {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.jar");

    /** Reads the manifest of {@code bytes}, wherever the entry is in the archive. */
    public static BundleJar read(byte[] bytes) throws BundleFailure {
        if (bytes.length == 0) throw new BundleFailure(400, "no jar: the body is empty");
        Manifest manifest = null;
        boolean anyEntry = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                anyEntry = true;
                if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    manifest = new Manifest(zip);
                    break;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleFailure(400, "not a jar file: " + e.getMessage());
        }
        if (!anyEntry) throw new BundleFailure(400, "not a jar file (no zip entries)");
        if (manifest == null) throw new BundleFailure(400, "not an OSGi bundle: the jar has no " + JarFile.MANIFEST_NAME);
        Attributes main = manifest.getMainAttributes();
        String name = main.getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new BundleFailure(400, "not an OSGi bundle: its manifest has no Bundle-SymbolicName "
                    + "(build it with bnd or the maven-bundle-plugin)");
        }
        String version = main.getValue("Bundle-Version");
        return new BundleJar(name.split(";", 2)[0].trim(), version == null || version.isBlank() ? "0.0.0" : version.trim());
    }

    /** The file name it gets in the hot-deploy folder when none is given: {@code <symbolic name>-<version>.jar}. */
    public String defaultFileName() {
        return (symbolicName + "-" + version).replaceAll("[^A-Za-z0-9._+-]", "_") + ".jar";
    }

    /**
     * {@code name} if it can be a file of the hot-deploy folder: a plain name (no folder, not
     * hidden) ending in {@code .jar}, which FileInstall picks up.
     */
    public static String checkFileName(String name) throws BundleFailure {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new BundleFailure(400, "bad file name '" + name + "': a name such as my-plugin-1.0.0.jar is needed "
                    + "(letters, digits, . _ + -, ending in .jar, no folder)");
        }
        return name;
    }
}
