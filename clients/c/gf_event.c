/*
 * gf_event: one event, one datagram, to glustereventsd's AF_UNIX socket or its UDP port.
 * libc only; no global state; see gf_event.h for the contract.
 */
#define _GNU_SOURCE

#include "gf_event.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h> /* getenv */
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* The longest the caller waits on a socket: a full receive queue, or the ICMP of a closed UDP port. */
#define WAIT_MS 2

/* A message being written; overflow is set once it no longer fits GF_EVENT_MAX_MESSAGE. */
struct msg {
    char data[GF_EVENT_MAX_MESSAGE + 1];
    size_t len;
    int overflow;
};

static void put(struct msg *m, const char *s, size_t n)
{
    if (m->overflow || n > GF_EVENT_MAX_MESSAGE - m->len) {
        m->overflow = 1;
        return;
    }
    memcpy(m->data + m->len, s, n);
    m->len += n;
}

static void puts_(struct msg *m, const char *s)
{
    put(m, s, strlen(s));
}

/* A JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8) as they are. */
static void put_json_string(struct msg *m, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, start = 0;

    put(m, "\"", 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != '"' && c != '\\' && c >= 0x20 && c != 0x7f)
            continue;
        put(m, s + start, i - start);
        if (c == '"' || c == '\\') {
            char esc[2] = { '\\', (char)c };
            put(m, esc, 2);
        } else {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };
            put(m, esc, 6);
        }
        start = i + 1;
    }
    put(m, s + start, n - start);
    put(m, "\"", 1);
}

static void put_json_head(struct msg *m, int code, long long ts)
{
    char head[64];
    int n = snprintf(head, sizeof head, "{\"event\": %d, \"ts\": %lld, \"message\": {", code, ts);
    put(m, head, (size_t)n);
}

/* The daemon's idea of blank (it strips keys, and the whole text, of these). */
static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1f);
}

/* A control character the daemon refuses in the text form (it allows the tab). */
static int is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

static int has_control(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (is_control((unsigned char)s[i]))
            return 1;
    return 0;
}

/* ---- destination ------------------------------------------------------------------------------ */

static long remaining_ms(const struct timespec *deadline)
{
    struct timespec now;
    long ms;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
    return ms < 0 ? 0 : ms;
}

/* Sends on a connected non-blocking socket, waiting for room until the deadline. */
static int send_within(int fd, const char *data, size_t len, const struct timespec *deadline)
{
    for (;;) {
        ssize_t sent = send(fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent >= 0)
            return (size_t)sent == len ? EVENT_SEND_OK : EVENT_ERROR_SEND;
        if (errno == EINTR)
            continue;
        if (errno == ECONNREFUSED || errno == ENOTCONN)
            return EVENT_ERROR_CONNECT;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS)
            return EVENT_ERROR_SEND;
        long wait = remaining_ms(deadline);
        if (wait <= 0)
            return EVENT_ERROR_SEND;
        struct pollfd p = { .fd = fd, .events = POLLOUT, .revents = 0 };
        if (poll(&p, 1, (int)wait) <= 0)
            return EVENT_ERROR_SEND;
    }
}

static int send_unix(const char *path, const char *data, size_t len, const struct timespec *deadline)
{
    struct sockaddr_un addr;
    size_t plen = strlen(path);
    int fd, rc;

    if (plen >= sizeof addr.sun_path)
        return EVENT_ERROR_RESOLVE;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, path, plen + 1);

    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return EVENT_ERROR_SOCKET;
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
        rc = (errno == EAGAIN) ? EVENT_ERROR_SEND : EVENT_ERROR_CONNECT;
    else
        rc = send_within(fd, data, len, deadline);
    close(fd);
    return rc;
}

static int send_udp(unsigned short port, const char *data, size_t len, const struct timespec *deadline)
{
    struct sockaddr_in addr;
    int fd, rc;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr) != 1)
        return EVENT_ERROR_RESOLVE;

    fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return EVENT_ERROR_SOCKET;
    /* connected, so that an ICMP port-unreachable comes back to this socket as ECONNREFUSED */
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        return EVENT_ERROR_CONNECT;
    }
    rc = send_within(fd, data, len, deadline);
    if (rc == EVENT_SEND_OK) {
        /* nobody on the port: on loopback the ICMP error is there at once; wait for it <= WAIT_MS */
        struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
        int ready;
        do
            ready = poll(&p, 1, WAIT_MS);
        while (ready < 0 && errno == EINTR);
        if (ready > 0) {
            char byte;
            if (recv(fd, &byte, 1, MSG_DONTWAIT) < 0 && errno == ECONNREFUSED)
                rc = EVENT_ERROR_CONNECT;
        }
    }
    close(fd);
    return rc;
}

/* GF_EVENTS_PORT: unset or empty -> the default; otherwise a decimal number in 1..65535. */
static int udp_port(unsigned short *port)
{
    const char *text = getenv("GF_EVENTS_PORT");
    unsigned long value = 0;
    const char *p;

    if (text == NULL || *text == '\0') {
        *port = GF_EVENT_DEFAULT_PORT;
        return 0;
    }
    for (p = text; *p; p++) {
        if (*p < '0' || *p > '9' || p - text >= 5)
            return -1;
        value = value * 10 + (unsigned long)(*p - '0');
    }
    if (value < 1 || value > 65535)
        return -1;
    *port = (unsigned short)value;
    return 0;
}

static int deliver(const struct msg *m, unsigned short port)
{
    const char *path = getenv("GF_EVENTS_SOCKET");
    struct timespec deadline;
    struct stat st;

    if (path == NULL || *path == '\0')
        path = GF_EVENT_DEFAULT_SOCKET;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += WAIT_MS * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    if (stat(path, &st) == 0)
        return send_unix(path, m->data, m->len, &deadline);
    return send_udp(port, m->data, m->len, &deadline);
}

static int valid_event(eventtypes_t event)
{
    return (int)event >= 0 && (int)event < (int)EVENT_LAST;
}

/* ---- gf_event --------------------------------------------------------------------------------- */

/*
 * The text part holds a control character the daemon would refuse: the same pairs as JSON, split
 * as the daemon splits the text form (pairs on ';', each on its first '=', keys stripped, pairs
 * with an empty key dropped).
 */
static void text_to_json(struct msg *out, int code, long long ts, const char *text, size_t n)
{
    size_t start = 0;
    int first = 1;

    put_json_head(out, code, ts);
    while (start < n) {
        const char *seg = text + start;
        const char *semi = memchr(seg, ';', n - start);
        size_t slen = semi ? (size_t)(semi - seg) : n - start;
        const char *eq = memchr(seg, '=', slen);
        size_t klen = eq ? (size_t)(eq - seg) : slen;
        const char *key = seg;

        while (klen > 0 && is_blank((unsigned char)key[0])) {
            key++;
            klen--;
        }
        while (klen > 0 && is_blank((unsigned char)key[klen - 1]))
            klen--;
        if (klen > 0) {
            if (!first)
                put(out, ", ", 2);
            first = 0;
            put_json_string(out, key, klen);
            put(out, ": ", 2);
            if (eq)
                put_json_string(out, eq + 1, slen - (size_t)(eq + 1 - seg));
            else
                put(out, "\"\"", 2);
        }
        start += slen + 1;
    }
    puts_(out, "}}");
}

int gf_event(eventtypes_t event, const char *fmt, ...)
{
    int saved_errno = errno;
    struct msg m;
    unsigned short port;
    long long ts;
    size_t head, end;
    va_list ap;
    int n, rc;

    if (!valid_event(event) || fmt == NULL || udp_port(&port) != 0) {
        errno = saved_errno;
        return EVENT_ERROR_INVALID_INPUTS;
    }
    ts = (long long)time(NULL);
    m.overflow = 0;
    n = snprintf(m.data, sizeof m.data, "%lld %d ", ts, (int)event);
    head = (size_t)n;
    va_start(ap, fmt);
    n = vsnprintf(m.data + head, sizeof m.data - head, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n > GF_EVENT_MAX_MESSAGE - head) {
        errno = saved_errno;
        return EVENT_ERROR_MSG_FORMAT;
    }
    m.len = head + (size_t)n;

    /* the daemon strips trailing blanks (a printf habit's "\n" is fine); a control character before them is not */
    end = m.len;
    while (end > head && is_blank((unsigned char)m.data[end - 1]))
        end--;
    if (has_control(m.data + head, end - head)) {
        struct msg json;
        json.len = 0;
        json.overflow = 0;
        text_to_json(&json, (int)event, ts, m.data + head, end - head);
        rc = json.overflow ? EVENT_ERROR_MSG_FORMAT : deliver(&json, port);
    } else {
        rc = deliver(&m, port);
    }
    errno = saved_errno;
    return rc;
}

/* ---- gf_event_pairs --------------------------------------------------------------------------- */

/* The pairs of either form: an array, or a first pair and a va_list for the rest. */
struct pairs {
    const char *const *array;
    const char *key, *value;
    va_list *rest;
    int index;
    int done;
};

static int next_pair(struct pairs *p, const char **key, const char **value)
{
    if (p->done)
        return 0;
    if (p->array) {
        *key = p->array[2 * p->index];
        if (*key != NULL)
            *value = p->array[2 * p->index + 1];
    } else if (p->index == 0) {
        *key = p->key;
        *value = p->value;
    } else {
        *key = va_arg(*p->rest, const char *);
        if (*key != NULL)
            *value = va_arg(*p->rest, const char *);
    }
    p->index++;
    if (*key == NULL || *value == NULL) {
        p->done = 1; /* a NULL value ends the list too: nothing after it is read */
        return *key != NULL ? -1 : 0;
    }
    return 1;
}

/* Pass 1: are the pairs valid, and does any need the JSON form? -1 invalid, 1 JSON, 0 text. */
static int check_pairs(struct pairs *p)
{
    const char *key, *value;
    int json = 0, last_ends_blank = 0, r;

    while ((r = next_pair(p, &key, &value)) > 0) {
        size_t klen = strlen(key), vlen = strlen(value);
        if (klen == 0)
            return -1;
        if (strpbrk(key, ";=") || has_control(key, klen) || is_blank((unsigned char)key[0])
            || is_blank((unsigned char)key[klen - 1]))
            json = 1;
        if (strchr(value, ';') || has_control(value, vlen))
            json = 1;
        last_ends_blank = vlen > 0 && is_blank((unsigned char)value[vlen - 1]);
    }
    if (r < 0)
        return -1;
    return json || last_ends_blank;
}

static int send_pairs(eventtypes_t event, struct pairs *check, struct pairs *write)
{
    int saved_errno = errno;
    const char *key, *value;
    unsigned short port;
    long long ts;
    struct msg buffer, *m = &buffer;
    int json, first = 1, rc;

    if (!valid_event(event) || udp_port(&port) != 0 || (json = check_pairs(check)) < 0) {
        errno = saved_errno;
        return EVENT_ERROR_INVALID_INPUTS;
    }
    m->len = 0;
    m->overflow = 0;
    ts = (long long)time(NULL);
    if (json) {
        put_json_head(m, (int)event, ts);
    } else {
        char head[48];
        int n = snprintf(head, sizeof head, "%lld %d ", ts, (int)event);
        put(m, head, (size_t)n);
    }
    while (next_pair(write, &key, &value) > 0) {
        if (json) {
            if (!first)
                put(m, ", ", 2);
            put_json_string(m, key, strlen(key));
            put(m, ": ", 2);
            put_json_string(m, value, strlen(value));
        } else {
            if (!first)
                put(m, ";", 1);
            puts_(m, key);
            put(m, "=", 1);
            puts_(m, value);
        }
        first = 0;
    }
    if (json)
        puts_(m, "}}");
    rc = m->overflow ? EVENT_ERROR_MSG_FORMAT : deliver(m, port);
    errno = saved_errno;
    return rc;
}

int gf_event_pairs(eventtypes_t event, const char *key, const char *value, ...)
{
    va_list check_ap, write_ap;
    struct pairs check = { NULL, key, value, &check_ap, 0, 0 };
    struct pairs write = { NULL, key, value, &write_ap, 0, 0 };
    int rc;

    va_start(check_ap, value);
    va_copy(write_ap, check_ap);
    rc = send_pairs(event, &check, &write);
    va_end(write_ap);
    va_end(check_ap);
    return rc;
}

int gf_event_pairsv(eventtypes_t event, const char *const *pairs)
{
    static const char *const none[] = { NULL };
    struct pairs check = { pairs ? pairs : none, NULL, NULL, NULL, 0, 0 };
    struct pairs write = check;
    return send_pairs(event, &check, &write);
}
