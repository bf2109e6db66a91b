package org.gluster.events.runtime.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;

import org.gluster.events.runtime.cluster.Peers;
import org.gluster.events.runtime.journal.Journal;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.gluster.events.runtime.pipeline.EventLogSink;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events configuration of this node: the shipped defaults, {@code events/config.json},
 * {@code events/webhooks.json} and {@code events/plugins.json}. It turns them into Config Admin
 * configurations for the bundles that use them (sources, HTTP server, one webhook sink per URL, the
 * events log, filters and other plugins by their PID), re-reads the files
 * within a second of another program rewriting them, and on SIGUSR2.
 */
@Component(service = EventsConfig.class, immediate = true)
public final class EventsConfig {
    private static final Logger LOG = LoggerFactory.getLogger(EventsConfig.class);

    public static final String UDP_PID = "org.gluster.events.source.udp";
    public static final String UNIX_SOCKET_PID = "org.gluster.events.source.unixsocket";
    public static final String HTTP_PID = "org.gluster.events.http";
    public static final String WEBHOOK_FACTORY_PID = "org.gluster.events.sink.webhook";
    /** The launcher runs Runnable services with this property when the daemon gets the signal. */
    public static final String SIGNAL_PROPERTY = "glustereventsd.signal";
    private static final long WATCH_INTERVAL_MS = 1000;

    @Reference
    private ConfigurationAdmin configAdmin;
    @Reference
    private Journal journal;
    /** bin/glustereventsd's switch of the log format (text or json); absent elsewhere, as under Pax Exam. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(glustereventsd.logging=format)")
    private volatile Consumer<String> logFormat;

    private RuntimeLayout layout;
    private ScheduledExecutorService watcher;
    private ServiceRegistration<Runnable> signalHandler;
    private final Map<Path, Object> lastSeen = new LinkedHashMap<>();
    private volatile Map<String, Object> settings = ConfigKey.defaults();
    private volatile Map<String, Webhook> webhooks = Map.of();
    private volatile Map<String, Hashtable<String, Object>> plugins = Map.of();
    /** Whether webhooks.json was read once: before that, no webhook's position may be forgotten. */
    private volatile boolean webhooksRead;
    private volatile List<String> warnings = List.of();

    @Activate
    void activate(BundleContext context) {
        layout = RuntimeLayout.from(context);
        reload("start");
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "config-watcher");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, WATCH_INTERVAL_MS, WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS);
        Dictionary<String, Object> signal = new Hashtable<>();
        signal.put(SIGNAL_PROPERTY, "USR2");
        signalHandler = context.registerService(Runnable.class, () -> watcher.execute(() -> reload("signal")), signal);
    }

    @Deactivate
    void deactivate() {
        signalHandler.unregister();
        watcher.shutdownNow();
    }

    public Path configFile() {
        return layout.eventsDir().resolve("config.json");
    }

    public Path webhooksFile() {
        return layout.eventsDir().resolve("webhooks.json");
    }

    public Path pluginsFile() {
        return layout.eventsDir().resolve(ClusterConfig.PLUGINS_FILE);
    }

    /** The effective settings: defaults with this node's overrides. */
    public Map<String, Object> settings() {
        return settings;
    }

    /** The webhook URLs in use; never the tokens or secrets. */
    public List<String> webhookUrls() {
        return List.copyOf(webhooks.keySet());
    }

    /** What was wrong in the files at the last reading. */
    public List<String> warnings() {
        return warnings;
    }

    private Path[] watchedFiles() {
        return new Path[] {layout.defaultsFile(), configFile(), webhooksFile(), pluginsFile()};
    }

    private void reloadIfChanged() {
        try {
            boolean changed = false;
            for (Path file : watchedFiles()) {
                if (file == null) continue;
                Object seen = fingerprint(file);
                if (!Objects.equals(lastSeen.put(file, seen), seen)) changed = true;
            }
            if (changed) reload("file change");
        } catch (RuntimeException e) {
            LOG.error("Config reload failed; the previous config stays in force", e);
        }
    }

    /** Re-reads every file and applies what changed. */
    public synchronized void reload(String why) {
        for (Path file : watchedFiles()) {
            if (file != null) lastSeen.put(file, fingerprint(file));
        }
        List<String> problems = new ArrayList<>();
        ConfigFiles.Loaded<Map<String, Object>> loadedSettings = ConfigFiles.settings(layout.defaultsFile(), configFile());
        problems.addAll(loadedSettings.warnings());
        ConfigFiles.Loaded<Map<String, Webhook>> loadedWebhooks = ConfigFiles.webhooks(webhooksFile());
        problems.addAll(loadedWebhooks.warnings());
        ConfigFiles.Loaded<Map<String, Hashtable<String, Object>>> loadedPlugins = PluginSettings.read(pluginsFile());
        problems.addAll(loadedPlugins.warnings());
        problems.forEach(problem -> LOG.warn("Config: {}", problem));
        warnings = List.copyOf(problems);

        // An unreadable file (caught mid-write by a program that does not rename, or a typo) keeps
        // what is in force rather than falling back to defaults or dropping every webhook.
        if (loadedSettings.readable()) settings = loadedSettings.value();
        if (loadedWebhooks.readable()) {
            webhooks = loadedWebhooks.value();
            webhooksRead = true;
        }
        if (loadedPlugins.readable()) plugins = loadedPlugins.value();
        applyLogLevel((String) settings.get(ConfigKey.LOG_LEVEL.key()));
        Consumer<String> format = logFormat;
        if (format != null) format.accept((String) settings.get(ConfigKey.LOG_FORMAT.key()));
        try {
            publish();
            LOG.info("Config loaded ({}): {} webhook(s), {} plugin setting(s), UDP port {}, REST port {}", why, webhooks.size(),
                    plugins.size(), settings.get(ConfigKey.PORT.key()), settings.get(ConfigKey.REST_PORT.key()));
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Config could not be handed to the bundles", e);
        }
    }

    private void publish() throws IOException, InvalidSyntaxException {
        String bind = (String) settings.get(ConfigKey.BIND_ADDRESS.key());
        String socket = (String) settings.get(ConfigKey.SOCKET_PATH.key());
        @SuppressWarnings("unchecked")
        List<String> udpAllow = (List<String>) settings.get(ConfigKey.UDP_ALLOW.key());

        journal.configure(new Journal.Retention(
                ((Integer) settings.get(ConfigKey.JOURNAL_MAX_MB.key())) * (1L << 20),
                TimeUnit.HOURS.toMillis((Integer) settings.get(ConfigKey.JOURNAL_MAX_AGE_HOURS.key())),
                (Integer) settings.get(ConfigKey.JOURNAL_FSYNC_MS.key())));
        // Webhook cursors exist before any source runs, so a webhook misses nothing from the start.
        for (Webhook webhook : webhooks.values()) journal.register(webhook.sinkName());

        Hashtable<String, Object> udp = new Hashtable<>();
        udp.put("port", settings.get(ConfigKey.PORT.key()));
        udp.put("bind.address", bind);
        udp.put("udp.allow", withPeers(udpAllow).toArray(String[]::new));
        update(UDP_PID, udp);

        Hashtable<String, Object> unix = new Hashtable<>();
        unix.put("socket.path", socket.isEmpty() ? layout.defaultSocket().toString() : socket);
        update(UNIX_SOCKET_PID, unix);

        Hashtable<String, Object> http = new Hashtable<>();
        http.put("rest.port", settings.get(ConfigKey.REST_PORT.key()));
        http.put("bind.address", bind);
        update(HTTP_PID, http);

        if (Boolean.TRUE.equals(settings.get(ConfigKey.DISABLE_EVENTS_LOG.key()))) {
            delete(EventLogSink.PID);
            journal.forget(EventLogSink.NAME); // or its pending count would grow for ever
        } else {
            journal.register(EventLogSink.NAME);
            update(EventLogSink.PID, new Hashtable<>(Map.of("enabled", true)));
        }
        publishWebhooks();
        publishPlugins();
    }

    /** Each PID of plugins.json as its Config Admin configuration; those taken out of the file are deleted. */
    private void publishPlugins() throws IOException, InvalidSyntaxException {
        for (Map.Entry<String, Hashtable<String, Object>> plugin : plugins.entrySet()) {
            configAdmin.getConfiguration(plugin.getKey(), "?").updateIfDifferent(plugin.getValue());
        }
        Configuration[] existing = configAdmin.listConfigurations("(" + PluginSettings.MARKER + "=true)");
        for (Configuration configuration : existing == null ? new Configuration[0] : existing) {
            if (plugins.containsKey(configuration.getPid())) continue;
            configuration.delete();
            LOG.info("Settings of {} removed", configuration.getPid());
        }
    }

    private void publishWebhooks() throws IOException, InvalidSyntaxException {
        Set<String> wanted = new java.util.HashSet<>();
        for (Webhook webhook : webhooks.values()) {
            String name = configName(webhook.url());
            wanted.add(name);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("url", webhook.url());
            // Leading dots: private to the component, never service properties anyone can list.
            properties.put(".token", webhook.token());
            properties.put(".secret", webhook.secret());
            properties.put("sink.name", webhook.sinkName());
            properties.put("events", webhook.events().toArray(String[]::new));
            properties.put("max.age.hours", settings.get(ConfigKey.WEBHOOK_MAX_AGE_HOURS.key()));
            configAdmin.getFactoryConfiguration(WEBHOOK_FACTORY_PID, name, "?").updateIfDifferent(properties);
        }
        Configuration[] existing = configAdmin.listConfigurations("(service.factoryPid=" + WEBHOOK_FACTORY_PID + ")");
        for (Configuration configuration : existing == null ? new Configuration[0] : existing) {
            String pid = configuration.getPid();
            if (wanted.contains(pid.substring(pid.indexOf('~') + 1))) continue;
            Object url = configuration.getProperties() == null ? pid : configuration.getProperties().get("url");
            configuration.delete();
            LOG.info("Webhook {} removed", url);
        }
        // The positions of webhooks removed, in this run or while the daemon was down, go with them.
        if (!webhooksRead) return;
        Set<String> sinkNames = new java.util.HashSet<>();
        webhooks.values().forEach(webhook -> sinkNames.add(webhook.sinkName()));
        for (Journal.CursorStatus cursor : journal.cursors()) {
            if (cursor.name().startsWith(Webhook.SINK_NAME_PREFIX) && !sinkNames.contains(cursor.name())) journal.forget(cursor.name());
        }
    }

    /** The configured blocks and every address of glusterd's peers: Gluster clients on peers send UDP too. */
    private List<String> withPeers(List<String> udpAllow) {
        List<String> allowed = new ArrayList<>(udpAllow);
        try {
            for (Peers.Peer peer : Peers.of(layout.workdir(), settings)) {
                try {
                    for (InetAddress address : InetAddress.getAllByName(peer.hostname())) allowed.add(address.getHostAddress());
                } catch (UnknownHostException e) {
                    LOG.warn("Peer {} does not resolve; its UDP events are not accepted until it does", peer.hostname());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the peers of {}: {}", layout.workdir(), e.toString());
        }
        return allowed;
    }

    private void update(String pid, Hashtable<String, Object> properties) throws IOException {
        configAdmin.getConfiguration(pid, "?").updateIfDifferent(properties);
    }

    private void delete(String pid) throws IOException, InvalidSyntaxException {
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        if (found != null) for (Configuration configuration : found) configuration.delete();
    }

    /** A stable Config Admin name for a URL: URLs hold characters a PID should not. */
    private static String configName(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object fingerprint(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime().toMillis(), attributes.size(), String.valueOf(attributes.fileKey()));
        } catch (IOException e) {
            return "absent";
        }
    }

    private static void applyLogLevel(String level) {
        Level julLevel = switch (level) {
            case "DEBUG" -> Level.FINE;
            case "WARNING" -> Level.WARNING;
            case "ERROR", "CRITICAL" -> Level.SEVERE;
            default -> Level.INFO;
        };
        java.util.logging.Logger.getLogger("").setLevel(julLevel);
    }
}
