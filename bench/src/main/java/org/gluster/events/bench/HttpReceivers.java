package org.gluster.events.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The webhook receivers: a small HTTP/1.1 server on each port, all of them served by one selector
 * thread. Every request (any method, any path) is answered {@code 200} with an empty body, after
 * its receipt time is taken and its stamp counted; connections are kept alive, requests may be
 * pipelined, bodies come with a {@code Content-Length} or chunked.
 */
final class HttpReceivers implements AutoCloseable {
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = bytes("content-length:");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding:");
    private static final byte[] CONNECTION = bytes("connection:");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");
    private static final byte[] HTTP_1_0 = bytes("http/1.0");

    private final Deliveries deliveries;
    private final Selector selector;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final Stamp stamp = new Stamp();
    private final Thread thread = new Thread(this::serve, "webhook-receivers");
    private volatile boolean running = true;
    private volatile long requests;

    /**
     * Listens on {@code host} at each of {@code ports} (0: any free port); receiver {@code i} (of
     * {@code deliveries}) is the one on {@code ports.get(i)}.
     */
    HttpReceivers(String host, List<Integer> ports, Deliveries deliveries) throws IOException {
        this.deliveries = deliveries;
        this.selector = Selector.open();
        try {
            for (int i = 0; i < ports.size(); i++) {
                ServerSocketChannel server = ServerSocketChannel.open();
                servers.add(server);
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                try {
                    server.bind(new InetSocketAddress(host, ports.get(i)), 1024);
                } catch (IOException e) {
                    throw new IOException("cannot listen on " + host + ":" + ports.get(i) + ": " + e.getMessage(), e);
                }
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT, i);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        thread.setDaemon(true);
    }

    /** The ports listened on, in receiver order. */
    List<Integer> ports() throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (ServerSocketChannel server : servers) ports.add(((InetSocketAddress) server.getLocalAddress()).getPort());
        return ports;
    }

    HttpReceivers start() {
        thread.start();
        return this;
    }

    /** Requests answered, with a stamp or not. */
    long requests() {
        return requests;
    }

    private void serve() {
        try {
            while (running) {
                selector.select(this::handle, 200);
            }
        } catch (IOException | RuntimeException e) {
            if (running) System.err.println("gluster-events-bench: the webhook receivers stopped: " + e);
        }
    }

    private void handle(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept(key);
                return;
            }
            Connection connection = (Connection) key.attachment();
            if (key.isReadable()) read(key, connection);
            if (key.isValid() && key.isWritable()) flush(key, connection);
        } catch (IOException e) {
            closeConnection(key);
        }
    }

    private void accept(SelectionKey key) throws IOException {
        SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
        if (channel == null) return;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.register(selector, SelectionKey.OP_READ, new Connection((Integer) key.attachment()));
    }

    private void read(SelectionKey key, Connection connection) throws IOException {
        int read = connection.readFrom((SocketChannel) key.channel());
        if (read < 0) {
            closeConnection(key);
            return;
        }
        long nowMicros = System.nanoTime() / 1000;
        int answers = handleRequests(connection, nowMicros);
        if (answers > 0) {
            connection.answer(answers);
            requests += answers;
            flush(key, connection);
        }
    }

    /** Counts every complete request held by {@code connection}; returns how many to answer. */
    private int handleRequests(Connection c, long nowMicros) {
        byte[] in = c.in;
        int start = 0;
        int answers = 0;
        while (true) {
            int headEnd = Stamp.indexOf(in, Math.max(start, c.searchFrom), c.held, HEAD_END);
            if (headEnd < 0) {
                c.searchFrom = Math.max(start, c.held - HEAD_END.length + 1);
                break;
            }
            Head head = Head.parse(in, start, headEnd);
            int bodyStart = headEnd + HEAD_END.length;
            int end;
            if (head.chunked) {
                end = c.dechunk(bodyStart);
                if (end < 0) {
                    c.searchFrom = start; // the headers are parsed again when more has come
                    break;
                }
                if (stamp.scan(c.body, 0, c.bodyLength)) deliveries.record(c.receiver, stamp, nowMicros);
            } else {
                end = bodyStart + Math.max(0, head.contentLength);
                if (end > c.held) {
                    c.searchFrom = start;
                    break;
                }
                if (stamp.scan(in, bodyStart, end)) deliveries.record(c.receiver, stamp, nowMicros);
            }
            answers++;
            c.closeAfterAnswers |= head.close;
            start = end;
            c.searchFrom = start;
        }
        c.discard(start);
        return answers;
    }

    private void flush(SelectionKey key, Connection connection) throws IOException {
        boolean done = connection.writeTo((SocketChannel) key.channel());
        if (done && connection.closeAfterAnswers) {
            closeConnection(key);
            return;
        }
        key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private static void closeConnection(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SelectionKey key : selector.isOpen() ? selector.keys() : List.<SelectionKey>of()) closeConnection(key);
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** What the tool needs of a request's headers. */
    record Head(int contentLength, boolean chunked, boolean close) {
        /** The head in {@code bytes[from, to)}: the request line and the header lines. */
        static Head parse(byte[] bytes, int from, int to) {
            int contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            int line = Stamp.indexOf(bytes, from, to, CRLF);
            if (line - from >= HTTP_1_0.length && startsWithIgnoreCase(bytes, line - HTTP_1_0.length, line, HTTP_1_0)) close = true;
            while (line >= 0 && line < to) {
                int lineStart = line + CRLF.length;
                int lineEnd = Stamp.indexOf(bytes, lineStart, to, CRLF);
                if (lineEnd < 0) lineEnd = to;
                if (startsWithIgnoreCase(bytes, lineStart, lineEnd, CONTENT_LENGTH)) {
                    contentLength = decimal(bytes, lineStart + CONTENT_LENGTH.length, lineEnd);
                } else if (startsWithIgnoreCase(bytes, lineStart, lineEnd, TRANSFER_ENCODING)) {
                    chunked = containsIgnoreCase(bytes, lineStart, lineEnd, CHUNKED);
                } else if (startsWithIgnoreCase(bytes, lineStart, lineEnd, CONNECTION)) {
                    close = containsIgnoreCase(bytes, lineStart, lineEnd, CLOSE);
                }
                line = lineEnd;
            }
            return new Head(contentLength, chunked, close);
        }
    }

    /** One client connection: what it sent that is not handled yet, and the answers not written yet. */
    private static final class Connection {
        final int receiver;
        byte[] in = new byte[16 * 1024];
        ByteBuffer inBuffer = ByteBuffer.wrap(in);
        int held;
        /** Where to look for the end of the next request's headers. */
        int searchFrom;
        byte[] body = new byte[1024];
        int bodyLength;
        ByteBuffer out = ByteBuffer.allocate(OK.length * 16);
        boolean closeAfterAnswers;

        Connection(int receiver) {
            this.receiver = receiver;
        }

        int readFrom(SocketChannel channel) throws IOException {
            if (held == in.length) {
                in = Arrays.copyOf(in, in.length * 2);
                inBuffer = ByteBuffer.wrap(in);
            }
            inBuffer.limit(in.length).position(held);
            int read = channel.read(inBuffer);
            if (read > 0) held += read;
            return read;
        }

        /** Drops the first {@code count} bytes held: the requests handled. */
        void discard(int count) {
            if (count == 0) return;
            System.arraycopy(in, count, in, 0, held - count);
            held -= count;
            searchFrom = Math.max(0, searchFrom - count);
        }

        void answer(int answers) {
            if (out.remaining() < OK.length * answers) {
                ByteBuffer larger = ByteBuffer.allocate(out.position() + OK.length * answers * 2);
                out.flip();
                larger.put(out);
                out = larger;
            }
            for (int i = 0; i < answers; i++) out.put(OK);
        }

        /** Writes the answers held; true when none is left. */
        boolean writeTo(SocketChannel channel) throws IOException {
            out.flip();
            channel.write(out);
            out.compact();
            return out.position() == 0;
        }

        /**
         * Decodes the chunked body that starts at {@code from} into {@link #body}; returns where
         * the request ends, or -1 while it is incomplete.
         */
        int dechunk(int from) {
            bodyLength = 0;
            int at = from;
            while (true) {
                int sizeEnd = Stamp.indexOf(in, at, held, CRLF);
                if (sizeEnd < 0) return -1;
                int size = hex(in, at, sizeEnd);
                if (size < 0) size = 0; // not a size: taken as the last chunk
                int data = sizeEnd + CRLF.length;
                if (size == 0) {
                    // trailers, if any, then an empty line
                    int trailer = data;
                    while (true) {
                        int lineEnd = Stamp.indexOf(in, trailer, held, CRLF);
                        if (lineEnd < 0) return -1;
                        if (lineEnd == trailer) return lineEnd + CRLF.length;
                        trailer = lineEnd + CRLF.length;
                    }
                }
                if (data + size + CRLF.length > held) return -1;
                if (bodyLength + size > body.length) body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + size));
                System.arraycopy(in, data, body, bodyLength, size);
                bodyLength += size;
                at = data + size + CRLF.length;
            }
        }
    }

    private static int hex(byte[] bytes, int from, int to) {
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) break; // a chunk extension follows
            if (++digits > 7) return -1;
            value = value * 16 + digit;
        }
        return digits == 0 ? -1 : value;
    }

    private static int decimal(byte[] bytes, int from, int to) {
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == ' ' || b == '\t') continue;
            if (b < '0' || b > '9' || ++digits > 9) return -1;
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private static boolean startsWithIgnoreCase(byte[] bytes, int from, int to, byte[] lowerPrefix) {
        if (to - from < lowerPrefix.length) return false;
        for (int k = 0; k < lowerPrefix.length; k++) {
            if (lower(bytes[from + k]) != lowerPrefix[k]) return false;
        }
        return true;
    }

    private static boolean containsIgnoreCase(byte[] bytes, int from, int to, byte[] lowerWord) {
        for (int i = from; i <= to - lowerWord.length; i++) {
            if (startsWithIgnoreCase(bytes, i, to, lowerWord)) return true;
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
