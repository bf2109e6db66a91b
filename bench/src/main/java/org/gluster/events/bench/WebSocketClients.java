package org.gluster.events.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebSocket clients of one {@code ws://} URL, all served by one selector thread: each opens its
 * connection (at most {@value #HANDSHAKES_IN_FLIGHT} handshakes at a time), then counts the stamps
 * of the text frames it receives, answers pings, and notes the close code and reason when the server
 * closes it. What a client sends (the handshake aside: a pong, a close) is masked, as RFC 6455
 * requires of clients.
 */
final class WebSocketClients implements AutoCloseable {
    static final int HANDSHAKES_IN_FLIGHT = 32;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int NORMAL_CLOSURE = 1000;
    private static final int ABNORMAL_CLOSURE = 1006;

    enum State { WAITING, CONNECTING, HANDSHAKE, OPEN, FAILED, DROPPED, CLOSED }

    private final InetSocketAddress address;
    private final String request;
    private final Deliveries deliveries;
    private final Client[] clients;
    private final Selector selector;
    private final Stamp stamp = new Stamp();
    private final Thread thread = new Thread(this::serve, "websocket-clients");
    private final SecureRandom random = new SecureRandom();
    private volatile boolean running = true;
    private int nextToConnect;
    private int handshaking;

    /**
     * One client per receiver of {@code deliveries}, for {@code url} ({@code ws://host:port/path?query}),
     * sending {@code Authorization: Bearer token} unless {@code token} is null or empty.
     */
    WebSocketClients(URI url, String token, Deliveries deliveries) throws IOException {
        if (!"ws".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not a ws://host:port/path URL: " + url);
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        this.address = new InetSocketAddress(url.getHost(), port);
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        this.request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + (token == null || token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n");
        this.deliveries = deliveries;
        this.clients = new Client[deliveries.tallies().size()];
        for (int i = 0; i < clients.length; i++) clients[i] = new Client(i);
        this.selector = Selector.open();
        thread.setDaemon(true);
    }

    WebSocketClients start() {
        thread.start();
        return this;
    }

    /** Waits until every client is open or has failed to open; false if some are still opening at the timeout. */
    boolean awaitOpened(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Arrays.stream(clients).allMatch(c -> c.state.compareTo(State.OPEN) >= 0)) return true;
            Thread.sleep(20);
        }
        return false;
    }

    /** The clients, in receiver order; their outcome is final once {@link #close} has returned. */
    List<Client> clients() {
        return List.of(clients);
    }

    private void serve() {
        try {
            while (running) {
                while (handshaking < HANDSHAKES_IN_FLIGHT && nextToConnect < clients.length) connect(clients[nextToConnect++]);
                selector.select(this::handle, 100);
            }
        } catch (IOException | RuntimeException e) {
            if (running) System.err.println("gluster-events-bench: the WebSocket clients stopped: " + e);
        }
    }

    private void connect(Client client) {
        handshaking++;
        client.state = State.CONNECTING;
        try {
            SocketChannel channel = SocketChannel.open();
            client.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, client);
            if (channel.connect(address)) connected(key, client);
        } catch (IOException e) {
            fail(client, "cannot connect to " + address + ": " + e.getMessage());
        }
    }

    private void handle(SelectionKey key) {
        Client client = (Client) key.attachment();
        try {
            if (key.isConnectable()) {
                if (((SocketChannel) key.channel()).finishConnect()) connected(key, client);
                return;
            }
            if (key.isReadable()) read(key, client);
            if (key.isValid() && key.isWritable()) flush(key, client);
        } catch (IOException e) {
            if (client.state == State.OPEN) drop(client, ABNORMAL_CLOSURE, "connection failed: " + e.getMessage());
            else fail(client, "connection failed: " + e.getMessage());
        }
    }

    private void connected(SelectionKey key, Client client) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        client.key = Base64.getEncoder().encodeToString(nonce);
        client.state = State.HANDSHAKE;
        key.interestOps(SelectionKey.OP_READ);
        send(key, client, (request + "Sec-WebSocket-Key: " + client.key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void read(SelectionKey key, Client client) throws IOException {
        int read = client.readFrom((SocketChannel) key.channel());
        if (read < 0) {
            if (client.state == State.OPEN) drop(client, ABNORMAL_CLOSURE, "connection closed without a close frame");
            else fail(client, "connection closed during the handshake");
            return;
        }
        long nowMicros = System.nanoTime() / 1000;
        int start = 0;
        if (client.state == State.HANDSHAKE) {
            int headEnd = Stamp.indexOf(client.in, 0, client.held, HEAD_END);
            if (headEnd < 0) return;
            String head = new String(client.in, 0, headEnd, StandardCharsets.ISO_8859_1);
            String refusal = refusal(head, client.key);
            if (refusal != null) {
                fail(client, refusal);
                return;
            }
            client.state = State.OPEN;
            handshaking--;
            start = headEnd + HEAD_END.length;
        }
        start = frames(key, client, start, nowMicros);
        client.discard(start);
    }

    /** Handles the complete frames from {@code start}; returns where the first incomplete one starts. */
    private int frames(SelectionKey key, Client client, int start, long nowMicros) throws IOException {
        byte[] in = client.in;
        int at = start;
        while (client.state == State.OPEN && client.held - at >= 2) {
            boolean fin = (in[at] & 0x80) != 0;
            int opcode = in[at] & 0x0f;
            boolean masked = (in[at + 1] & 0x80) != 0;
            long length = in[at + 1] & 0x7f;
            int header = 2;
            if (length == 126) {
                if (client.held - at < 4) break;
                length = ((in[at + 2] & 0xff) << 8) | (in[at + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (client.held - at < 10) break;
                length = 0;
                for (int i = 2; i < 10; i++) length = (length << 8) | (in[at + i] & 0xff);
                header = 10;
            }
            if (masked) header += 4;
            if (length > Integer.MAX_VALUE - 64) {
                drop(client, ABNORMAL_CLOSURE, "a frame of " + length + " bytes");
                break;
            }
            if (client.held - at < header + length) {
                client.reserve(header + (int) length);
                break;
            }
            int payload = at + header;
            int end = payload + (int) length;
            if (masked) {
                for (int i = payload; i < end; i++) in[i] ^= in[payload - 4 + ((i - payload) & 3)];
            }
            frame(key, client, opcode, fin, payload, end, nowMicros);
            at = end;
        }
        return at;
    }

    private void frame(SelectionKey key, Client client, int opcode, boolean fin, int from, int to, long nowMicros) throws IOException {
        byte[] in = client.in;
        switch (opcode) {
            case TEXT, BINARY -> {
                if (fin) {
                    if (stamp.scan(in, from, to)) deliveries.record(client.index, stamp, nowMicros);
                } else {
                    client.fragments.reset();
                    client.fragments.write(in, from, to - from);
                }
            }
            case CONTINUATION -> {
                client.fragments.write(in, from, to - from);
                if (fin) {
                    byte[] message = client.fragments.toByteArray();
                    client.fragments.reset();
                    if (stamp.scan(message, 0, message.length)) deliveries.record(client.index, stamp, nowMicros);
                }
            }
            case CLOSE -> {
                int code = to - from >= 2 ? ((in[from] & 0xff) << 8) | (in[from + 1] & 0xff) : 1005;
                String reason = to - from > 2 ? new String(in, from + 2, to - from - 2, StandardCharsets.UTF_8) : "";
                send(key, client, frameOf(CLOSE, Arrays.copyOfRange(in, from, Math.min(to, from + 2))));
                drop(client, code, reason);
            }
            case PING -> send(key, client, frameOf(0xA, Arrays.copyOfRange(in, from, to)));
            default -> {
                // a pong, or an opcode this client does not use
            }
        }
    }

    /** Why the handshake's answer {@code head} does not open a WebSocket, or null when it does. */
    static String refusal(String head, String key) {
        String statusLine = head.lines().findFirst().orElse("");
        if (!statusLine.matches("HTTP/1\\.[01] 101( .*)?")) return "the server answered " + statusLine;
        String expected = acceptOf(key);
        boolean accepted = head.lines().skip(1).anyMatch(line -> {
            int colon = line.indexOf(':');
            return colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")
                    && line.substring(colon + 1).trim().equals(expected);
        });
        return accepted ? null : "the server's Sec-WebSocket-Accept does not match the key";
    }

    /** {@code Sec-WebSocket-Accept} for {@code key}: base64(SHA-1(key + GUID)). */
    static String acceptOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A final client frame (a control frame: at most 125 bytes of payload), masked. */
    static byte[] frameOf(int opcode, byte[] payload) {
        int length = Math.min(payload.length, 125);
        byte[] frame = new byte[6 + length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | length);
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) frame[2 + i] = (byte) (mask >>> (24 - 8 * i));
        for (int i = 0; i < length; i++) frame[6 + i] = (byte) (payload[i] ^ frame[2 + (i & 3)]);
        return frame;
    }

    private void send(SelectionKey key, Client client, byte[] bytes) throws IOException {
        client.queue(bytes);
        flush(key, client);
    }

    private void flush(SelectionKey key, Client client) throws IOException {
        if (!key.isValid()) return;
        boolean done = client.writeTo((SocketChannel) key.channel());
        key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void fail(Client client, String why) {
        if (client.state.compareTo(State.OPEN) < 0) handshaking--;
        client.failure = why;
        client.state = State.FAILED;
        client.closeChannel();
    }

    private void drop(Client client, int code, String reason) {
        client.closeCode = code;
        client.closeReason = reason;
        client.state = State.DROPPED;
        client.closeChannel();
    }

    /** Closes every open client (a masked close frame, code 1000) and stops the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(5000);
        for (Client client : clients) {
            if (client.state == State.OPEN) {
                client.queue(frameOf(CLOSE, new byte[] {(byte) (NORMAL_CLOSURE >> 8), (byte) NORMAL_CLOSURE}));
                try {
                    client.writeTo(client.channel);
                } catch (IOException ignored) {
                    // closing anyway
                }
                client.state = State.CLOSED;
            }
            client.closeChannel();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** One client: its connection, what it received that is not handled yet, and how it ended. */
    static final class Client {
        final int index;
        volatile State state = State.WAITING;
        /** Why it could not open, when it is {@link State#FAILED}. */
        volatile String failure;
        /** The close code and reason, when the server closed it ({@link State#DROPPED}). */
        volatile int closeCode;
        volatile String closeReason;

        private SocketChannel channel;
        private String key;
        private byte[] in = new byte[8 * 1024];
        private ByteBuffer inBuffer = ByteBuffer.wrap(in);
        private int held;
        private ByteBuffer out = ByteBuffer.allocate(256);
        private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();

        Client(int index) {
            this.index = index;
        }

        /** Whether its connection was opened at some point. */
        boolean opened() {
            return state == State.OPEN || state == State.DROPPED || state == State.CLOSED;
        }

        int readFrom(SocketChannel from) throws IOException {
            if (held == in.length) reserve(in.length * 2);
            inBuffer.limit(in.length).position(held);
            int read = from.read(inBuffer);
            if (read > 0) held += read;
            return read;
        }

        /** Makes room for a frame of {@code bytes} bytes at the start of the buffer. */
        void reserve(int bytes) {
            if (bytes <= in.length) return;
            in = Arrays.copyOf(in, Math.max(bytes, in.length * 2));
            inBuffer = ByteBuffer.wrap(in);
        }

        void discard(int count) {
            if (count == 0) return;
            System.arraycopy(in, count, in, 0, held - count);
            held -= count;
        }

        void queue(byte[] bytes) {
            if (out.remaining() < bytes.length) {
                ByteBuffer larger = ByteBuffer.allocate(out.position() + bytes.length + 256);
                out.flip();
                larger.put(out);
                out = larger;
            }
            out.put(bytes);
        }

        boolean writeTo(SocketChannel to) throws IOException {
            out.flip();
            to.write(out);
            out.compact();
            return out.position() == 0;
        }

        void closeChannel() {
            if (channel == null) return;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** How many clients opened, failed to open, and were closed by the server. */
    record Counts(int opened, int failed, int dropped) {
        static Counts of(List<Client> clients) {
            return new Counts((int) clients.stream().filter(Client::opened).count(),
                    (int) clients.stream().filter(c -> c.state == State.FAILED).count(),
                    (int) clients.stream().filter(c -> c.state == State.DROPPED).count());
        }
    }
}
