/*
 * gf_event without a daemon: input validation, the daemon-down paths (no socket file and a closed
 * UDP port; a socket file nobody is bound to; a receiver that never reads), the size limit, and the
 * exact wire bytes as a local UDP / AF_UNIX receiver sees them. Every call must return within 50 ms.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "gf_event.h"

#define LIMIT_US 50000L

static int failures, checks;
static long elapsed_us;
static struct timespec t0;

static void start(void)
{
    clock_gettime(CLOCK_MONOTONIC, &t0);
}

static int stop(int rc)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    elapsed_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
    return rc;
}

/* Times the call, then checks its code and its duration. */
#define CALL(expected, call)                                                                      \
    do {                                                                                          \
        int rc_;                                                                                  \
        start();                                                                                  \
        rc_ = stop(call);                                                                         \
        checks++;                                                                                 \
        if (rc_ != (expected) || elapsed_us >= LIMIT_US) {                                        \
            failures++;                                                                           \
            fprintf(stderr, "FAIL %s:%d: %s -> %d in %ld us, expected %d in < %ld us\n", __FILE__, \
                    __LINE__, #call, rc_, elapsed_us, (int)(expected), LIMIT_US);                 \
        }                                                                                         \
    } while (0)

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        checks++;                                                                                 \
        if (!(cond)) {                                                                            \
            failures++;                                                                           \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                       \
        }                                                                                         \
    } while (0)

static int free_udp_port(void)
{
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0, .sin_addr = { htonl(INADDR_LOOPBACK) } };
    socklen_t len = sizeof addr;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0
        || getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
        perror("free_udp_port");
        exit(2);
    }
    close(fd);
    return ntohs(addr.sin_port);
}

/* A bound UDP receiver on loopback; its port goes to GF_EVENTS_PORT. */
static int udp_receiver(void)
{
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0, .sin_addr = { htonl(INADDR_LOOPBACK) } };
    socklen_t len = sizeof addr;
    char port[16];
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0
        || getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
        perror("udp_receiver");
        exit(2);
    }
    snprintf(port, sizeof port, "%d", ntohs(addr.sin_port));
    setenv("GF_EVENTS_PORT", port, 1);
    return fd;
}

/* A bound AF_UNIX datagram receiver at path. */
static int unix_receiver(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    unlink(path);
    if (strlen(path) >= sizeof addr.sun_path)
        exit(2);
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("unix_receiver");
        exit(2);
    }
    return fd;
}

/* The next datagram (or "" after 1 s), NUL-terminated. */
static const char *receive(int fd)
{
    static char buffer[65536];
    struct timeval timeout = { 1, 0 };
    ssize_t n;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    n = recv(fd, buffer, sizeof buffer - 1, 0);
    buffer[n < 0 ? 0 : n] = '\0';
    return buffer;
}

/* "<ts> <code> " + rest, with ts within 5 s of now. */
static int text_form(const char *wire, int code, const char *rest)
{
    char *end;
    long long ts = strtoll(wire, &end, 10);
    char tail[16];
    snprintf(tail, sizeof tail, " %d ", code);
    return llabs(ts - (long long)time(NULL)) <= 5 && strncmp(end, tail, strlen(tail)) == 0
        && strcmp(end + strlen(tail), rest) == 0;
}

/* {"event": code, "ts": <ts>, "message": {message}} */
static int json_form(const char *wire, int code, const char *message)
{
    char head[64];
    char *end;
    long long ts;
    int n = snprintf(head, sizeof head, "{\"event\": %d, \"ts\": ", code);
    if (strncmp(wire, head, (size_t)n) != 0)
        return 0;
    ts = strtoll(wire + n, &end, 10);
    return llabs(ts - (long long)time(NULL)) <= 5 && strncmp(end, ", \"message\": {", 14) == 0
        && strncmp(end + 14, message, strlen(message)) == 0 && strcmp(end + 14 + strlen(message), "}}") == 0;
}

static int lowest_free_fd(void)
{
    int fd = open("/dev/null", O_RDONLY);
    close(fd);
    return fd;
}

int main(void)
{
    char port[16], dir[] = "/tmp/gf_event_test.XXXXXX", path[100];
    const char *volatile null_fmt = NULL; /* not a literal: the format checker must not see it */
    int fd_before = lowest_free_fd(), i;

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }

    /* ---- no daemon: no socket file, nothing on the UDP port ---- */
    snprintf(port, sizeof port, "%d", free_udp_port());
    setenv("GF_EVENTS_SOCKET", "/nonexistent/events.sock", 1);
    setenv("GF_EVENTS_PORT", port, 1);

    CALL(EVENT_ERROR_CONNECT, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
    CALL(EVENT_ERROR_CONNECT, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "gv1", (char *)NULL));
    CALL(EVENT_ERROR_CONNECT, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "a;b=c", (char *)NULL));
    CALL(EVENT_ERROR_CONNECT, gf_event(EVENT_PEER_ATTACH, "%s", ""));

    /* ---- input validation: nothing is sent ---- */
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event(null_fmt == NULL ? EVENT_VOLUME_CREATE : EVENT_LAST, null_fmt));
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event(EVENT_LAST, "name=%s", "gv1"));
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event((eventtypes_t)-1, "name=%s", "gv1"));
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event((eventtypes_t)100000, "name=%s", "gv1"));
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event_pairs(EVENT_LAST, "name", "gv1", (char *)NULL));
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event_pairs(EVENT_VOLUME_CREATE, "name", (char *)NULL, (char *)NULL));
    CALL(EVENT_ERROR_INVALID_INPUTS, gf_event_pairs(EVENT_VOLUME_CREATE, "", "gv1", (char *)NULL));
    CALL(EVENT_ERROR_INVALID_INPUTS,
         gf_event_pairs(EVENT_VOLUME_CREATE, "name", "gv1", "force", (char *)NULL, (char *)NULL));
    {
        const char *const odd[] = { "name", NULL };
        CALL(EVENT_ERROR_INVALID_INPUTS, gf_event_pairsv(EVENT_VOLUME_CREATE, odd));
    }
    static const char *const bad_ports[] = { "abc", "0", "65536", "-1", "5555x", " 55555", "1234567", NULL };
    for (i = 0; bad_ports[i]; i++) {
        setenv("GF_EVENTS_PORT", bad_ports[i], 1);
        CALL(EVENT_ERROR_INVALID_INPUTS, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
        CALL(EVENT_ERROR_INVALID_INPUTS, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "gv1", (char *)NULL));
    }
    setenv("GF_EVENTS_PORT", port, 1);

    /* errno is the caller's */
    errno = EDOM;
    CALL(EVENT_ERROR_CONNECT, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
    CHECK(errno == EDOM);

    /* ---- size: 8192 bytes on the wire at most ---- */
    {
        static char big[GF_EVENT_MAX_MESSAGE + 16];
        char head[32];
        int headlen = snprintf(head, sizeof head, "%lld %d ", (long long)time(NULL), EVENT_VOLUME_CREATE);
        size_t fits = GF_EVENT_MAX_MESSAGE - (size_t)headlen - strlen("name=");
        memset(big, 'x', sizeof big - 1);
        big[fits] = '\0';
        CALL(EVENT_ERROR_CONNECT, gf_event(EVENT_VOLUME_CREATE, "name=%s", big)); /* exactly 8192: sent */
        big[fits] = 'x';
        big[fits + 1] = '\0';
        CALL(EVENT_ERROR_MSG_FORMAT, gf_event(EVENT_VOLUME_CREATE, "name=%s", big));
        CALL(EVENT_ERROR_MSG_FORMAT, gf_event_pairs(EVENT_VOLUME_CREATE, "name", big, (char *)NULL));
        big[2000] = '\0';
        memset(big, '\n', 2000); /* 2000 bytes, 12000 once escaped in JSON */
        CALL(EVENT_ERROR_MSG_FORMAT, gf_event_pairs(EVENT_VOLUME_CREATE, "name", big, (char *)NULL));
    }

    /* ---- wire bytes over UDP ---- */
    {
        int rx = udp_receiver();
        CALL(EVENT_SEND_OK, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
        CHECK(text_form(receive(rx), 2, "name=gv1"));
        CALL(EVENT_SEND_OK, gf_event(EVENT_VOLUME_SET, "name=%s;options=%s", "gv1", "k=1,v,"));
        CHECK(text_form(receive(rx), 6, "name=gv1;options=k=1,v,"));
        CALL(EVENT_SEND_OK, gf_event(EVENT_PEER_ATTACH, "%s", ""));
        CHECK(text_form(receive(rx), 0, ""));
        CALL(EVENT_SEND_OK, gf_event(EVENT_VOLUME_CREATE, "name=%s\n", "gv1")); /* trailing newline: as is */
        CHECK(text_form(receive(rx), 2, "name=gv1\n"));
        CALL(EVENT_SEND_OK, gf_event(EVENT_VOLUME_CREATE, "name=%s;note=%s", "gv1", "two\nlines "));
        CHECK(json_form(receive(rx), 2, "\"name\": \"gv1\", \"note\": \"two\\u000alines\""));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "gv1", "host", "a=b", (char *)NULL));
        CHECK(text_form(receive(rx), 2, "name=gv1;host=a=b"));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "gv1", "label", "a;b=c", (char *)NULL));
        CHECK(json_form(receive(rx), 2, "\"name\": \"gv1\", \"label\": \"a;b=c\""));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_VOLUME_CREATE, "q", "say \"hi\"\\\t\x01\n\x7f" "\xc3\xa9", (char *)NULL));
        CHECK(json_form(receive(rx), 2, "\"q\": \"say \\\"hi\\\"\\\\\\u0009\\u0001\\u000a\\u007f\xc3\xa9\""));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_VOLUME_CREATE, "a=b", "1", (char *)NULL));
        CHECK(json_form(receive(rx), 2, "\"a=b\": \"1\""));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "ends in a blank ", (char *)NULL));
        CHECK(json_form(receive(rx), 2, "\"name\": \"ends in a blank \""));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_PEER_DETACH, (char *)NULL, (char *)NULL, (char *)NULL));
        CHECK(text_form(receive(rx), 1, ""));
        {
            const char *const pairs[] = { "name", "gv1", "brick", "h:/b", NULL };
            CALL(EVENT_SEND_OK, gf_event_pairsv(EVENT_VOLUME_CREATE, pairs));
            CHECK(text_form(receive(rx), 2, "name=gv1;brick=h:/b"));
            CALL(EVENT_SEND_OK, gf_event_pairsv(EVENT_VOLUME_CREATE, NULL));
            CHECK(text_form(receive(rx), 2, ""));
        }
        close(rx);
        setenv("GF_EVENTS_PORT", port, 1);
    }

    /* ---- the AF_UNIX socket ---- */
    snprintf(path, sizeof path, "%s/events.sock", dir);
    setenv("GF_EVENTS_SOCKET", path, 1);
    {
        int rx = unix_receiver(path);
        CALL(EVENT_SEND_OK, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
        CHECK(text_form(receive(rx), 2, "name=gv1"));
        CALL(EVENT_SEND_OK, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "gv1", "label", "a;b=c", (char *)NULL));
        CHECK(json_form(receive(rx), 2, "\"name\": \"gv1\", \"label\": \"a;b=c\""));

        /* a receiver that never reads: once its queue is full, EVENT_ERROR_SEND, each call still quick */
        int full = 0;
        for (i = 0; i < 100000 && !full; i++) {
            start();
            int rc = stop(gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
            checks++;
            if (elapsed_us >= LIMIT_US || (rc != EVENT_SEND_OK && rc != EVENT_ERROR_SEND)) {
                failures++;
                fprintf(stderr, "FAIL: send #%d to a full queue -> %d in %ld us\n", i, rc, elapsed_us);
                break;
            }
            full = rc == EVENT_ERROR_SEND;
        }
        CHECK(full);
        close(rx);
    }

    /* the socket file stays, nobody is bound: daemon down, even with the UDP port free */
    CALL(EVENT_ERROR_CONNECT, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
    CALL(EVENT_ERROR_CONNECT, gf_event_pairs(EVENT_VOLUME_CREATE, "name", "a;b", (char *)NULL));
    unlink(path);

    /* an existing socket path longer than sun_path: EVENT_ERROR_RESOLVE, no UDP fallback */
    {
        char longdir[200], longpath[220];
        snprintf(longdir, sizeof longdir, "%s/%0150d", dir, 0);
        snprintf(longpath, sizeof longpath, "%s/events.sock", longdir);
        CHECK(mkdir(longdir, 0700) == 0);
        int file = open(longpath, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        CHECK(file >= 0);
        close(file);
        setenv("GF_EVENTS_SOCKET", longpath, 1);
        CALL(EVENT_ERROR_RESOLVE, gf_event(EVENT_VOLUME_CREATE, "name=%s", "gv1"));
        unlink(longpath);
        rmdir(longdir);
    }
    rmdir(dir);

    CHECK(lowest_free_fd() == fd_before); /* no descriptor leaked */

    printf("%s: %d checks, %d failures\n", failures ? "FAILED" : "PASSED", checks, failures);
    return failures ? 1 : 0;
}
