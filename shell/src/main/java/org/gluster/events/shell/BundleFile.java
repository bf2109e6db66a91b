package org.gluster.events.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.gluster.events.runtime.bundles.BundleFailure;
import org.gluster.events.runtime.bundles.BundleJar;

/**
 * A bundle jar given as FILE or URL ({@code http}, {@code https}, {@code file}), read once here and
 * sent to every node, so that the nodes need no access to where it came from.
 *
 * @param bytes    the jar
 * @param fileName the name it gets in the bundles/ folder: the file's or URL's own when it is a
 *                 plain {@code .jar} name, else {@code <symbolic name>-<version>.jar}
 * @param jar      what its manifest says
 */
record BundleFile(byte[] bytes, String fileName, BundleJar jar) {
    /** The most that is read: the daemons take no larger jar. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    static BundleFile load(String fileOrUrl) throws CommandFailure, InterruptedException {
        byte[] bytes;
        String last;
        String scheme = scheme(fileOrUrl);
        if (scheme == null || !scheme.matches("https?|file") && Files.exists(Path.of(fileOrUrl))) {
            Path path = Path.of(fileOrUrl);
            bytes = readFile(path, fileOrUrl);
            last = path.getFileName() == null ? "" : path.getFileName().toString();
        } else if (scheme.equals("file")) {
            Path path;
            try {
                path = Path.of(URI.create(fileOrUrl));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCode.ERROR, "bad file URL " + fileOrUrl + ": " + e.getMessage());
            }
            bytes = readFile(path, fileOrUrl);
            last = path.getFileName() == null ? "" : path.getFileName().toString();
        } else if (scheme.equals("http") || scheme.equals("https")) {
            bytes = download(fileOrUrl);
            String path = URI.create(fileOrUrl).getPath();
            last = path == null ? "" : URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        } else {
            throw new CommandFailure(ExitCode.ERROR, "cannot fetch " + fileOrUrl + ": give a file, or an http://, https:// or file: URL");
        }
        BundleJar jar;
        try {
            jar = BundleJar.read(bytes);
        } catch (BundleFailure failure) {
            throw new CommandFailure(ExitCode.ERROR, fileOrUrl + ": " + failure.getMessage());
        }
        String fileName = jar.defaultFileName();
        try {
            fileName = BundleJar.checkFileName(last);
        } catch (BundleFailure notAPlainJarName) {
            // named after the bundle
        }
        return new BundleFile(bytes, fileName, jar);
    }

    /** The URL scheme of {@code text}, lower case, or null for a file path. */
    private static String scheme(String text) {
        int colon = text.indexOf(':');
        if (colon < 2) return null; // "C:" or none
        String scheme = text.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(Locale.ROOT) : null;
    }

    private static byte[] readFile(Path path, String given) throws CommandFailure {
        try {
            if (Files.isDirectory(path)) throw new CommandFailure(ExitCode.ERROR, given + " is a folder: give the bundle's jar");
            if (Files.size(path) > MAX_BYTES) throw new CommandFailure(ExitCode.ERROR, given + " is larger than 64 MB");
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCode.ERROR, "no such file: " + given);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "cannot read " + given + ": " + e);
        }
    }

    private static byte[] download(String url) throws CommandFailure, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new CommandFailure(ExitCode.ERROR, "cannot download " + url + ": HTTP " + response.statusCode()
                            + (response.statusCode() == 404 ? " (not found)" : ""));
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) throw new CommandFailure(ExitCode.ERROR, url + " is larger than 64 MB");
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.ERROR, "bad URL " + url + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "cannot download " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
