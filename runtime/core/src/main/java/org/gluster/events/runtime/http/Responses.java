package org.gluster.events.runtime.http;

import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.api.codec.EventJson;

/** Writing JSON answers. */
public final class Responses {
    private Responses() {
    }

    /** 401 with {@code WWW-Authenticate: Bearer}: the request carried no valid cluster token. */
    public static void unauthorized(Response response, Callback callback) {
        unauthorized(response, callback, "a valid cluster token is needed");
    }

    /** 401 with {@code WWW-Authenticate: Bearer} and {@code {"error": why}}; {@code why} must never quote what was sent. */
    public static void unauthorized(Response response, Callback callback, String why) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        json(response, callback, org.eclipse.jetty.http.HttpStatus.UNAUTHORIZED_401, java.util.Map.of("error", why));
    }

    public static void json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] bytes = (EventJson.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }
}
