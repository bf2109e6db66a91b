package org.gluster.events.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTokenTest {
    @TempDir
    Path events;

    @Test
    void theSecretIsCreatedOnceWithModeSixHundredAndNeverPrinted() throws Exception {
        ClusterSecret first = ClusterSecret.loadOrCreate(events);
        String text = Files.readString(events.resolve(ClusterSecret.FILE_NAME));
        ClusterSecret again = ClusterSecret.loadOrCreate(events);
        assertEquals(text, Files.readString(events.resolve(ClusterSecret.FILE_NAME)), "created once");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(events.resolve(ClusterSecret.FILE_NAME))));
        assertFalse(first.toString().contains(text.trim()));
        assertTrue(ClusterToken.verify(again, ClusterToken.mint(first, "node", 1000), 1000), "the same secret");
    }

    @Test
    void aTokenIsValidForAMinuteWithItsOwnSecretOnly() throws Exception {
        ClusterSecret secret = ClusterSecret.loadOrCreate(events.resolve("a"));
        ClusterSecret other = ClusterSecret.loadOrCreate(events.resolve("b"));
        String token = ClusterToken.mint(secret, "cli", 1000);
        assertTrue(ClusterToken.verify(secret, token, 1000));
        assertTrue(ClusterToken.verify(secret, token, 1060));
        assertFalse(ClusterToken.verify(secret, token, 1061), "expired");
        assertFalse(ClusterToken.verify(other, token, 1000), "another cluster's secret");
        assertFalse(ClusterToken.verify(secret, token.replace("v1.cli.", "v1.cla."), 1000), "tampered");
        assertFalse(ClusterToken.verify(secret, "v1.cli.99999999999.x", 1000), "claims to live for ever");
        assertFalse(ClusterToken.verify(secret, null, 1000));
        assertFalse(ClusterToken.verify(secret, "garbage", 1000));
    }

    @Test
    void peersAreReadFromGlusterdsFilesSkippingThoseWithoutAHost() throws Exception {
        Path workdir = events.resolve("workdir");
        Files.createDirectories(workdir.resolve("peers"));
        Files.writeString(workdir.resolve("peers/1f0e5a0c-0000-4000-8000-000000000002"),
                "uuid=1f0e5a0c-0000-4000-8000-000000000002\nstate=3\nhostname1=127.0.0.3\n");
        Files.writeString(workdir.resolve("peers/1f0e5a0c-0000-4000-8000-000000000001"),
                "uuid=1f0e5a0c-0000-4000-8000-000000000001\nstate=3\nhostname1=127.0.0.2\nhostname2=node2.example\n");
        Files.writeString(workdir.resolve("peers/broken"), "state=3\n");
        assertEquals(List.of(new Peers.Peer("1f0e5a0c-0000-4000-8000-000000000001", "127.0.0.2", 3),
                        new Peers.Peer("1f0e5a0c-0000-4000-8000-000000000002", "127.0.0.3", 3)),
                Peers.read(workdir));
        assertEquals(List.of(), Peers.read(events.resolve("no-such-workdir")));
    }

    @Test
    void peersNamedInTheEventsConfigJoinGlusterdsOnceEachAndNeverThisNodeItself() throws Exception {
        Path workdir = events.resolve("workdir");
        Files.createDirectories(workdir.resolve("peers"));
        Files.writeString(workdir.resolve("peers/1f0e5a0c-0000-4000-8000-000000000002"),
                "uuid=1f0e5a0c-0000-4000-8000-000000000002\nstate=3\nhostname1=127.0.0.3\n");
        Map<String, Object> settings = Map.of("bind-address", "127.0.0.2",
                "peers", List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"));
        assertEquals(List.of(new Peers.Peer("1f0e5a0c-0000-4000-8000-000000000002", "127.0.0.3", 3),
                        new Peers.Peer("", "127.0.0.4", -1)),
                Peers.of(workdir, settings), "127.0.0.2 is this node; 127.0.0.3 is known from glusterd already");
        assertEquals(List.of(new Peers.Peer("", "node9.invalid", -1)),
                Peers.of(events.resolve("none"), Map.of("bind-address", "", "peers", List.of("localhost", "node9.invalid"))),
                "a loopback name is this node; a name that does not resolve now is kept");
    }
}
