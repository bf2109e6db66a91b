package org.gluster.events.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A registered application (a WebSocket client, a dashboard, a script calling {@code /v1/peers}),
 * as {@code events/apps.json} keeps it: a random salt and SHA-256(salt || secret), never the
 * secret. The secret is shown once, when the application is added; whoever presents it later is
 * checked against the hash, so a copy of {@code apps.json} (it travels to every peer) lets nobody in.
 *
 * @param name    {@link #NAME_RULE}; never {@value #RESERVED_NAME}, which stands for the cluster's own tools
 * @param salt    16 random bytes
 * @param hash    SHA-256 of the salt followed by the secret's UTF-8 bytes
 * @param created when it was added, ISO-8601 UTC
 */
public record App(String name, byte[] salt, byte[] hash, String created) {
    /** Letters, digits, {@code _} and {@code -}, up to 64, starting with a letter or digit; no {@code .}, which separates the parts of an app token. */
    public static final String NAME_RULE = "1 to 64 letters, digits, '_' or '-', starting with a letter or digit";
    /** What {@link AppAuth#appOf} answers for a cluster token, so no application may be called so. */
    public static final String RESERVED_NAME = "cluster";
    /** Every secret starts so, which tells it apart from a token in a script or a leaked log. */
    public static final String SECRET_PREFIX = "gea_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Throws {@link IllegalArgumentException} saying what is allowed when {@code name} is not. */
    public static String validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid application name '" + name + "': " + NAME_RULE);
        }
        if (name.equalsIgnoreCase(RESERVED_NAME)) {
            throw new IllegalArgumentException("the application name '" + name + "' is reserved: it names the cluster's own tools in logs");
        }
        return name;
    }

    /** A new secret: {@code gea_} and 32 random bytes, base64url. */
    public static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The application {@code name} whose secret is {@code secret}, added {@code now}. */
    public static App register(String name, String secret, Instant now) {
        validateName(name);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new App(name, salt, hash(salt, secret), now.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Whether {@code secret} is this application's, in time that does not depend on where they differ. */
    public boolean accepts(String secret) {
        return secret != null && MessageDigest.isEqual(hash, hash(salt, secret));
    }

    /** The entry of {@code apps.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("salt", Base64.getEncoder().encodeToString(salt));
        entry.put("hash", Base64.getEncoder().encodeToString(hash));
        entry.put("created", created);
        return entry;
    }

    /** The application {@code name} from its entry of {@code apps.json}; {@link IllegalArgumentException} says what is wrong. */
    public static App fromJson(String name, Object entry) {
        if (!(entry instanceof Map<?, ?> fields)) throw new IllegalArgumentException("application " + name + " is not a JSON object");
        byte[] salt = base64(name, "salt", fields.get("salt"));
        byte[] hash = base64(name, "hash", fields.get("hash"));
        if (hash.length != 32) throw new IllegalArgumentException("application " + name + " has no SHA-256 hash");
        Object created = fields.get("created");
        return new App(name, salt, hash, created == null ? "" : String.valueOf(created));
    }

    private static byte[] base64(String name, String field, Object value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(String.valueOf(value));
            if (value == null || bytes.length == 0) throw new IllegalArgumentException("empty");
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("application " + name + " has no valid base64 " + field);
        }
    }

    private static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable");
        }
    }

    @Override
    public String toString() {
        return "App[" + name + ", created " + created + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof App app && name.equals(app.name) && MessageDigest.isEqual(salt, app.salt)
                && MessageDigest.isEqual(hash, app.hash) && created.equals(app.created);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
