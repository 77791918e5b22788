package io.hacamel.bridge.hub;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.hacamel.bridge.testing.BridgeTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub client on a bare socket, for clients the JDK's WebSocket client cannot play: one that stops reading (its
 * receive buffer kept small, so the hub's writes back up soon), one that never answers the hub's pings, one from
 * another local address (127.0.0.2 and on) and one that sends bytes that are not UTF-8. It presents the test's API
 * key in the handshake, or none ({@link #connectWithoutKey}).
 */
public final class RawHubClient implements AutoCloseable {

    /** A frame from the hub: its opcode (1 text, 8 close, 9 ping) and payload. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket = new Socket();
    private DataInputStream in;
    private OutputStream out;

    /** Connects with the test's API key ({@link BridgeTestSupport#API_KEY}) in the handshake. */
    static RawHubClient connect(int port, int receiveBufferBytes) {
        return connect("127.0.0.1", port, receiveBufferBytes);
    }

    /**
     * Connects from the local address {@code from}, e.g. 127.0.0.2 (on Linux every 127.x.y.z is this machine),
     * presenting the test's API key.
     */
    static RawHubClient connect(String from, int port, int receiveBufferBytes) {
        return connect(from, port, "/ws", receiveBufferBytes, Duration.ofSeconds(20), true);
    }

    /**
     * Connects without a key, from the local address {@code from}. The hub asks such a client for its key
     * (auth_required).
     */
    static RawHubClient connectWithoutKey(String from, int port, int receiveBufferBytes) {
        return connect(from, port, "/ws", receiveBufferBytes, Duration.ofSeconds(20), false);
    }

    /**
     * Connects to {@code path} (with a query, e.g. a key) without an Authorization header, waiting up to
     * {@code readTimeout} for each read.
     */
    public static RawHubClient connect(int port, String path, int receiveBufferBytes, Duration readTimeout) {
        return connect("127.0.0.1", port, path, receiveBufferBytes, readTimeout, false);
    }

    private static RawHubClient connect(String from, int port, String path, int receiveBufferBytes,
            Duration readTimeout, boolean presentKey) {
        RawHubClient client = new RawHubClient();
        try {
            client.socket.bind(new InetSocketAddress(from, 0));
            client.socket.setReceiveBufferSize(receiveBufferBytes);
            client.socket.setSoTimeout((int) readTimeout.toMillis());
            client.socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            client.in = new DataInputStream(client.socket.getInputStream());
            client.out = client.socket.getOutputStream();
            client.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + (presentKey ? "Authorization: Bearer " + BridgeTestSupport.API_KEY + "\r\n" : "")
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readHeaders()).startsWith("HTTP/1.1 101");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client;
    }

    /** Sends a masked text frame (clients must mask). */
    public void sendText(String text) {
        sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends these bytes as a masked text frame, whether or not they are UTF-8. */
    void sendText(byte[] payload) {
        assertThat(payload.length).isLessThan(126);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Frame nextFrame() {
        try {
            int first = in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7f;
            long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
            byte[] payload = new byte[(int) size];
            in.readFully(payload);
            return new Frame(first & 0x0f, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads (and never answers pings) until the hub's close frame; returns its code. */
    public int awaitCloseCode() {
        while (true) {
            Frame frame = nextFrame();
            if (frame.opcode() == 8) {
                return frame.closeCode();
            }
        }
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            headers.append((char) in.readUnsignedByte());
        }
        return headers.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
