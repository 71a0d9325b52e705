package nl.marketplace.reviews.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy to a local port whose connections a test can cut, as a lost network would: the
 * client's sockets close at once and new ones are refused until {@link #resume()}. It keeps its
 * own port for as long as it lives and may be pointed at another target, so that a test can replace
 * the server behind it without binding a fixed port again.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] refusal;
    private volatile int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    public TcpProxy(int target) {
        this(target, new byte[0]);
    }

    /** @param refusal what a connection made while cut is told before it is closed (an SMTP front says 421) */
    public TcpProxy(int target, byte[] refusal) {
        this.target = target;
        this.refusal = refusal;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every proxied connection and refuses new ones. */
    public synchronized void cut() {
        cut = true;
        for (Socket socket : open) {
            close(socket);
        }
    }

    public synchronized void resume() {
        cut = false;
    }

    /** From now on new connections go to this port (open ones stay where they are). */
    public void retarget(int port) {
        target = port;
    }

    /** Under the lock of cut(), so that a connection accepted while it runs is not left open. */
    private synchronized boolean track(Socket client, Socket upstream) {
        if (cut) {
            return false;
        }
        open.add(client);
        open.add(upstream);
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    refuse(client);
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    refuse(client); // nothing behind the proxy: the client is not left waiting
                    continue;
                }
                if (!track(client, upstream)) {
                    refuse(client);
                    upstream.close();
                    continue;
                }
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // the server socket closed, or the target refused: the client sees a closed connection
            }
        }
    }

    private void refuse(Socket client) {
        try (client) {
            client.getOutputStream().write(refusal);
            client.getOutputStream().flush();
        } catch (IOException e) {
            // gone already
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away; close both
            } finally {
                close(from);
                close(to);
            }
        }, "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
