package io.hacamel.bridge.support;

import io.vertx.core.buffer.Buffer;

/**
 * The body of an answer that only the HTTP server reads, in a form Camel's Vert.x platform-http writes at once. A
 * {@code byte[]} it turns into an InputStream that it reads on a worker thread, chunk by chunk, each read a hop
 * between threads: that doubled the bridge's CPU for a state read (0.32-0.37 to 0.17-0.23 ms a request with 10,000
 * entities) and added waits for the scheduler on a busy machine. A Vert.x Buffer goes out as one chunk, and any step
 * may read it again; a ByteBuffer would also keep the Content-Length, but the first reader empties it (Camel's
 * tracer, as Hawtio can turn it on, left every answer empty).
 */
public final class HttpBody {

    private HttpBody() {
    }

    public static Buffer of(byte[] content) {
        return Buffer.buffer(content);
    }
}
