"""gf_event(): send one event to the node's glustereventsd, without blocking or raising.

Destination: the AF_UNIX datagram socket at $GF_EVENTS_SOCKET (default
/var/run/gluster/events.sock) when that file exists, else UDP to 127.0.0.1 on port
$GF_EVENTS_PORT (default 55555).

Wire text: "<unix-seconds> <code> k1=v1;k2=v2". When the text cannot carry the
attributes exactly (a ';' or a control character such as a newline in a key or value, a
'=' in a key, ...; see _needs_json), the event goes as one JSON object instead:
{"event": <code>, "ts": <seconds>, "message": {"k": "v", ...}}.
"""

import errno
import json
import logging
import os
import select
import socket
import time

from gfevents import (
    EVENT_ERROR_CONNECT,
    EVENT_ERROR_INVALID_INPUTS,
    EVENT_ERROR_MSG_FORMAT,
    EVENT_ERROR_RESOLVE,
    EVENT_ERROR_SEND,
    EVENT_ERROR_SOCKET,
    EVENT_SEND_OK,
)
from gfevents import eventtypes

__all__ = [
    "gf_event",
    "EVENT_SEND_OK",
    "EVENT_ERROR_INVALID_INPUTS",
    "EVENT_ERROR_SOCKET",
    "EVENT_ERROR_CONNECT",
    "EVENT_ERROR_SEND",
    "EVENT_ERROR_RESOLVE",
    "EVENT_ERROR_MSG_FORMAT",
]

logger = logging.getLogger("gfevents")

DEFAULT_SOCKET = "/var/run/gluster/events.sock"
DEFAULT_PORT = 55555
UDP_HOST = "127.0.0.1"

#: How long a UDP send waits for the ICMP port-unreachable of a daemon that is down.
UDP_REFUSAL_WAIT_SECONDS = 0.002

#: The largest event the daemon accepts, in bytes; larger ones are not sent.
MAX_EVENT_BYTES = 65536


class _Failure(Exception):
    """An error with the code gf_event() returns for it."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code


def gf_event(event_type, **kwargs):
    """Sends event ``event_type`` (an int from gfevents.eventtypes) with ``kwargs`` as its attributes.

    Values (and keys) are sent as ``str()`` of what is given. Returns EVENT_SEND_OK (0) or one of the
    EVENT_ERROR_* codes of the gfevents package; errors are logged on the "gfevents" logger. Never
    raises and never waits more than a few milliseconds.
    """
    try:
        return _send_event(event_type, kwargs)
    except _Failure as failure:
        _log(failure.code, "gf_event(%r): %s", event_type, failure)
        return failure.code
    except Exception as error:  # never let the caller see an exception
        _log(EVENT_ERROR_SEND, "gf_event(%r): unexpected error: %r", event_type, error)
        return EVENT_ERROR_SEND


def _log(code, message, *args):
    try:
        # A programming error in the caller is an error; a daemon that is down is a warning.
        level = logging.ERROR if code in (EVENT_ERROR_INVALID_INPUTS, EVENT_ERROR_MSG_FORMAT) else logging.WARNING
        logger.log(level, message, *args)
    except Exception:
        pass


def _send_event(event_type, attributes):
    code = _event_code(event_type)
    socket_path = os.environ.get("GF_EVENTS_SOCKET") or DEFAULT_SOCKET
    port = _udp_port()
    data = _encode(code, int(time.time()), attributes)
    if os.path.exists(socket_path):
        _send_unix(socket_path, data)
    else:
        _send_udp(port, data)
    return EVENT_SEND_OK


def _event_code(event_type):
    if isinstance(event_type, bool) or not isinstance(event_type, int):
        raise _Failure(EVENT_ERROR_INVALID_INPUTS, "event type is not an int code: %r" % (event_type,))
    if not 0 <= event_type < len(eventtypes.all_events):
        raise _Failure(EVENT_ERROR_INVALID_INPUTS, "unknown event type code %d (valid: 0..%d)"
                       % (event_type, len(eventtypes.all_events) - 1))
    return int(event_type)


def _udp_port():
    text = os.environ.get("GF_EVENTS_PORT")
    if text is None or text == "":
        return DEFAULT_PORT
    stripped = text.strip()
    if stripped and all("0" <= c <= "9" for c in stripped):
        port = int(stripped)
        if 1 <= port <= 65535:
            return port
    raise _Failure(EVENT_ERROR_INVALID_INPUTS, "GF_EVENTS_PORT is not a port number: %r" % (text,))


def _needs_json(key, value):
    """Whether the text form would not carry this pair exactly (the daemon strips keys and the
    text's end, rejects control characters, splits pairs on ';' and each pair on its first '=')."""
    if ";" in key or ";" in value or "=" in key:
        return True
    if key == "" or key != key.strip() or value != value.rstrip():
        return True
    return any(c < " " for c in key) or any(c < " " for c in value)


def _encode(code, ts, attributes):
    try:
        pairs = [(str(key), str(value)) for key, value in attributes.items()]
    except Exception as error:
        raise _Failure(EVENT_ERROR_MSG_FORMAT, "an attribute cannot be made a string: %r" % (error,))
    if any(_needs_json(key, value) for key, value in pairs):
        text = json.dumps({"event": code, "ts": ts, "message": dict(pairs)})
    else:
        text = "%d %d %s" % (ts, code, ";".join("%s=%s" % pair for pair in pairs))
    try:
        data = text.encode("utf-8")
    except UnicodeError as error:
        raise _Failure(EVENT_ERROR_MSG_FORMAT, "the event is not valid UTF-8 text: %s" % (error,))
    if len(data) > MAX_EVENT_BYTES:
        raise _Failure(EVENT_ERROR_MSG_FORMAT, "the event is %d bytes, more than the daemon's %d"
                       % (len(data), MAX_EVENT_BYTES))
    return data


def _describe(error):
    name = errno.errorcode.get(error.errno, "") if getattr(error, "errno", None) else ""
    return "%s (%s)" % (error, name) if name else str(error)


def _open(family):
    try:
        sock = socket.socket(family, socket.SOCK_DGRAM)
    except OSError as error:
        raise _Failure(EVENT_ERROR_SOCKET, "cannot open a socket: %s" % _describe(error))
    try:
        sock.setblocking(False)
    except OSError as error:
        sock.close()
        raise _Failure(EVENT_ERROR_SOCKET, "cannot make the socket non-blocking: %s" % _describe(error))
    return sock


def _send_unix(path, data):
    sock = _open(socket.AF_UNIX)
    try:
        try:
            sock.connect(path)
        except OSError as error:
            # ECONNREFUSED: the file is there but no daemon is bound to it.
            raise _Failure(EVENT_ERROR_CONNECT, "cannot reach the events daemon at %s: %s" % (path, _describe(error)))
        try:
            sent = sock.send(data)
        except OSError as error:
            # EAGAIN: the daemon's queue is full; the event is dropped rather than waited on.
            raise _Failure(EVENT_ERROR_SEND, "cannot send to %s: %s" % (path, _describe(error)))
        if sent != len(data):
            raise _Failure(EVENT_ERROR_SEND, "sent %d of %d bytes to %s" % (sent, len(data), path))
    finally:
        sock.close()


def _send_udp(port, data):
    sock = _open(socket.AF_INET)
    where = "%s:%d" % (UDP_HOST, port)
    try:
        try:
            # Connected, so that the ICMP port-unreachable of a daemon that is down comes back to us.
            sock.connect((UDP_HOST, port))
        except OSError as error:
            raise _Failure(EVENT_ERROR_CONNECT, "cannot reach the events daemon at udp %s: %s" % (where, _describe(error)))
        try:
            sent = sock.send(data)
        except ConnectionRefusedError as error:
            raise _Failure(EVENT_ERROR_CONNECT, "no events daemon on udp %s: %s" % (where, _describe(error)))
        except OSError as error:
            raise _Failure(EVENT_ERROR_SEND, "cannot send to udp %s: %s" % (where, _describe(error)))
        if sent != len(data):
            raise _Failure(EVENT_ERROR_SEND, "sent %d of %d bytes to udp %s" % (sent, len(data), where))
        if _readable(sock, UDP_REFUSAL_WAIT_SECONDS):
            try:
                sock.recv(1)
            except ConnectionRefusedError as error:
                raise _Failure(EVENT_ERROR_CONNECT, "no events daemon on udp %s: %s" % (where, _describe(error)))
            except OSError:
                pass  # EAGAIN and the like: nothing refused the datagram
    finally:
        sock.close()


def _readable(sock, timeout):
    """Whether ``sock`` has data or a pending error within ``timeout`` seconds."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN | select.POLLERR)
        return bool(poller.poll(int(timeout * 1000) or 1))
    readable, _, errored = select.select([sock], [], [sock], timeout)
    return bool(readable or errored)
