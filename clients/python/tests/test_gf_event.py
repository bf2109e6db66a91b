"""gf_event() against real sockets: an AF_UNIX datagram socket, a UDP socket on loopback, and none.

Run: python3 -m unittest discover -s clients/python/tests
"""

import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import gfevents  # noqa: E402
from gfevents import eventtypes  # noqa: E402
from gfevents.eventtypes import EVENT_GEOREP_FAULTY  # noqa: E402,F401  (the import path callers use)
from gfevents.gf_event import gf_event  # noqa: E402

#: What a daemon that is down may cost the caller.
DOWN_BUDGET_SECONDS = 0.050


def free_udp_port():
    """A loopback UDP port with nothing bound to it (bound, then closed)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


class GfEventTest(unittest.TestCase):
    def setUp(self):
        self.saved_env = {name: os.environ.get(name) for name in ("GF_EVENTS_SOCKET", "GF_EVENTS_PORT")}
        # a short path: AF_UNIX paths are limited to about 100 bytes
        self.dir = tempfile.mkdtemp(prefix="gfev-", dir="/tmp" if os.path.isdir("/tmp") else None)
        self.socket_path = os.path.join(self.dir, "events.sock")
        self.receivers = []
        # by default: no socket file, and a UDP port nobody is bound to
        os.environ["GF_EVENTS_SOCKET"] = self.socket_path
        os.environ["GF_EVENTS_PORT"] = str(free_udp_port())

    def tearDown(self):
        for receiver in self.receivers:
            receiver.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        for name, value in self.saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    # -- receivers -------------------------------------------------------------------------------

    def unix_receiver(self):
        receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        receiver.bind(self.socket_path)
        receiver.settimeout(2)
        self.receivers.append(receiver)
        return receiver

    def udp_receiver(self):
        receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(2)
        self.receivers.append(receiver)
        os.environ["GF_EVENTS_PORT"] = str(receiver.getsockname()[1])
        return receiver

    def assert_nothing_received(self, receiver):
        receiver.settimeout(0.2)
        with self.assertRaises(socket.timeout):
            data = receiver.recv(70000)
            self.fail("received %r" % (data,))

    def assert_text_event(self, data, expected_rest):
        text = data.decode("utf-8")
        match = re.match(r"^(\d+) (.*)$", text, re.S)
        self.assertIsNotNone(match, text)
        self.assertLessEqual(abs(int(match.group(1)) - time.time()), 5, text)
        self.assertEqual(expected_rest, match.group(2))

    def timed(self, *args, **kwargs):
        start = time.monotonic()
        code = gf_event(*args, **kwargs)
        return code, time.monotonic() - start

    # -- unix socket -----------------------------------------------------------------------------

    def test_unix_socket_receives_the_text_form(self):
        receiver = self.unix_receiver()
        self.assertEqual(gfevents.EVENT_SEND_OK, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1"))
        self.assert_text_event(receiver.recv(70000), "2 name=gv1")
        self.assert_nothing_received(receiver)

    def test_unix_socket_exact_wire_text(self):
        receiver = self.unix_receiver()
        before = int(time.time())
        gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1")
        after = int(time.time())
        text = receiver.recv(70000).decode()
        self.assertIn(text, ["%d 2 name=gv1" % ts for ts in range(before, after + 1)])

    def test_several_attributes_keep_their_order_and_values_are_str(self):
        receiver = self.unix_receiver()
        code = gf_event(eventtypes.EVENT_GEOREP_CREATE, master="gv1", slave="host::gv2", force=True, **{"ssh-port": 22})
        self.assertEqual(0, code)
        self.assert_text_event(receiver.recv(70000), "%d master=gv1;slave=host::gv2;force=True;ssh-port=22"
                               % eventtypes.EVENT_GEOREP_CREATE)

    def test_no_attributes(self):
        receiver = self.unix_receiver()
        self.assertEqual(0, gf_event(eventtypes.EVENT_PEER_ATTACH))
        self.assertRegex(receiver.recv(70000).decode(), r"^\d+ 0 ?$")

    def test_equals_sign_in_a_value_stays_in_the_text_form(self):
        receiver = self.unix_receiver()
        self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_SET, name="gv1", options="a=b,c,"))
        self.assert_text_event(receiver.recv(70000), "6 name=gv1;options=a=b,c,")

    def test_semicolon_in_a_value_sends_json(self):
        receiver = self.unix_receiver()
        self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="a;b=c", other="x"))
        event = json.loads(receiver.recv(70000).decode("utf-8"))
        self.assertEqual(2, event["event"])
        self.assertEqual({"name": "a;b=c", "other": "x"}, event["message"])
        self.assertIsInstance(event["ts"], int)
        self.assertLessEqual(abs(event["ts"] - time.time()), 5)
        self.assertEqual({"event", "ts", "message"}, set(event))

    def test_newline_and_other_control_characters_send_json(self):
        receiver = self.unix_receiver()
        for value in ["line1\nline2", "a\rb", "nul\x00", "ends in space "]:
            self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name=value))
            self.assertEqual({"name": value}, json.loads(receiver.recv(70000).decode("utf-8"))["message"])

    def test_a_key_with_equals_or_semicolon_sends_json(self):
        receiver = self.unix_receiver()
        for key in ["k=1", "k;1"]:
            self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, **{key: "v"}))
            self.assertEqual({key: "v"}, json.loads(receiver.recv(70000).decode("utf-8"))["message"])

    def test_non_ascii_is_utf8(self):
        receiver = self.unix_receiver()
        self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv\u00e9\u4e2d"))
        self.assert_text_event(receiver.recv(70000), "2 name=gv\u00e9\u4e2d")

    def test_stale_socket_file_is_an_error_within_50_ms(self):
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        stale.bind(self.socket_path)
        stale.close()  # the file stays, nobody is bound to it
        self.assertTrue(os.path.exists(self.socket_path))
        with self.assertLogs("gfevents", "WARNING"):
            code, took = self.timed(eventtypes.EVENT_VOLUME_CREATE, name="gv1")
        self.assertEqual(gfevents.EVENT_ERROR_CONNECT, code)
        self.assertLess(took, DOWN_BUDGET_SECONDS)

    def test_a_full_daemon_queue_drops_instead_of_blocking(self):
        receiver = self.unix_receiver()  # never read
        codes = []
        slowest = 0.0
        for _ in range(5000):
            code, took = self.timed(eventtypes.EVENT_VOLUME_CREATE, name="x" * 1000)
            codes.append(code)
            slowest = max(slowest, took)
            if code != 0:
                break
        self.assertEqual(gfevents.EVENT_ERROR_SEND, codes[-1], "the queue never filled up")
        self.assertLess(slowest, DOWN_BUDGET_SECONDS)
        receiver.close()

    # -- UDP -------------------------------------------------------------------------------------

    def test_udp_fallback_when_there_is_no_socket_file(self):
        receiver = self.udp_receiver()
        self.assertFalse(os.path.exists(self.socket_path))
        self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1"))
        data, sender = receiver.recvfrom(70000)
        self.assert_text_event(data, "2 name=gv1")
        self.assertEqual("127.0.0.1", sender[0])

    def test_udp_json_when_a_value_has_a_semicolon(self):
        receiver = self.udp_receiver()
        self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="a;b=c"))
        event = json.loads(receiver.recv(70000).decode("utf-8"))
        self.assertEqual({"name": "a;b=c"}, event["message"])
        self.assertEqual(2, event["event"])

    def test_daemon_down_no_socket_file_no_udp_listener_is_an_error_within_50_ms(self):
        with self.assertLogs("gfevents", "WARNING") as logs:
            code, took = self.timed(eventtypes.EVENT_VOLUME_CREATE, name="gv1")
        self.assertEqual(gfevents.EVENT_ERROR_CONNECT, code)
        self.assertLess(took, DOWN_BUDGET_SECONDS)
        self.assertIn("ECONNREFUSED", "\n".join(logs.output))

    def test_repeated_calls_with_the_daemon_down_stay_fast(self):
        start = time.monotonic()
        for _ in range(10):
            self.assertNotEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1"))
        self.assertLess(time.monotonic() - start, 10 * DOWN_BUDGET_SECONDS)

    def test_default_port_when_the_variable_is_unset(self):
        del os.environ["GF_EVENTS_PORT"]
        receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            receiver.bind(("127.0.0.1", 55555))
        except OSError:
            receiver.close()
            self.skipTest("port 55555 is in use")
        receiver.settimeout(2)
        self.receivers.append(receiver)
        self.assertEqual(0, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1"))
        self.assert_text_event(receiver.recv(70000), "2 name=gv1")

    # -- invalid inputs --------------------------------------------------------------------------

    def test_invalid_event_types_are_code_1_and_nothing_is_sent(self):
        unix = self.unix_receiver()
        for bad in [-1, len(eventtypes.all_events), 10 ** 12, "2", "EVENT_VOLUME_CREATE", None, 2.0, True]:
            with self.assertLogs("gfevents", "ERROR"):
                self.assertEqual(gfevents.EVENT_ERROR_INVALID_INPUTS, gf_event(bad, name="gv1"), repr(bad))
        self.assert_nothing_received(unix)

    def test_invalid_event_type_over_udp_sends_nothing(self):
        receiver = self.udp_receiver()
        self.assertEqual(1, gf_event(len(eventtypes.all_events), name="gv1"))
        self.assert_nothing_received(receiver)

    def test_the_last_valid_code_is_sent(self):
        receiver = self.unix_receiver()
        last = len(eventtypes.all_events) - 1
        self.assertEqual(0, gf_event(last, name="gv1"))
        self.assert_text_event(receiver.recv(70000), "%d name=gv1" % last)

    def test_unparsable_port_is_code_1_and_nothing_is_sent(self):
        receiver = self.udp_receiver()
        for bad in ["abc", "55555x", "-1", "0", "70000", "1_000"]:
            os.environ["GF_EVENTS_PORT"] = bad
            self.assertEqual(gfevents.EVENT_ERROR_INVALID_INPUTS, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1"), bad)
        self.assert_nothing_received(receiver)

    def test_a_value_whose_str_raises_is_code_6_not_an_exception(self):
        class Bad(object):
            def __str__(self):
                raise RuntimeError("boom")

        receiver = self.unix_receiver()
        self.assertEqual(gfevents.EVENT_ERROR_MSG_FORMAT, gf_event(eventtypes.EVENT_VOLUME_CREATE, name=Bad()))
        self.assert_nothing_received(receiver)

    def test_text_that_is_not_utf8_is_code_6(self):
        receiver = self.unix_receiver()
        self.assertEqual(gfevents.EVENT_ERROR_MSG_FORMAT, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="\udc80"))
        self.assert_nothing_received(receiver)

    def test_an_event_larger_than_the_daemon_takes_is_code_6(self):
        receiver = self.unix_receiver()
        self.assertEqual(gfevents.EVENT_ERROR_MSG_FORMAT, gf_event(eventtypes.EVENT_VOLUME_CREATE, name="x" * 70000))
        self.assert_nothing_received(receiver)

    # -- the package -----------------------------------------------------------------------------

    def test_error_codes(self):
        self.assertEqual(
            [0, 1, 2, 3, 4, 5, 6],
            [gfevents.EVENT_SEND_OK, gfevents.EVENT_ERROR_INVALID_INPUTS, gfevents.EVENT_ERROR_SOCKET,
             gfevents.EVENT_ERROR_CONNECT, gfevents.EVENT_ERROR_SEND, gfevents.EVENT_ERROR_RESOLVE,
             gfevents.EVENT_ERROR_MSG_FORMAT])

    def test_the_submodule_is_not_shadowed_by_the_function(self):
        import gfevents.gf_event as module
        self.assertTrue(callable(module.gf_event))
        self.assertEqual(module.EVENT_SEND_OK, 0)


if __name__ == "__main__":
    unittest.main()
