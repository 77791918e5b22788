package io.hacamel.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy in front of a server that can stop passing on what its clients send, while the server's side still
 * flows: the half-open path on which a client's writes are never acknowledged.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch upstream = new CountDownLatch(0);

    private StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public static StallingProxy to(int targetPort) {
        try {
            return new StallingProxy(targetPort);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** What clients send from now on waits in the proxy until {@link #resume()}. */
    public void stallUpstream() {
        upstream = new CountDownLatch(1);
    }

    public void resume() {
        upstream.countDown();
    }

    @Override
    public void close() {
        resume();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server, true));
                daemon(() -> pump(server, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean isUpstream) {
        byte[] chunk = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                if (isUpstream) {
                    upstream.await();
                }
                out.write(chunk, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a side closed
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "stalling-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
