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

    public static void json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] bytes = (EventJson.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }
}
