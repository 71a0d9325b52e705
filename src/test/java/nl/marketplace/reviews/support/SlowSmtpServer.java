package nl.marketplace.reviews.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real SMTP server (the plain protocol, enough for Vert.x' mail client) that takes its time to
 * accept each message, as a provider does during a brown-out, and refuses recipients that start with
 * "refuse". It records every recipient of every message it accepted, duplicates included.
 */
public final class SlowSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Duration perMessage;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger receiving = new java.util.concurrent.atomic.AtomicInteger();

    /** On a free port of its own (see {@link #port()}). */
    public SlowSmtpServer(Duration perMessage) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.perMessage = perMessage;
        threads.submit(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Messages being received now (DATA begun, not yet answered): 0 means nothing more is on its way. */
    public int receiving() {
        return receiving.get();
    }

    /** The recipients of the accepted messages, one entry per message. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.submit(() -> session(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 slow.test ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-slow.test\r\n250 8BITMIME");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String address = line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1");
                        if (address.startsWith("refuse")) {
                            reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected");
                        } else {
                            recipients.add(address);
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        receiving.incrementAndGet();
                        try {
                            reply(out, "354 End data with <CR><LF>.<CR><LF>");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the message itself is not needed
                            }
                            Thread.sleep(perMessage.toMillis());
                            accepted.addAll(recipients);
                            reply(out, "250 OK queued");
                        } finally {
                            receiving.decrementAndGet();
                        }
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
