package org.gluster.events.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived credential of one registered application, for browsers and scripts that should not
 * hold the application's secret: {@code a1.<app>.<expires>.<signature>}, the signature an
 * HMAC-SHA256 of {@code a1.<app>.<expires>} with the cluster secret (base64url). Any node can check
 * one minted on any other, as they share the secret; it stops working when it expires or when its
 * application is removed. The {@code a1} prefix is signed too, so an app token can never pass for a
 * {@link ClusterToken} ({@code v1}) or the other way round.
 */
public final class AppToken {
    /** What {@code gluster-rest token} gives when not told otherwise: an hour. */
    public static final long DEFAULT_TTL_SECONDS = 3600;
    /** The longest a token may live: a day. A token claiming more is refused. */
    public static final long MAX_TTL_SECONDS = 86400;
    private static final String VERSION = "a1";
    /** Clocks of the nodes may differ a little. */
    private static final long CLOCK_SKEW_SECONDS = 5;

    private AppToken() {
    }

    /** A token of application {@code app} valid for {@code ttlSeconds} (1 to {@link #MAX_TTL_SECONDS}) from {@code nowSeconds}. */
    public static String mint(ClusterSecret secret, String app, long ttlSeconds, long nowSeconds) {
        App.validateName(app);
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("a token lives from 1 to " + MAX_TTL_SECONDS + " seconds, not " + ttlSeconds);
        }
        String claims = VERSION + "." + app + "." + (nowSeconds + ttlSeconds);
        return claims + "." + sign(secret, claims);
    }

    /** Whether {@code text} has the form of an app token (it may still be invalid). */
    public static boolean looksLikeOne(String text) {
        return text != null && text.startsWith(VERSION + ".");
    }

    /**
     * The application of {@code token} when it was signed with {@code secret}, has not expired, does
     * not claim to live longer than {@link #MAX_TTL_SECONDS}, and its application is still
     * {@code registered}; else empty.
     */
    public static Optional<String> verify(ClusterSecret secret, String token, long nowSeconds, Predicate<String> registered) {
        if (!looksLikeOne(token)) return Optional.empty();
        int lastDot = token.lastIndexOf('.');
        String claims = token.substring(0, lastDot);
        String[] parts = claims.split("\\.", -1);
        if (parts.length != 3) return Optional.empty();
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expires < nowSeconds || expires > nowSeconds + MAX_TTL_SECONDS + CLOCK_SKEW_SECONDS) return Optional.empty();
        boolean signed = MessageDigest.isEqual(sign(secret, claims).getBytes(StandardCharsets.US_ASCII),
                token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII));
        return signed && registered.test(parts[1]) ? Optional.of(parts[1]) : Optional.empty();
    }

    private static String sign(ClusterSecret secret, String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getSimpleName());
        }
    }
}
