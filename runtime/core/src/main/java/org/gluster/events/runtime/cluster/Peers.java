package org.gluster.events.runtime.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gluster.events.runtime.config.ConfigKey;

/**
 * The other nodes of the trusted pool, from glusterd's own files (one file per peer under
 * {@code <workdir>/peers/}, with {@code uuid=}, {@code state=} and {@code hostname1=} lines) and from
 * the {@code peers} of the events config.
 */
public final class Peers {
    /** One peer; {@code state} as glusterd writes it (3: in the cluster), -1 when absent. */
    public record Peer(String uuid, String hostname, int state) {
    }

    private Peers() {
    }

    /**
     * The peers of glusterd's files and the {@code peers} of the events config, each host once and
     * never this node itself (its {@code bind-address}, or an address of one of its interfaces).
     */
    public static List<Peer> of(Path workdir, Map<String, Object> settings) throws IOException {
        List<Peer> peers = read(workdir);
        Set<String> hosts = new HashSet<>();
        peers.forEach(peer -> hosts.add(peer.hostname()));
        String bind = String.valueOf(settings.getOrDefault(ConfigKey.BIND_ADDRESS.key(), ""));
        Object configured = settings.get(ConfigKey.PEERS.key());
        if (configured instanceof List<?> names) {
            for (Object name : names) {
                String host = String.valueOf(name);
                if (hosts.add(host) && !isThisNode(host, bind)) peers.add(new Peer("", host, -1));
            }
        }
        peers.sort((a, b) -> a.hostname().compareTo(b.hostname()));
        return peers;
    }

    private static boolean isThisNode(String host, String bindAddress) {
        if (host.equals(bindAddress)) return true;
        if (!bindAddress.isEmpty()) return false;
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false; // unresolvable now: a peer that may come back
        }
    }

    /** The peers of {@code workdir}, sorted by host; files without a host are skipped. */
    public static List<Peer> read(Path workdir) throws IOException {
        Path directory = workdir.resolve("peers");
        List<Peer> peers = new ArrayList<>();
        if (!Files.isDirectory(directory)) return peers;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) continue;
                String uuid = file.getFileName().toString();
                String hostname = null;
                int state = -1;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq < 0) continue;
                    String key = line.substring(0, eq).trim();
                    String value = line.substring(eq + 1).trim();
                    if (key.equals("uuid")) uuid = value;
                    else if (key.equals("hostname1")) hostname = value;
                    else if (key.equals("state")) state = parseState(value);
                }
                if (hostname != null && !hostname.isEmpty()) peers.add(new Peer(uuid, hostname, state));
            }
        }
        peers.sort((a, b) -> a.hostname().compareTo(b.hostname()));
        return peers;
    }

    private static int parseState(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
