/*
 * gf-event: send one event from the command line.
 *   gf-event EVENT [KEY=VALUE ...]     pairs through gf_event_pairsv (JSON form when a value needs it)
 *   gf-event -t TEXT EVENT             TEXT as the k=v;k=v part, through gf_event(event, "%s", TEXT)
 * EVENT: EVENT_VOLUME_CREATE, VOLUME_CREATE or the numeric code (2). Each pair splits on its first '='.
 * Prints "rc=<code> <name> elapsed_us=<microseconds>" and exits with the code (64 on bad usage).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gf_event.h"

static const struct {
    const char *name;
    eventtypes_t code;
} EVENTS[] = {
#include "gf_event_names.h"
};

static const char *const ERRORS[] = {
    "EVENT_SEND_OK", "EVENT_ERROR_INVALID_INPUTS", "EVENT_ERROR_SOCKET", "EVENT_ERROR_CONNECT",
    "EVENT_ERROR_SEND", "EVENT_ERROR_RESOLVE", "EVENT_ERROR_MSG_FORMAT",
};

static int parse_event(const char *text)
{
    size_t i;
    char *end;
    long code = strtol(text, &end, 10);

    if (*text != '\0' && *end == '\0')
        return code >= 0 && code < EVENT_LAST ? (int)code : -1;
    for (i = 0; i < sizeof EVENTS / sizeof EVENTS[0]; i++)
        if (strcmp(text, EVENTS[i].name) == 0 || strcmp(text, EVENTS[i].name + 6) == 0)
            return (int)EVENTS[i].code;
    return -1;
}

static int usage(const char *self)
{
    fprintf(stderr, "usage: %s EVENT [KEY=VALUE ...]\n       %s -t TEXT EVENT\n", self, self);
    return 64;
}

int main(int argc, char **argv)
{
    const char *text = NULL;
    struct timespec start, end;
    int first = 1, event, rc, i;

    if (argc >= 3 && strcmp(argv[1], "-t") == 0) {
        text = argv[2];
        first = 3;
    }
    if (first >= argc || (text != NULL && argc != 4))
        return usage(argv[0]);
    event = parse_event(argv[first]);
    if (event < 0) {
        fprintf(stderr, "%s: unknown event type %s\n", argv[0], argv[first]);
        return 64;
    }

    int npairs = argc - first - 1;
    const char **pairs = calloc((size_t)npairs * 2 + 1, sizeof *pairs);
    char **copies = calloc((size_t)npairs + 1, sizeof *copies);
    if (pairs == NULL || copies == NULL)
        return 71;
    for (i = 0; i < npairs; i++) {
        char *pair = copies[i] = strdup(argv[first + 1 + i]);
        char *eq = pair ? strchr(pair, '=') : NULL;
        if (eq == NULL) {
            fprintf(stderr, "%s: expected KEY=VALUE, got %s\n", argv[0], argv[first + 1 + i]);
            return 64;
        }
        *eq = '\0';
        pairs[2 * i] = pair;
        pairs[2 * i + 1] = eq + 1;
    }

    clock_gettime(CLOCK_MONOTONIC, &start);
    if (text != NULL)
        rc = gf_event((eventtypes_t)event, "%s", text);
    else
        rc = gf_event_pairsv((eventtypes_t)event, pairs);
    clock_gettime(CLOCK_MONOTONIC, &end);

    printf("rc=%d %s elapsed_us=%ld\n", rc, rc >= 0 && rc <= 6 ? ERRORS[rc] : "?",
           (long)((end.tv_sec - start.tv_sec) * 1000000L + (end.tv_nsec - start.tv_nsec) / 1000));
    for (i = 0; i < npairs; i++)
        free(copies[i]);
    free(copies);
    free(pairs);
    return rc;
}
