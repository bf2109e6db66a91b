"""Client of glustereventsd: gf_event() sends one event to the node's events daemon.

    from gfevents.gf_event import gf_event
    from gfevents import eventtypes
    gf_event(eventtypes.EVENT_VOLUME_CREATE, name="gv1")

The return codes of gf_event() are the constants below (the C client's names).
"""

import logging

EVENT_SEND_OK = 0
EVENT_ERROR_INVALID_INPUTS = 1
EVENT_ERROR_SOCKET = 2
EVENT_ERROR_CONNECT = 3
EVENT_ERROR_SEND = 4
EVENT_ERROR_RESOLVE = 5
EVENT_ERROR_MSG_FORMAT = 6

__version__ = "0.1.0"

# A library leaves handlers to its application; without one, errors stay out of stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "EVENT_SEND_OK",
    "EVENT_ERROR_INVALID_INPUTS",
    "EVENT_ERROR_SOCKET",
    "EVENT_ERROR_CONNECT",
    "EVENT_ERROR_SEND",
    "EVENT_ERROR_RESOLVE",
    "EVENT_ERROR_MSG_FORMAT",
]
