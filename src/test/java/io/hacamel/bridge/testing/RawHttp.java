package io.hacamel.bridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A request written by hand, for headers the JDK's client will not send as given ({@code Host}). */
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
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
