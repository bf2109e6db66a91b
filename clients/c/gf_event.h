/*
 * gf_event: emit a glustereventsd event from C.
 *
 * Destination: if the AF_UNIX socket file exists -- path from $GF_EVENTS_SOCKET, else
 * /var/run/gluster/events.sock -- one SOCK_DGRAM datagram goes to it. Otherwise one UDP
 * datagram goes to 127.0.0.1, port $GF_EVENTS_PORT (default 55555). An empty variable counts
 * as unset; a GF_EVENTS_PORT that is not a number in 1..65535 is EVENT_ERROR_INVALID_INPUTS.
 *
 * Wire forms:
 *   text (PROTOCOL 1a):  "<unix-seconds> <code> k1=v1;k2=v2"
 *   JSON (one object):   {"event": <code>, "ts": <unix-seconds>, "message": {"k1": "v1", ...}}
 * The daemon splits the text form's pairs on ';' and each pair on its FIRST '=', so a value may
 * hold '=' but NOT ';' (nor a newline or other control character).
 *
 * Values containing ';' (the rule):
 *   gf_event() sends its formatted text as is, so a ';' in it always separates two pairs. To send a
 *   value holding ';', a newline or any control character, use gf_event_pairs() (or
 *   gf_event_pairsv()): it switches to the JSON form by itself whenever a key or value needs it
 *   (';', a control character such as '\n', a key holding '=' or leading/trailing blanks, a last
 *   value ending in a blank), and sends the text form otherwise.
 *   (gf_event() also falls back to JSON, splitting on ';' and the first '=' as the daemon would,
 *   when its formatted text holds a control character before its trailing blanks: the daemon
 *   rejects control characters in the text form.)
 *
 * Every call opens and closes its own non-blocking, close-on-exec socket: no global state,
 * safe from any thread, never blocks more than about 2 ms, never raises SIGPIPE, keeps errno.
 * A daemon that is down is reported (EVENT_ERROR_CONNECT): the socket file exists but nobody is
 * bound to it, or nothing listens on the UDP port (the ICMP port-unreachable is awaited <= 2 ms).
 * Messages above GF_EVENT_MAX_MESSAGE bytes are not sent (EVENT_ERROR_MSG_FORMAT).
 *
 *   #include <gf_event.h>
 *   int main(int argc, char **argv) {
 *       int rc = gf_event(EVENT_VOLUME_CREATE, "name=%s", argc > 1 ? argv[1] : "gv1");
 *       return rc;   // EVENT_SEND_OK (0) or an event_errors_t
 *   }
 */
#ifndef GF_EVENT_H
#define GF_EVENT_H

#include <stddef.h>

#include "gf_event_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define GF_EVENT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define GF_EVENT_SENTINEL __attribute__((sentinel))
#define GF_EVENT_EXPORT __attribute__((visibility("default")))
#else
#define GF_EVENT_PRINTF(f, a)
#define GF_EVENT_SENTINEL
#define GF_EVENT_EXPORT
#endif

/* The largest datagram sent, in bytes (the whole wire text or JSON, without a terminator). */
#define GF_EVENT_MAX_MESSAGE 8192

/* Default destinations. */
#define GF_EVENT_DEFAULT_SOCKET "/var/run/gluster/events.sock"
#define GF_EVENT_DEFAULT_PORT 55555

typedef enum {
    EVENT_SEND_OK = 0,
    EVENT_ERROR_INVALID_INPUTS,  /* 1: bad event type, NULL format or value, empty key, bad GF_EVENTS_PORT */
    EVENT_ERROR_SOCKET,          /* 2: socket() failed */
    EVENT_ERROR_CONNECT,         /* 3: nobody at the socket file / on the UDP port (daemon down) */
    EVENT_ERROR_SEND,            /* 4: send() failed or would have blocked longer than ~2 ms */
    EVENT_ERROR_RESOLVE,         /* 5: the destination address could not be formed (socket path too long) */
    EVENT_ERROR_MSG_FORMAT       /* 6: formatting failed or the message exceeds GF_EVENT_MAX_MESSAGE */
} event_errors_t;

/*
 * Sends event with the printf-style formatted text as its "k1=v1;k2=v2" part, e.g.
 *   gf_event(EVENT_VOLUME_CREATE, "name=%s", volname);
 * The text is sent as is in the text form ("<ts> <code> <text>"); ';' separates pairs.
 * Returns EVENT_SEND_OK or an event_errors_t.
 */
GF_EVENT_EXPORT int gf_event(eventtypes_t event, const char *fmt, ...) GF_EVENT_PRINTF(2, 3);

/*
 * Sends event with the given key/value pairs, terminated by a NULL key:
 *   gf_event_pairs(EVENT_VOLUME_SET, "name", "gv1", "options", "a;b=c", (char *)NULL);
 * Any key/value may hold any text: the JSON form is used when the text form cannot carry it
 * (see the rule above). A key must be non-empty and its value non-NULL.
 */
GF_EVENT_EXPORT int gf_event_pairs(eventtypes_t event, const char *key, const char *value, ...) GF_EVENT_SENTINEL;

/*
 * The same with an array: pairs = { "k1", "v1", "k2", "v2", ..., NULL } (NULL alone: no pairs).
 * For callers whose pairs are known only at run time (bindings, command-line tools).
 */
GF_EVENT_EXPORT int gf_event_pairsv(eventtypes_t event, const char *const *pairs);

#ifdef __cplusplus
}
#endif

#endif /* GF_EVENT_H */
