package org.gluster.events.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived token for node-to-node and admin calls: {@code v1.<issuer>.<expires>.<signature>},
 * the signature an HMAC-SHA256 of the rest with the cluster secret. Whoever holds the secret (the
 * daemons, root's {@code gluster-eventsapi}) can make one; nobody else can.
 */
public final class ClusterToken {
    /** Tokens live a minute: a captured one is soon worthless. */
    public static final long LIFETIME_SECONDS = 60;
    private static final String VERSION = "v1";

    private ClusterToken() {
    }

    /** A token from {@code issuer} (a node id or {@code cli}) valid for {@link #LIFETIME_SECONDS}. */
    public static String mint(ClusterSecret secret, String issuer, long nowSeconds) {
        if (issuer.contains(".")) throw new IllegalArgumentException("issuer must not contain '.'");
        String claims = VERSION + "." + issuer + "." + (nowSeconds + LIFETIME_SECONDS);
        return claims + "." + sign(secret, claims);
    }

    /** Whether {@code token} was signed with {@code secret} and has not expired (nor claims to live too long). */
    public static boolean verify(ClusterSecret secret, String token, long nowSeconds) {
        if (token == null) return false;
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0 || !token.startsWith(VERSION + ".")) return false;
        String claims = token.substring(0, lastDot);
        String[] parts = claims.split("\\.");
        if (parts.length != 3) return false;
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (expires < nowSeconds || expires > nowSeconds + LIFETIME_SECONDS + 5) return false;
        return MessageDigest.isEqual(sign(secret, claims).getBytes(StandardCharsets.US_ASCII),
                token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sign(ClusterSecret secret, String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getSimpleName());
        }
    }
}
