package io.hacamel.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Requests written by hand: for headers the JDK's client will not send as given ({@code Host}), for connections from
 * another local address (127.0.0.2 and on) and for connections that send half a request or nothing.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The status code of the answer to {@code method path} with these header lines (no body). */
    public static int status(int port, String method, String path, String... headerLines) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        String answer = exchange("127.0.0.1", port, request.toString());
        return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    /** Sends {@code request} from the local address {@code from} and reads the answer until the server closes. */
    public static String exchange(String from, int port, String request) {
        try (Socket socket = open(from, port)) {
            write(socket, request);
            return readUntilClosed(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection from the local address {@code from} (every 127.x.y.z is this machine on Linux). */
    public static Socket open(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    public static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes the connection (within a minute); a reset is a close too. */
    public static String readUntilClosed(Socket socket) {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** True when the server neither sends nor closes for a moment. */
    public static boolean stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            boolean open;
            try {
                open = in.read() >= 0;
            } catch (SocketTimeoutException e) {
                open = true;
            }
            socket.setSoTimeout(60_000);
            return open;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
