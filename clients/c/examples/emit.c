/*
 * emit: one gf_event call, timed, for scripts and integration tests.
 *   emit create NAME          gf_event(EVENT_VOLUME_CREATE, "name=%s", NAME)
 *   emit pairs NAME LABEL     gf_event_pairs(EVENT_VOLUME_CREATE, "name", NAME, "label", LABEL, NULL)
 * Prints "rc=<code> elapsed_us=<microseconds of the call>" and exits with the code.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gf_event.h>

int main(int argc, char **argv)
{
    struct timespec start, end;
    int rc;

    if (argc == 3 && strcmp(argv[1], "create") == 0) {
        clock_gettime(CLOCK_MONOTONIC, &start);
        rc = gf_event(EVENT_VOLUME_CREATE, "name=%s", argv[2]);
        clock_gettime(CLOCK_MONOTONIC, &end);
    } else if (argc == 4 && strcmp(argv[1], "pairs") == 0) {
        clock_gettime(CLOCK_MONOTONIC, &start);
        rc = gf_event_pairs(EVENT_VOLUME_CREATE, "name", argv[2], "label", argv[3], (char *)NULL);
        clock_gettime(CLOCK_MONOTONIC, &end);
    } else {
        fprintf(stderr, "usage: %s create NAME | %s pairs NAME LABEL\n", argv[0], argv[0]);
        return 64;
    }
    printf("rc=%d elapsed_us=%ld\n", rc,
           (long)((end.tv_sec - start.tv_sec) * 1000000L + (end.tv_nsec - start.tv_nsec) / 1000));
    return rc;
}
