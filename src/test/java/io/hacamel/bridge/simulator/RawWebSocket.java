package io.hacamel.bridge.simulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A bare websocket client on a plain socket: it reads frames and never answers anything, not even pings. */
final class RawWebSocket implements AutoCloseable {

    static final int EOF = -1;
    static final int TEXT = 1;
    static final int PING = 9;

    private final Socket socket;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawWebSocket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) TestClient.WAIT.toMillis());
        String key = Base64.getEncoder().encodeToString("simulator-tests!".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawWebSocket ws = new RawWebSocket(socket);
        ws.skipResponseHeaders();
        return ws;
    }

    /** The opcode of the next frame (its payload is skipped), or {@link #EOF} when the server closed the socket. */
    int nextOpcode() throws IOException {
        int first = in.read();
        if (first < 0) {
            return EOF;
        }
        int length = in.readUnsignedByte() & 0x7f;
        long payload = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        in.skipNBytes(payload);
        return first & 0x0f;
    }

    private void skipResponseHeaders() throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
