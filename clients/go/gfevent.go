// Package gfevent sends Gluster events to glustereventsd, the way gf_event does in GlusterFS.
//
// Emit sends one event: to the daemon's AF_UNIX datagram socket when its file exists
// (GF_EVENTS_SOCKET, else /var/run/gluster/events.sock), otherwise as a UDP datagram to
// 127.0.0.1 (port GF_EVENTS_PORT, else 55555). It never blocks the caller for more than a few
// milliseconds and never panics: every failure is an error whose Code is one of gf_event's codes.
package gfevent

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

// Where and how long, as gf_event does it.
const (
	// DefaultSocket is the daemon's AF_UNIX datagram socket when GF_EVENTS_SOCKET is not set.
	DefaultSocket = "/var/run/gluster/events.sock"
	// DefaultPort is the daemon's UDP port on 127.0.0.1 when GF_EVENTS_PORT is not set.
	DefaultPort = 55555

	// MaxEventBytes is the largest event the daemon accepts; a larger one is not sent (ErrMsgFormat).
	MaxEventBytes = 65536

	// sendTimeout bounds a send to a socket whose receive queue is full.
	sendTimeout = 5 * time.Millisecond
	// refusedWait is how long a UDP send waits for the ICMP port-unreachable of a daemon that is down.
	refusedWait = 2 * time.Millisecond
)

// The codes of gf_event's results (EVENT_SEND_OK, EVENT_ERROR_*).
const (
	CodeSendOK        = 0
	CodeInvalidInputs = 1
	CodeSocket        = 2
	CodeConnect       = 3
	CodeSend          = 4
	CodeResolve       = 5
	CodeMsgFormat     = 6
)

// Error is an error of Emit: one of gf_event's codes and, when there is one, its cause.
// errors.Is(err, ErrConnect) tells the kind; errors.Unwrap (or errors.Is(err, syscall.ECONNREFUSED))
// reaches the cause.
type Error struct {
	code  int
	text  string
	cause error
}

// The kinds of error Emit returns; compare with errors.Is.
var (
	// ErrInvalidInput: an unknown event type or an unparsable GF_EVENTS_PORT; nothing was sent.
	ErrInvalidInput = &Error{code: CodeInvalidInputs, text: "invalid inputs"}
	// ErrSocket: no socket could be made.
	ErrSocket = &Error{code: CodeSocket, text: "cannot create socket"}
	// ErrConnect: nobody receives at the daemon's socket or UDP port (the daemon is down).
	ErrConnect = &Error{code: CodeConnect, text: "cannot connect to glustereventsd"}
	// ErrSend: the datagram was not sent (for instance the daemon's queue stayed full).
	ErrSend = &Error{code: CodeSend, text: "cannot send the event"}
	// ErrResolve: the daemon's address could not be resolved.
	ErrResolve = &Error{code: CodeResolve, text: "cannot resolve the daemon's address"}
	// ErrMsgFormat: the event could not be written as a message (not UTF-8, larger than MaxEventBytes).
	ErrMsgFormat = &Error{code: CodeMsgFormat, text: "cannot format the event"}
)

// Code is gf_event's code of this error (1 to 6).
func (e *Error) Code() int { return e.code }

func (e *Error) Error() string {
	if e.cause == nil {
		return "gfevent: " + e.text
	}
	return "gfevent: " + e.text + ": " + e.cause.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether target is an *Error of the same code, so that errors.Is(err, ErrSend) holds for
// every send error whatever its cause.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.code == e.code
}

func (e *Error) wrap(cause error) error {
	return &Error{code: e.code, text: e.text, cause: cause}
}

// Code is the gf_event code of err: 0 for nil, the code of an *Error in its chain, else CodeSend.
func Code(err error) int {
	if err == nil {
		return CodeSendOK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.code
	}
	return CodeSend
}

// String is the type's name, such as "EVENT_VOLUME_CREATE", or "EventType(n)" for an unknown code.
func (t EventType) String() string {
	if !t.Valid() {
		return "EventType(" + strconv.Itoa(int(t)) + ")"
	}
	return eventNames[t]
}

// Valid reports whether t is a known event type (0 <= t < the number of types).
func (t EventType) Valid() bool {
	return t >= 0 && int(t) < len(eventNames)
}

// ParseEventType reads a type given as its code ("2") or its name, with or without the EVENT_
// prefix, in any case ("EVENT_VOLUME_CREATE", "volume_create").
func ParseEventType(s string) (EventType, bool) {
	if code, err := strconv.Atoi(s); err == nil {
		t := EventType(code)
		return t, t.Valid()
	}
	name := strings.ToUpper(strings.TrimSpace(s))
	if !strings.HasPrefix(name, "EVENT_") {
		name = "EVENT_" + name
	}
	for code, n := range eventNames {
		if n == name {
			return EventType(code), true
		}
	}
	return -1, false
}

// Emit sends one event of type t with the attributes attrs (nil for none) to glustereventsd.
//
// The message is the text "<unix-seconds> <code> k1=v1;k2=v2", keys sorted. When the text could
// not carry the attributes exactly (a key or value holds a ';' or a control character such as a
// newline, a key holds a '=', is empty or has spaces around it, a value ends in a space), it is
// instead one JSON object {"event": <code>, "ts": <seconds>, "message": {...}}. Keys and values
// must be UTF-8 and the message at most MaxEventBytes, else ErrMsgFormat and nothing is sent.
// Emit is safe for concurrent use.
func Emit(t EventType, attrs map[string]string) (err error) {
	defer func() {
		if r := recover(); r != nil { // never crash the caller
			err = ErrSend.wrap(fmt.Errorf("panic: %v", r))
		}
	}()
	if !t.Valid() {
		return ErrInvalidInput.wrap(fmt.Errorf("unknown event type %d (types are 0 to %d)", int(t), len(eventNames)-1))
	}
	socketPath := os.Getenv("GF_EVENTS_SOCKET")
	if socketPath == "" {
		socketPath = DefaultSocket
	}
	port := DefaultPort
	if p := os.Getenv("GF_EVENTS_PORT"); p != "" {
		digits := strings.TrimSpace(p)
		n, perr := strconv.Atoi(digits)
		if perr != nil || strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) >= 0 || n < 1 || n > 65535 {
			return ErrInvalidInput.wrap(fmt.Errorf("GF_EVENTS_PORT %q is not a port", p))
		}
		port = n
	}
	message, err := format(t, time.Now().Unix(), attrs)
	if err != nil {
		return err
	}
	if _, serr := os.Stat(socketPath); serr == nil {
		return sendUnix(socketPath, message)
	}
	return sendUDP(port, message)
}

// format writes the event as the wire text, or as JSON when the text could not carry the attributes.
func format(t EventType, ts int64, attrs map[string]string) ([]byte, error) {
	keys := make([]string, 0, len(attrs))
	asJSON := false
	for k, v := range attrs {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return nil, ErrMsgFormat.wrap(fmt.Errorf("attribute %q is not valid UTF-8", k))
		}
		keys = append(keys, k)
		asJSON = asJSON || needsJSON(k, v)
	}
	var message []byte
	if asJSON {
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		err := enc.Encode(struct {
			Event   int               `json:"event"`
			Ts      int64             `json:"ts"`
			Message map[string]string `json:"message"`
		}{int(t), ts, attrs})
		if err != nil {
			return nil, ErrMsgFormat.wrap(err)
		}
		message = bytes.TrimRight(out.Bytes(), "\n")
	} else {
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString(strconv.FormatInt(ts, 10))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(int(t)))
		b.WriteByte(' ')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(attrs[k])
		}
		message = []byte(b.String())
	}
	if len(message) > MaxEventBytes {
		return nil, ErrMsgFormat.wrap(fmt.Errorf("the event is %d bytes, more than the daemon's %d", len(message), MaxEventBytes))
	}
	return message, nil
}

// needsJSON reports whether the text form would not carry this pair exactly: the daemon splits pairs
// on ';' and each pair on its first '=', strips keys and the end of the text, and rejects control
// characters.
func needsJSON(k, v string) bool {
	if strings.ContainsRune(k, ';') || strings.ContainsRune(k, '=') || strings.ContainsRune(v, ';') {
		return true
	}
	if k == "" || k != strings.TrimSpace(k) || v != strings.TrimRightFunc(v, unicode.IsSpace) {
		return true
	}
	return strings.IndexFunc(k+v, func(r rune) bool { return r < ' ' }) >= 0
}

// sendUnix sends one datagram to the daemon's AF_UNIX socket; a socket file nobody is bound to is refused.
func sendUnix(path string, message []byte) error {
	addr, err := net.ResolveUnixAddr("unixgram", path)
	if err != nil {
		return ErrResolve.wrap(err)
	}
	conn, err := net.DialUnix("unixgram", nil, addr)
	if err != nil {
		return dialError(err)
	}
	defer conn.Close()
	return write(conn, message)
}

// sendUDP sends one datagram to 127.0.0.1:port from a connected socket, then waits briefly for the
// ICMP port-unreachable that says nobody listens there.
func sendUDP(port int, message []byte) error {
	addr, err := net.ResolveUDPAddr("udp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return ErrResolve.wrap(err)
	}
	conn, err := net.DialUDP("udp4", nil, addr)
	if err != nil {
		return dialError(err)
	}
	defer conn.Close()
	if err := write(conn, message); err != nil {
		return err
	}
	if err := conn.SetReadDeadline(time.Now().Add(refusedWait)); err != nil {
		return nil // sent; the check for a daemon that is down is only a courtesy
	}
	var buf [1]byte
	_, rerr := conn.Read(buf[:])
	if rerr != nil && errors.Is(rerr, syscall.ECONNREFUSED) {
		return ErrConnect.wrap(rerr)
	}
	return nil
}

// write sends message as one datagram within sendTimeout.
func write(conn net.Conn, message []byte) error {
	if err := conn.SetWriteDeadline(time.Now().Add(sendTimeout)); err != nil {
		return ErrSend.wrap(err)
	}
	n, err := conn.Write(message)
	if err != nil {
		if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT) {
			return ErrConnect.wrap(err)
		}
		return ErrSend.wrap(err)
	}
	if n != len(message) {
		return ErrSend.wrap(fmt.Errorf("sent %d of %d bytes", n, len(message)))
	}
	return nil
}

// dialError tells a socket that could not be made from one that could not be connected.
func dialError(err error) error {
	var sys *os.SyscallError
	if errors.As(err, &sys) && sys.Syscall == "socket" {
		return ErrSocket.wrap(err)
	}
	return ErrConnect.wrap(err)
}
