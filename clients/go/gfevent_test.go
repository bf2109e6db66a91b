package gfevent

import (
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// unixListener is a real AF_UNIX datagram socket in a temporary folder, named by GF_EVENTS_SOCKET.
func unixListener(t *testing.T) *net.UnixConn {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatalf("listen on %s: %v", path, err)
	}
	t.Cleanup(func() { conn.Close() })
	t.Setenv("GF_EVENTS_SOCKET", path)
	t.Setenv("GF_EVENTS_PORT", strconv.Itoa(freeUDPPort(t)))
	return conn
}

// udpListener is a real UDP socket on 127.0.0.1, named by GF_EVENTS_PORT, with no socket file.
func udpListener(t *testing.T) *net.UDPConn {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatalf("listen on UDP: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	t.Setenv("GF_EVENTS_SOCKET", filepath.Join(t.TempDir(), "no-such.sock"))
	t.Setenv("GF_EVENTS_PORT", strconv.Itoa(conn.LocalAddr().(*net.UDPAddr).Port))
	return conn
}

// freeUDPPort is a UDP port on 127.0.0.1 nobody listens on.
func freeUDPPort(t *testing.T) int {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatalf("listen on UDP: %v", err)
	}
	port := conn.LocalAddr().(*net.UDPAddr).Port
	conn.Close()
	return port
}

// receive is the next datagram, or "" when none comes within wait.
func receive(t *testing.T, conn net.Conn, wait time.Duration) string {
	t.Helper()
	buf := make([]byte, 65536)
	if err := conn.SetReadDeadline(time.Now().Add(wait)); err != nil {
		t.Fatal(err)
	}
	n, err := conn.Read(buf)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return ""
		}
		t.Fatalf("read: %v", err)
	}
	return string(buf[:n])
}

var textForm = regexp.MustCompile(`^(\d+) (\d+) (.*)$`)

// assertText checks "<ts> <code> <pairs>" with ts close to now.
func assertText(t *testing.T, got string, code EventType, pairs string) {
	t.Helper()
	m := textForm.FindStringSubmatch(got)
	if m == nil || m[2] != strconv.Itoa(int(code)) || m[3] != pairs {
		t.Fatalf("got %q, want \"<ts> %d %s\"", got, code, pairs)
	}
	ts, _ := strconv.ParseInt(m[1], 10, 64)
	if d := time.Now().Unix() - ts; d < -5 || d > 5 {
		t.Fatalf("ts %d is %d s away from now", ts, d)
	}
}

func TestEmitSendsTheTextFormToTheUnixSocket(t *testing.T) {
	conn := unixListener(t)
	if err := Emit(EventVolumeCreate, map[string]string{"name": "gv1"}); err != nil {
		t.Fatalf("Emit: %v", err)
	}
	assertText(t, receive(t, conn, time.Second), EventVolumeCreate, "name=gv1")
	if extra := receive(t, conn, 50*time.Millisecond); extra != "" {
		t.Fatalf("a second datagram: %q", extra)
	}
}

func TestEmitFallsBackToUDPWhenTheSocketFileIsMissing(t *testing.T) {
	conn := udpListener(t)
	if err := Emit(EventVolumeCreate, map[string]string{"name": "gv1"}); err != nil {
		t.Fatalf("Emit: %v", err)
	}
	assertText(t, receive(t, conn, time.Second), EventVolumeCreate, "name=gv1")
}

func TestEmitSortsKeysAndKeepsEqualsSignsInValuesAsText(t *testing.T) {
	conn := unixListener(t)
	err := Emit(EventVolumeSet, map[string]string{"name": "gv1", "options": "a=b,c=d,", "b": "", "a": "x y"})
	if err != nil {
		t.Fatalf("Emit: %v", err)
	}
	assertText(t, receive(t, conn, time.Second), EventVolumeSet, "a=x y;b=;name=gv1;options=a=b,c=d,")
}

func TestEmitWithoutAttributesSendsAnEmptyThirdField(t *testing.T) {
	conn := unixListener(t)
	if err := Emit(EventPeerAttach, nil); err != nil {
		t.Fatalf("Emit: %v", err)
	}
	assertText(t, receive(t, conn, time.Second), EventPeerAttach, "")
}

func TestEmitSendsJSONWhenTheTextCannotCarryTheAttributes(t *testing.T) {
	for _, attrs := range []map[string]string{
		{"name": "gv1", "opt": "a;b=c"},
		{"name": "gv1", "msg": "line1\nline2"},
		{"name": "gv1", "k=1": "v"},
		{"name": "gv1", "k;1": "v"},
		{"name": "gv1", "msg": "cr\rhere"},
		{"name": "gv1", "msg": "tab\there"},
		{"name": "gv1", " k": "v"},
		{"name": "gv1", "": "v"},
		{"name": "gv1 "},
	} {
		conn := unixListener(t)
		if err := Emit(EventVolumeCreate, attrs); err != nil {
			t.Fatalf("Emit(%v): %v", attrs, err)
		}
		got := receive(t, conn, time.Second)
		var event struct {
			Event   *int              `json:"event"`
			Ts      *int64            `json:"ts"`
			Message map[string]string `json:"message"`
		}
		if err := json.Unmarshal([]byte(got), &event); err != nil {
			t.Fatalf("%q is not JSON: %v", got, err)
		}
		if event.Event == nil || *event.Event != int(EventVolumeCreate) {
			t.Fatalf("event in %q, want %d", got, EventVolumeCreate)
		}
		if event.Ts == nil || time.Now().Unix()-*event.Ts > 5 {
			t.Fatalf("ts in %q is not now", got)
		}
		if !reflect.DeepEqual(event.Message, attrs) {
			t.Fatalf("message %v, want %v (sent %q)", event.Message, attrs, got)
		}
	}
}

func TestEmitRejectsAnInvalidTypeAndSendsNothing(t *testing.T) {
	conn := unixListener(t)
	for _, typ := range []EventType{-1, EventType(len(eventNames)), 1 << 30} {
		err := Emit(typ, map[string]string{"name": "gv1"})
		if !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("Emit(%d) = %v, want ErrInvalidInput", typ, err)
		}
		if Code(err) != CodeInvalidInputs || err.(*Error).Code() != 1 {
			t.Fatalf("code of %v is %d", err, Code(err))
		}
	}
	if got := receive(t, conn, 100*time.Millisecond); got != "" {
		t.Fatalf("sent %q for an invalid type", got)
	}
}

func TestEmitRefusesWhatTheDaemonCouldNotReadAndSendsNothing(t *testing.T) {
	conn := unixListener(t)
	for what, attrs := range map[string]map[string]string{
		"a value that is not UTF-8":  {"name": "gv\xff"},
		"a key that is not UTF-8":    {"n\xc3": "gv1"},
		"more than the daemon takes": {"name": strings.Repeat("x", MaxEventBytes)},
	} {
		err := Emit(EventVolumeCreate, attrs)
		if !errors.Is(err, ErrMsgFormat) || Code(err) != CodeMsgFormat {
			t.Fatalf("%s: %v, want ErrMsgFormat", what, err)
		}
	}
	if got := receive(t, conn, 100*time.Millisecond); got != "" {
		t.Fatalf("sent %.80q", got)
	}
	big := strings.Repeat("x", 60000)
	if err := Emit(EventVolumeCreate, map[string]string{"name": big}); err != nil {
		t.Fatalf("a 60 kB event: %v", err)
	}
	assertText(t, receive(t, conn, time.Second), EventVolumeCreate, "name="+big)
}

func TestEmitRejectsAnUnparsablePort(t *testing.T) {
	conn := udpListener(t)
	for _, port := range []string{"abc", "0", "70000", "-1", "+80", " "} {
		t.Setenv("GF_EVENTS_PORT", port)
		if err := Emit(EventVolumeCreate, nil); !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("GF_EVENTS_PORT=%s: %v, want ErrInvalidInput", port, err)
		}
	}
	if got := receive(t, conn, 100*time.Millisecond); got != "" {
		t.Fatalf("sent %q with a bad port", got)
	}
}

// assertDown checks that Emit reports a daemon that is down as ErrConnect, within 50 ms.
func assertDown(t *testing.T) {
	t.Helper()
	start := time.Now()
	err := Emit(EventVolumeCreate, map[string]string{"name": "gv1"})
	took := time.Since(start)
	t.Logf("Emit to a daemon that is down: %v after %v", err, took)
	if !errors.Is(err, ErrConnect) || Code(err) != CodeConnect {
		t.Fatalf("Emit = %v, want ErrConnect", err)
	}
	if took > 50*time.Millisecond {
		t.Fatalf("Emit took %v to see the daemon is down", took)
	}
	if errors.Is(err, ErrSend) || errors.Is(err, ErrInvalidInput) {
		t.Fatalf("%v is of more than one kind", err)
	}
}

func TestEmitReportsNothingOnTheUDPPortWithin50ms(t *testing.T) {
	t.Setenv("GF_EVENTS_SOCKET", filepath.Join(t.TempDir(), "no-such.sock"))
	t.Setenv("GF_EVENTS_PORT", strconv.Itoa(freeUDPPort(t)))
	assertDown(t)
	err := Emit(EventVolumeCreate, nil)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("the cause of %v is not ECONNREFUSED", err)
	}
}

func TestEmitReportsAStaleSocketFileWithin50ms(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.sock")
	// bound, then closed: the file stays, nobody receives
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_DGRAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		t.Fatal(err)
	}
	syscall.Close(fd)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the stale socket file is gone: %v", err)
	}
	t.Setenv("GF_EVENTS_SOCKET", path)
	t.Setenv("GF_EVENTS_PORT", strconv.Itoa(udpListenerPort(t)))
	assertDown(t) // and no fallback to the UDP port
}

func TestEmitReportsASocketPathThatIsNotASocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.sock")
	if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GF_EVENTS_SOCKET", path)
	t.Setenv("GF_EVENTS_PORT", strconv.Itoa(freeUDPPort(t)))
	assertDown(t)
}

// udpListenerPort is the port of a UDP listener that must receive nothing during the test.
func udpListenerPort(t *testing.T) int {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if got := receive(t, conn, 50*time.Millisecond); got != "" {
			t.Errorf("fell back to UDP and sent %q", got)
		}
		conn.Close()
	})
	return conn.LocalAddr().(*net.UDPAddr).Port
}

func TestEmitNeverBlocksOnAFullSocketQueue(t *testing.T) {
	conn := unixListener(t) // never read until the end
	var sendErr error
	for i := 0; i < 10000 && sendErr == nil; i++ {
		start := time.Now()
		sendErr = Emit(EventVolumeCreate, map[string]string{"name": "gv1"})
		if took := time.Since(start); took > 50*time.Millisecond {
			t.Fatalf("Emit %d took %v", i, took)
		}
	}
	if !errors.Is(sendErr, ErrSend) {
		t.Fatalf("a full queue gave %v, want ErrSend", sendErr)
	}
	t.Logf("once the queue is full: %v", sendErr)
	assertText(t, receive(t, conn, time.Second), EventVolumeCreate, "name=gv1")
}

func TestEventTypeNamesAndValidity(t *testing.T) {
	if got := EventVolumeCreate.String(); got != "EVENT_VOLUME_CREATE" {
		t.Fatalf("String() = %q", got)
	}
	if got := EventType(-1).String(); got != "EventType(-1)" {
		t.Fatalf("String() = %q", got)
	}
	if !EventPeerAttach.Valid() || !EventType(len(eventNames)-1).Valid() || EventType(len(eventNames)).Valid() || EventType(-1).Valid() {
		t.Fatal("Valid() is wrong at the ends of the range")
	}
	for _, s := range []string{"2", "EVENT_VOLUME_CREATE", "VOLUME_CREATE", "volume_create"} {
		if typ, ok := ParseEventType(s); !ok || typ != EventVolumeCreate {
			t.Fatalf("ParseEventType(%q) = %d, %v", s, typ, ok)
		}
	}
	for _, s := range []string{"", "-1", "142", "NO_SUCH", "EVENT_"} {
		if typ, ok := ParseEventType(s); ok {
			t.Fatalf("ParseEventType(%q) = %d, want not ok", s, typ)
		}
	}
}

func TestErrorsWrapTheirCause(t *testing.T) {
	cause := errors.New("boom")
	err := ErrSend.wrap(cause)
	if !errors.Is(err, ErrSend) || !errors.Is(err, cause) || errors.Is(err, ErrConnect) {
		t.Fatalf("errors.Is on %v", err)
	}
	if err.Error() != "gfevent: cannot send the event: boom" {
		t.Fatalf("Error() = %q", err.Error())
	}
	codes := map[*Error]int{ErrInvalidInput: 1, ErrSocket: 2, ErrConnect: 3, ErrSend: 4, ErrResolve: 5, ErrMsgFormat: 6}
	for e, code := range codes {
		if e.Code() != code || Code(e) != code {
			t.Fatalf("%v has code %d, want %d", e, e.Code(), code)
		}
	}
	if Code(nil) != CodeSendOK {
		t.Fatal("Code(nil) is not 0")
	}
}
