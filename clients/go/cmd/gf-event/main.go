// Command gf-event sends one Gluster event with gfevent.Emit:
//
//	gf-event EVENT_NAME|CODE [key=value ...]
//
// EVENT_NAME is a type's name with or without EVENT_ (VOLUME_CREATE, EVENT_VOLUME_CREATE) or its
// code (2). It prints "code=<gf_event code> elapsed_us=<microseconds Emit took>" on stdout, the
// error (if any) on stderr, and exits with the code: 0 sent, 1 invalid inputs, 2 socket,
// 3 connect (the daemon is down), 4 send, 5 resolve, 6 message format.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"gluster.org/gfevent"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) < 1 {
		return usage("no event type")
	}
	var typ gfevent.EventType
	if code, err := strconv.Atoi(args[0]); err == nil {
		typ = gfevent.EventType(code) // out of range: Emit's own check answers
	} else if t, ok := gfevent.ParseEventType(args[0]); ok {
		typ = t
	} else {
		return usage("unknown event type " + strconv.Quote(args[0]))
	}
	attrs := make(map[string]string, len(args)-1)
	for _, pair := range args[1:] {
		k, v, ok := strings.Cut(pair, "=")
		if !ok {
			return usage("not key=value: " + strconv.Quote(pair))
		}
		attrs[k] = v
	}
	start := time.Now()
	err := gfevent.Emit(typ, attrs)
	elapsed := time.Since(start)
	code := gfevent.Code(err)
	fmt.Printf("code=%d elapsed_us=%d\n", code, elapsed.Microseconds())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	return code
}

func usage(problem string) int {
	fmt.Printf("code=%d elapsed_us=0\n", gfevent.CodeInvalidInputs)
	fmt.Fprintf(os.Stderr, "gf-event: %s\nusage: gf-event EVENT_NAME|CODE [key=value ...]\n", problem)
	return gfevent.CodeInvalidInputs
}
