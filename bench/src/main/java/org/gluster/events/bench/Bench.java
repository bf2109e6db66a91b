package org.gluster.events.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gluster-events-bench}: sends stamped events to glustereventsd (UDP, its AF_UNIX socket or
 * the Java client) at a rate, receives them on its own webhooks and WebSocket clients, and reports
 * what arrived (delivered, lost, duplicated, out of order), how fast, the emit-to-receipt latency,
 * and the daemon's CPU, memory and heap; or starts a daemon of its own for the run.
 */
@Command(name = "gluster-events-bench", mixinStandardHelpOptions = true, versionProvider = Bench.Version.class,
        usageHelpWidth = 100, sortOptions = false,
        description = {
                "Load glustereventsd with stamped events and measure what its webhooks and WebSocket clients receive.",
                "",
                "Each event carries bench=1;seq=<i>;sent=<µs> (code 79). The tool's webhook receivers (a small HTTP/1.1 "
                        + "server, http://127.0.0.1:<port>/listen) and WebSocket clients count every event they get: "
                        + "delivered, lost, duplicated, out of order (after a later event of the same node), the delivery "
                        + "rate and the latency from the send to the receipt (p50, p99, p99.9, max). With --pid (or "
                        + "--start-daemon) it also reports the daemon's CPU, peak RSS and heap (jstat).",
                "",
                "Against a running daemon, register the receivers first (one per --webhooks, on consecutive ports) "
                        + "and, for --websockets, an application whose secret goes to --app-token:",
                "  gluster-eventsapi webhook-add http://127.0.0.1:9999/listen",
                "  gluster-rest app-add NAME",
                "--start-daemon does all of that on a daemon of its own."},
        footer = {"",
                "Examples:",
                "  Start a daemon, send 100,000 events at 20,000/s, one webhook:",
                "    gluster-events-bench --start-daemon -n 100000 -r 20000",
                "  The same with the memory-only journal, and two webhooks that never answer:",
                "    gluster-events-bench --start-daemon -n 100000 -r 20000 --journal memory --dead-webhooks 2",
                "  200 WebSocket clients, no webhook, 100 events/s:",
                "    gluster-events-bench --start-daemon --webhooks 0 --websockets 200 -r 100 -n 3000",
                "  A 10-minute soak at 1,000/s, a line every 30 s (heap, RSS, pending):",
                "    gluster-events-bench --start-daemon -r 1000 --duration 600 --sample-every 30",
                "  A running daemon, its AF_UNIX socket, its CPU and heap:",
                "    gluster-events-bench --transport unix --socket /var/lib/glusterd/events/events.sock --pid 1234",
                "  Two nodes, events alternating between them:",
                "    gluster-events-bench --node 10.0.0.1 --node 10.0.0.2 --webhooks 0 --websockets 1 \\",
                "        --ws-url ws://10.0.0.1:24010/v1/events --app-token gea_...",
                "",
                "Exit status: 0 when every receiver got every event exactly once, 1 when some were lost or",
                "duplicated (or the run failed), 2 on a bad option."})
public final class Bench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    private static final Duration QUIET = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nLoad:%n", order = 1)
    Load load = new Load();

    @ArgGroup(validate = false, heading = "%nReceivers:%n", order = 2)
    Receivers receivers = new Receivers();

    @ArgGroup(validate = false, heading = "%nDaemon:%n", order = 3)
    Daemon daemon = new Daemon();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 4)
    Output output = new Output();

    static final class Load {
        @Option(names = {"-n", "--count"}, paramLabel = "N", order = 1,
                description = "Events to send and measure (default: 10000; with --duration: rate × seconds).")
        Integer count;

        @Option(names = {"-r", "--rate"}, paramLabel = "PER_SECOND", order = 2,
                description = "Events per second, paced; 0 sends as fast as it can (default: ${DEFAULT-VALUE}).")
        int rate = 0;

        @Option(names = "--duration", paramLabel = "SECONDS", order = 3,
                description = "A soak: send at --rate for this long instead of -n events. Runs a full GC in the daemon "
                        + "(jcmd GC.run) before and after, and reports its heap after each.")
        Integer duration;

        @Option(names = "--warmup", paramLabel = "N", order = 4,
                description = "Events sent first, at the same rate, waited for but not measured: both JVMs compile their "
                        + "hot paths and open their connections (default: ${DEFAULT-VALUE}).")
        int warmup = 2_000;

        @Option(names = "--padding", paramLabel = "BYTES", order = 5,
                description = "Extra bytes in each event (;pad=xxx…), to vary its size (default: ${DEFAULT-VALUE}).")
        int padding = 0;

        @Option(names = "--transport", paramLabel = "udp|unix|java", order = 6,
                description = {"How events are sent (default: udp):",
                        "udp   PROTOCOL §1a datagrams to each --node;",
                        "unix  the same text as AF_UNIX datagrams to --socket (the daemon's events.sock);",
                        "java  GfEvent.send of events-api to each --node's port on 127.0.0.1: one socket per event and a "
                                + "2 ms wait for a refusal, so it tops out at a few hundred events/s."})
        Emitter.Transport transport = Emitter.Transport.UDP;

        @Option(names = "--node", paramLabel = "HOST[:PORT]", order = 7,
                description = "A daemon's UDP source; repeat it to spread the events round-robin over several nodes "
                        + "(default: 127.0.0.1:55555; the port defaults to 55555). With --start-daemon, the port its daemon "
                        + "listens on (default: a free one).")
        List<String> nodes = new ArrayList<>();

        @Option(names = "--socket", paramLabel = "PATH", order = 8,
                description = "The daemon's AF_UNIX socket, for --transport unix. With --start-daemon, where its "
                        + "daemon makes it (default: <workdir>/events/events.sock).")
        Path socket;
    }

    static final class Receivers {
        @Option(names = "--webhooks", paramLabel = "N", order = 1,
                description = "Webhook receivers, on consecutive ports from --receiver-port; 0 for none (default: ${DEFAULT-VALUE}).")
        int webhooks = 1;

        @Option(names = "--receiver-port", paramLabel = "PORT", order = 2,
                description = "Port of the first webhook receiver; 0 takes any free ports (default: ${DEFAULT-VALUE}).")
        int receiverPort = 9999;

        @Option(names = "--websockets", paramLabel = "N", order = 3,
                description = "WebSocket clients of --ws-url, all on one thread (default: ${DEFAULT-VALUE}).")
        int websockets = 0;

        @Option(names = "--ws-url", paramLabel = "URL", order = 4,
                description = "Where the WebSocket clients connect (default: ws://127.0.0.1:24010/v1/events). With "
                        + "--start-daemon, its daemon's REST port is this URL's (default: a free one).")
        String wsUrl;

        @Option(names = "--app-token", paramLabel = "TOKEN", order = 5,
                description = "A registered application's secret or token, sent as 'Authorization: Bearer TOKEN' "
                        + "(with --start-daemon, an application it registers).")
        String appToken;

        @Option(names = "--wait", paramLabel = "SECONDS", order = 6,
                description = "The longest wait for the last deliveries after the last send; the wait also ends when "
                        + "nothing arrived for 10 s (default: ${DEFAULT-VALUE}).")
        int waitSeconds = 60;
    }

    static final class Daemon {
        @Option(names = "--pid", paramLabel = "PID", order = 1,
                description = "The daemon's java process, to report its CPU time, peak RSS and heap.")
        long pid;

        @Option(names = "--start-daemon", order = 2,
                description = "Start bin/glustereventsd of this distribution on a fresh temporary workdir (free ports, "
                        + "127.0.0.1, events log off, the receivers registered) and stop it at the end; report its "
                        + "ready time (start to the first event accepted) and its idle RSS.")
        boolean start;

        @Option(names = "--journal", paramLabel = "disk|memory", order = 3,
                description = "With --start-daemon: the durable journal, or the memory-only one "
                        + "(-Dglustereventsd.journal=memory, given through JAVA_TOOL_OPTIONS) (default: disk).")
        Journal journal = Journal.DISK;

        @Option(names = "--daemon-opts", paramLabel = "JAVA_OPTS", order = 4,
                description = "With --start-daemon: the daemon's JAVA_OPTS (default: those of bin/glustereventsd).")
        String javaOptions;

        @Option(names = "--dead-webhooks", paramLabel = "N", order = 5,
                description = "With --start-daemon: also register N webhooks on a port nothing listens on "
                        + "(default: ${DEFAULT-VALUE}).")
        int deadWebhooks = 0;

        @Option(names = "--idle-seconds", paramLabel = "SECONDS", order = 6,
                description = "With --start-daemon: how long after ready the idle RSS is read, before any load; 0 "
                        + "skips it (default: ${DEFAULT-VALUE}).")
        int idleSeconds = 5;

        @Option(names = "--keep-workdir", order = 7,
                description = "With --start-daemon: keep the daemon's workdir (its daemon.out, journal) and print where.")
        boolean keepWorkdir;
    }

    static final class Output {
        @Option(names = "--json", order = 1,
                description = "Print the report as one JSON object (the sample lines go to stderr).")
        boolean json;

        @Option(names = "--sample-every", paramLabel = "SECONDS", order = 2,
                description = "Print a line every SECONDS: elapsed, sent, delivered (by the receiver that got the "
                        + "least), pending, the daemon's heap, old generation and RSS (default: 10 with --duration, else none).")
        Integer sampleEvery;
    }

    enum Journal { DISK, MEMORY }

    /** What {@code --version} prints. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Bench.class.getPackage().getImplementationVersion();
            return new String[] {"gluster-events-bench " + (version == null ? "(development build)" : version)};
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cli, parsed) -> {
                    if (!(e instanceof IOException)) throw e;
                    note(e.getMessage()); // a daemon that did not start, a port in use: no stack trace
                    return 1;
                }).execute(args));
    }

    private volatile int sentSoFar;
    private int sendErrors;
    private String firstSendError;

    /** Where the events go and what is measured there, once a daemon of its own (if any) is up. */
    private record Target(List<InetSocketAddress> nodes, Path socket, URI wsUrl, String token, long pid) {
    }

    /** A daemon the tool started, and what was measured of it before the load; all null otherwise. */
    private record Started(OwnDaemon daemon, Long readyMillis, Double idleRssMib, String keptWorkdir) {
    }

    @Override
    public Integer call() throws Exception {
        int count = validate();
        List<InetSocketAddress> nodes = nodes();
        Deliveries webhooks = new Deliveries(receivers.webhooks, count, nodes.size());
        Deliveries websockets = new Deliveries(receivers.websockets, count, nodes.size());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < receivers.webhooks; i++) ports.add(receivers.receiverPort == 0 ? 0 : receivers.receiverPort + i);

        HttpReceivers http = new HttpReceivers(HOST, ports, webhooks).start();
        OwnDaemon own = null;
        try {
            List<String> urls = http.ports().stream().map(port -> "http://" + HOST + ":" + port + "/listen").toList();
            Target target = new Target(nodes, load.socket,
                    URI.create(receivers.wsUrl == null ? "ws://127.0.0.1:24010/v1/events" : receivers.wsUrl), receivers.appToken, daemon.pid);
            if (daemon.start) {
                own = startDaemon(urls, nodes);
                OwnDaemon started = own;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-daemon"));
                target = new Target(List.of(new InetSocketAddress(HOST, own.udpPort)),
                        load.socket != null ? load.socket : own.workdir.resolve("events/events.sock"),
                        receivers.wsUrl != null ? target.wsUrl() : URI.create("ws://" + HOST + ":" + own.restPort + "/v1/events"),
                        receivers.appToken != null ? receivers.appToken : own.appSecret, own.pid());
            }
            try (Emitter emitter = emitter(target)) {
                Started started = new Started(null, null, null, null);
                if (own != null) {
                    long readyMillis = own.awaitReady(emitter, List.of(webhooks, websockets), Duration.ofSeconds(60));
                    own.awaitSinks(urls, receivers.websockets > 0, Duration.ofSeconds(30));
                    note("daemon pid " + own.pid() + " ready in " + readyMillis + " ms (workdir " + own.workdir + ")");
                    Double idleRssMib = null;
                    if (daemon.idleSeconds > 0) {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(daemon.idleSeconds));
                        idleRssMib = DaemonWatch.ProcSample.of(own.pid()).rssKib() / 1024.0;
                    }
                    started = new Started(own, readyMillis, idleRssMib, daemon.keepWorkdir ? own.workdir.toString() : null);
                }
                return measure(count, emitter, target, webhooks, urls, websockets, started);
            }
        } finally {
            http.close();
            if (own != null) own.close();
        }
    }

    /** Warm-up, the measured sends, the wait for the deliveries, the report. */
    private int measure(int count, Emitter emitter, Target target, Deliveries webhooks, List<String> urls, Deliveries websockets,
                        Started started) throws Exception {
        long pid = target.pid();
        WebSocketClients ws = null;
        DaemonWatch watch = pid > 0 ? new DaemonWatch(pid) : null;
        ScheduledExecutorService sampler = null;
        try {
            if (receivers.websockets > 0) {
                ws = new WebSocketClients(target.wsUrl(), target.token(), websockets).start();
                if (!ws.awaitOpened(Duration.ofSeconds(60))) note("some WebSocket clients did not connect within 60 s");
            }
            WebSocketClients clients = ws;
            boolean warmedUp = true;
            if (load.warmup > 0) {
                send(emitter, Stamp.Phase.WARMUP, load.warmup);
                warmedUp = awaitWarmup(webhooks, websockets, clients);
            }
            boolean soak = load.duration != null;
            DaemonWatch.Heap fullGcStart = soak && pid > 0 ? DaemonWatch.heapAfterFullGc(pid) : null;

            List<Report.Sample> samples = new ArrayList<>();
            long acceptedBefore = started.daemon() == null ? -1 : started.daemon().accepted();
            DaemonWatch.ProcSample before = watch == null ? null : watch.sample();
            long startedNanos = System.nanoTime();
            int sampleEvery = output.sampleEvery != null ? output.sampleEvery : soak ? 10 : 0;
            if (sampleEvery > 0) {
                sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "sampler");
                    thread.setDaemon(true);
                    return thread;
                });
                sampler.scheduleAtFixedRate(() -> sample(samples, startedNanos, watch, webhooks, websockets, clients),
                        sampleEvery, sampleEvery, TimeUnit.SECONDS);
            }

            send(emitter, Stamp.Phase.BENCH, count);
            double sendSeconds = (System.nanoTime() - startedNanos) / 1e9;
            if (firstSendError != null) note(sendErrors + " sends failed, the first: " + firstSendError);
            awaitDeliveries(count, webhooks, websockets, clients);
            DaemonWatch.ProcSample after = watch == null ? null : watch.sample();
            long acceptedAfter = started.daemon() == null ? -1 : started.daemon().accepted();
            double wallSeconds = (System.nanoTime() - startedNanos) / 1e9;
            Thread.sleep(300); // late duplicates
            if (sampler != null) {
                sampler.shutdown();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
                sample(samples, startedNanos, watch, webhooks, websockets, clients);
            }
            DaemonWatch.Heap fullGcEnd = soak && pid > 0 ? DaemonWatch.heapAfterFullGc(pid) : null;
            if (ws != null) ws.close();

            Report.Daemon figures = null;
            if (watch != null) {
                double cpu = after.cpuSeconds() - before.cpuSeconds();
                figures = new Report.Daemon(pid, cpu, 100 * cpu / wallSeconds, watch.peakRssKib() / 1024.0, watch.heap(),
                        watch.peakHeapMib(), watch.peakOldGenMib(), fullGcStart, fullGcEnd,
                        acceptedBefore >= 0 && acceptedAfter >= 0 ? acceptedAfter - acceptedBefore : null,
                        started.readyMillis(), started.idleRssMib(), started.keptWorkdir());
            }
            Report report = new Report(parameters(count, target), count, sendErrors, sendSeconds, warmedUp,
                    receivers.webhooks > 0 ? webhooks : null, urls, receivers.websockets > 0 ? websockets : null,
                    ws == null ? List.of() : ws.clients(), figures, samples);
            System.out.print(output.json ? JSON.writeValueAsString(report.json()) + "\n" : report.table());
            return report.clean() ? 0 : 1;
        } finally {
            if (sampler != null) sampler.shutdownNow();
            if (ws != null) ws.close();
            if (watch != null) watch.close();
        }
    }

    /** Sends {@code n} stamped events of {@code phase} at the rate. */
    private void send(Emitter emitter, Stamp.Phase phase, int n) {
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (load.rate > 0) {
                long early = started + (long) i * 1_000_000_000L / load.rate - System.nanoTime();
                if (early > 100_000) LockSupport.parkNanos(early);
            }
            try {
                emitter.send(phase, i);
            } catch (IOException e) {
                if (phase == Stamp.Phase.BENCH && sendErrors++ == 0) firstSendError = e.toString();
            }
            if (phase == Stamp.Phase.BENCH) sentSoFar = i + 1;
        }
    }

    /** The receivers still able to receive: every webhook receiver and the open WebSocket clients. */
    private static List<Tally> live(Deliveries webhooks, Deliveries websockets, WebSocketClients clients) {
        List<Tally> live = new ArrayList<>(webhooks.tallies());
        if (clients != null) {
            for (WebSocketClients.Client client : clients.clients()) {
                if (client.state == WebSocketClients.State.OPEN) live.add(websockets.tallies().get(client.index));
            }
        }
        return live;
    }

    private boolean awaitWarmup(Deliveries webhooks, Deliveries websockets, WebSocketClients clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, receivers.waitSeconds));
        while (System.nanoTime() < deadline) {
            if (live(webhooks, websockets, clients).stream().allMatch(t -> t.warmups() >= load.warmup)) return true;
            Thread.sleep(20);
        }
        note("not every receiver got the " + load.warmup + " warm-up events; measuring anyway");
        return false;
    }

    /** Until every live receiver has every event, nothing arrived for 10 s, or --wait has passed. */
    private void awaitDeliveries(int count, Deliveries webhooks, Deliveries websockets, WebSocketClients clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(receivers.waitSeconds);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<Tally> live = live(webhooks, websockets, clients);
            if (live.stream().allMatch(t -> t.delivered() >= count)) return;
            long delivered = live.stream().mapToLong(Tally::delivered).sum();
            if (delivered != last) {
                last = delivered;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                return; // the rest is lost
            }
            Thread.sleep(50);
        }
    }

    private void sample(List<Report.Sample> samples, long started, DaemonWatch watch, Deliveries webhooks, Deliveries websockets,
                        WebSocketClients clients) {
        List<Tally> live = live(webhooks, websockets, clients);
        long delivered = live.stream().mapToLong(Tally::delivered).min().orElse(0);
        Report.Sample sample = new Report.Sample((System.nanoTime() - started) / 1e9, sentSoFar, delivered,
                watch == null ? null : watch.heap(), watch == null ? 0 : watch.sample().rssKib() / 1024.0);
        synchronized (samples) {
            if (samples.isEmpty()) (output.json ? System.err : System.out).println(Report.Sample.header());
            samples.add(sample);
        }
        (output.json ? System.err : System.out).println(sample.line());
    }

    private OwnDaemon startDaemon(List<String> urls, List<InetSocketAddress> nodes) throws IOException {
        String home = System.getProperty("glustereventsd.home");
        if (home == null) {
            throw new ParameterException(spec.commandLine(), "--start-daemon needs the distribution: run bin/gluster-events-bench");
        }
        int udpPort = load.nodes.isEmpty() ? 0 : nodes.get(0).getPort();
        int restPort = receivers.wsUrl == null ? 0 : URI.create(receivers.wsUrl).getPort();
        return OwnDaemon.start(new OwnDaemon.Settings(Path.of(home), udpPort, Math.max(0, restPort), load.socket, urls, daemon.deadWebhooks,
                receivers.websockets > 0 && receivers.appToken == null, daemon.journal == Journal.MEMORY, daemon.javaOptions,
                daemon.keepWorkdir));
    }

    private Emitter emitter(Target target) throws IOException {
        return switch (load.transport) {
            case UDP -> new Emitter.Udp(target.nodes(), load.padding);
            case UNIX -> new Emitter.Unix(target.socket(), load.padding);
            case JAVA -> new Emitter.Java(target.nodes(), load.padding);
        };
    }

    /** The events to measure; throws {@link ParameterException} (exit 2) for a bad combination of options. */
    private int validate() {
        CommandLine cli = spec.commandLine();
        if (load.duration != null && load.count != null) throw new ParameterException(cli, "give -n or --duration, not both");
        if (load.duration != null && (load.duration <= 0 || load.rate <= 0)) {
            throw new ParameterException(cli, "--duration needs a positive number of seconds and a rate (-r)");
        }
        long count = load.duration != null ? (long) load.duration * load.rate : load.count != null ? load.count : 10_000;
        if (count < 1 || count > Integer.MAX_VALUE - 64) {
            throw new ParameterException(cli, "the events to send must be from 1 to 2^31: " + count);
        }
        for (Object[] check : new Object[][] {{"--rate", load.rate}, {"--warmup", load.warmup}, {"--padding", load.padding},
                {"--webhooks", receivers.webhooks}, {"--websockets", receivers.websockets}, {"--wait", receivers.waitSeconds},
                {"--dead-webhooks", daemon.deadWebhooks}, {"--idle-seconds", daemon.idleSeconds}}) {
            if ((Integer) check[1] < 0) throw new ParameterException(cli, check[0] + " cannot be negative");
        }
        if (output.sampleEvery != null && output.sampleEvery < 0) throw new ParameterException(cli, "--sample-every cannot be negative");
        if (receivers.receiverPort < 0 || receivers.receiverPort + Math.max(0, receivers.webhooks - 1) > 65535) {
            throw new ParameterException(cli, "--receiver-port: the receivers' ports must be from 1 to 65535 (or 0 for any)");
        }
        if (!daemon.start) {
            for (String option : List.of("--journal", "--daemon-opts", "--dead-webhooks", "--keep-workdir", "--idle-seconds")) {
                if (cli.getParseResult().hasMatchedOption(option)) throw new ParameterException(cli, option + " needs --start-daemon");
            }
            if (load.transport == Emitter.Transport.UNIX && load.socket == null) {
                throw new ParameterException(cli, "--transport unix needs --socket PATH (the daemon's events.sock)");
            }
        } else {
            if (daemon.pid != 0) throw new ParameterException(cli, "--start-daemon measures its own daemon: leave out --pid");
            if (load.nodes.size() > 1) throw new ParameterException(cli, "--start-daemon starts one node: give at most one --node");
        }
        if (receivers.wsUrl != null) {
            try {
                URI uri = new URI(receivers.wsUrl);
                if (!"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(receivers.wsUrl, "not ws://");
                }
            } catch (URISyntaxException e) {
                throw new ParameterException(cli, "--ws-url must be ws://HOST:PORT/PATH: " + receivers.wsUrl);
            }
        }
        return (int) count;
    }

    /** The --node addresses (port 55555 unless given); for --transport java, each must be 127.0.0.1. */
    private List<InetSocketAddress> nodes() {
        List<String> given = load.nodes.isEmpty() ? List.of(HOST + ":55555") : load.nodes;
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (String node : given) {
            int colon = node.lastIndexOf(':');
            String host = colon < 0 ? node : node.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 55555 : Integer.parseInt(node.substring(colon + 1));
                if (host.isEmpty() || port < 1 || port > 65535) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--node must be HOST or HOST:PORT: " + node);
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) throw new ParameterException(spec.commandLine(), "--node: unknown host " + host);
            if (load.transport == Emitter.Transport.JAVA && !address.getAddress().equals(InetAddress.getLoopbackAddress())) {
                throw new ParameterException(spec.commandLine(), "--transport java sends to 127.0.0.1 only: " + node);
            }
            nodes.add(address);
        }
        return nodes;
    }

    private Map<String, Object> parameters(int count, Target target) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("transport", load.transport.name().toLowerCase(Locale.ROOT));
        if (load.transport == Emitter.Transport.UNIX) json.put("socket", target.socket().toString());
        else json.put("nodes", target.nodes().stream().map(n -> n.getHostString() + ":" + n.getPort()).toList());
        json.put("count", count);
        json.put("rate", load.rate);
        json.put("duration_seconds", load.duration);
        json.put("warmup", load.warmup);
        json.put("padding", load.padding);
        json.put("webhooks", receivers.webhooks);
        json.put("websockets", receivers.websockets);
        if (receivers.websockets > 0) json.put("ws_url", target.wsUrl().toString());
        json.put("start_daemon", daemon.start);
        if (daemon.start) {
            json.put("journal", daemon.journal.name().toLowerCase(Locale.ROOT));
            json.put("daemon_opts", daemon.javaOptions);
            json.put("dead_webhooks", daemon.deadWebhooks);
        }
        return json;
    }

    private static void note(String text) {
        System.err.println("gluster-events-bench: " + text);
    }
}
