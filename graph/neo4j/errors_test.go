package neo4j

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestExplain checks the message for each error of the driver, built here
// as the driver builds it.
func TestExplain(t *testing.T) {
	cfg := Config{URI: "neo4j://db.example:7687", User: "neo4j", Password: "s3cret-pw", Database: "eco"}.withDefaults()
	tlsCfg := cfg
	tlsCfg.URI = "neo4j+s://db.example:7687"
	for _, c := range []struct {
		name string
		cfg  Config
		err  error
		want []string
	}{
		{"wrong password", cfg, &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized", Msg: "The client is unauthorized due to authentication failure."},
			[]string{"user name or password is wrong", "neo4j.password", "ECOSCOPE_NEO4J_PASSWORD"}},
		{"rate limit", cfg, &neo4j.Neo4jError{Code: "Neo.ClientError.Security.AuthenticationRateLimit"}, []string{"too many failed logins"}},
		{"unknown database", cfg, &neo4j.Neo4jError{Code: "Neo.ClientError.Database.DatabaseNotFound", Msg: "Database does not exist. Database name: 'eco'."},
			[]string{`database "eco" does not exist`, "neo4j.database"}},
		{"unavailable database", cfg, &neo4j.Neo4jError{Code: "Neo.ClientError.Database.DatabaseUnavailable"}, []string{`database "eco" is unavailable`}},
		{"forbidden", cfg, &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Forbidden"}, []string{`user "neo4j" may not`}},
		{"refused", cfg, &neo4j.ConnectivityError{Inner: &net.OpError{Op: "dial", Net: "tcp", Err: &net.OpError{Err: syscall.ECONNREFUSED}}},
			[]string{"connection refused", "7687"}},
		{"unknown host", cfg, &neo4j.ConnectivityError{Inner: &net.OpError{Op: "dial", Err: &net.DNSError{Name: "db.example", Err: "no such host"}}},
			[]string{`unknown host "db.example"`}},
		// The routing error of a neo4j:// URI holds its cause as text only
		// (driver 5.28.4, as printed against a closed port and a bad name).
		{"refused, routing", cfg, &neo4j.ConnectivityError{Inner: errors.New("Unable to retrieve routing table from localhost:7474: dial tcp 127.0.0.1:7474: connect: connection refused")},
			[]string{"connection refused", "7687"}},
		{"unknown host, routing", cfg, &neo4j.ConnectivityError{Inner: errors.New("Unable to retrieve routing table from nosuchhost.invalid:7687: dial tcp: lookup nosuchhost.invalid on 10.255.255.53:53: no such host")},
			[]string{"unknown host", "host name"}},
		{"unreachable", cfg, &neo4j.ConnectivityError{Inner: &net.OpError{Op: "dial", Err: syscall.EHOSTUNREACH}}, []string{"host unreachable"}},
		{"timeout", cfg, fmt.Errorf("%w: %w", errNoAnswer, context.DeadlineExceeded), []string{"no answer within 10s", "neo4j+s://"}},
		{"timeout with TLS", tlsCfg, fmt.Errorf("%w: %w", errNoAnswer, context.DeadlineExceeded), []string{"no answer within 10s", "has no TLS", "bolt://"}},
		{"HTTP port", cfg, &neo4j.UsageError{Message: "server responded HTTP. Make sure you are not trying to connect to the http endpoint"},
			[]string{"HTTP port, not Bolt", "7687"}},
		{"not Bolt", cfg, &neo4j.UsageError{Message: "server responded with unsupported version 111.32"}, []string{"does not speak Bolt"}},
		{"no TLS on the server", tlsCfg, &neo4j.ConnectivityError{Inner: tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}},
			[]string{"does not speak TLS", "bolt://"}},
		{"closed during handshake", cfg, &neo4j.ConnectivityError{Inner: io.EOF}, []string{"closed the connection", "neo4j+s://"}},
		{"reset", cfg, &neo4j.ConnectivityError{Inner: syscall.ECONNRESET}, []string{"closed the connection"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := explain(c.cfg, c.err)
			var ce *ConnectError
			if !errors.As(err, &ce) {
				t.Fatalf("explain(%v) = %v, want a *ConnectError", c.err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.cfg.URI+": ") {
				t.Errorf("%q does not start with the URI", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "s3cret-pw") || strings.Contains(msg, "\n") {
				t.Errorf("%q: holds the password or a newline", msg)
			}
			if !errors.Is(err, c.err) {
				t.Errorf("the driver's error is not wrapped")
			}
		})
	}
	// An error it does not know is returned as it is.
	other := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}
	if err := explain(cfg, other); err != other {
		t.Errorf("explain(syntax error) = %v, want it unchanged", err)
	}
}

// openFails opens a store on uri and checks that it fails within the
// limit with a message holding every want.
func openFails(t *testing.T, uri string, timeout time.Duration, want ...string) {
	t.Helper()
	start := time.Now()
	s, err := Open(t.Context(), Config{URI: uri, User: "neo4j", Password: "s3cret-pw", ConnectTimeout: timeout})
	took := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%s) succeeded", uri)
	}
	msg := err.Error()
	t.Logf("after %v: %s", took.Round(time.Millisecond), msg)
	if took > 10*time.Second {
		t.Errorf("took %v, want at most 10 s", took)
	}
	if !strings.HasPrefix(msg, uri+": ") {
		t.Errorf("%q does not start with the URI", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%q lacks %q", msg, w)
		}
	}
	if strings.Contains(msg, "s3cret-pw") || strings.Contains(msg, "\n") {
		t.Errorf("%q holds the password or a newline", msg)
	}
}

// serve runs a TCP server that answers every connection with handle.
func serve(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				handle(c)
			}()
		}
	}()
	return ln.Addr().String()
}

// TestOpenFails connects to real sockets that are not a Neo4j server
// (none of them pretends to be one): each must fail within 10 s with the
// right message.
func TestOpenFails(t *testing.T) {
	if testing.Short() {
		t.Skip("opens sockets and waits for timeouts")
	}
	t.Parallel()
	t.Run("ClosedPort", func(t *testing.T) {
		t.Parallel()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		openFails(t, "bolt://"+addr, 10*time.Second, "connection refused")
	})
	t.Run("Garbage", func(t *testing.T) {
		t.Parallel()
		addr := serve(t, func(c net.Conn) {
			buf := make([]byte, 20)
			io.ReadFull(c, buf)
			c.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			time.Sleep(time.Second)
		})
		openFails(t, "bolt://"+addr, 10*time.Second, "does not speak Bolt")
	})
	t.Run("Silent", func(t *testing.T) {
		t.Parallel()
		addr := serve(t, func(c net.Conn) { time.Sleep(5 * time.Second) })
		openFails(t, "bolt://"+addr, 2*time.Second, "no answer within 2s")
	})
	t.Run("HTTP", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") }))
		t.Cleanup(srv.Close)
		openFails(t, "bolt://"+srv.Listener.Addr().String(), 10*time.Second, "HTTP port, not Bolt", "7687")
	})
	t.Run("HTTPS", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		t.Cleanup(srv.Close)
		openFails(t, "bolt+ssc://"+srv.Listener.Addr().String(), 10*time.Second, "HTTP port, not Bolt", "7687")
	})
	t.Run("TLSServerPlainClient", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		t.Cleanup(srv.Close)
		openFails(t, "bolt://"+srv.Listener.Addr().String(), 10*time.Second, "bolt+s://")
	})
	t.Run("PlainServerTLSClient", func(t *testing.T) {
		t.Parallel()
		// As Neo4j without TLS does: it reads the first 4 bytes, which are
		// not Bolt's magic but a TLS ClientHello, and hangs up.
		addr := serve(t, func(c net.Conn) {
			buf := make([]byte, 4)
			io.ReadFull(c, buf)
		})
		openFails(t, "bolt+s://"+addr, 10*time.Second, "closed the connection", "has no TLS", "bolt://")
	})
	t.Run("PlainServerAnswersTLSClient", func(t *testing.T) {
		t.Parallel()
		addr := serve(t, func(c net.Conn) {
			buf := make([]byte, 20)
			io.ReadFull(c, buf)
			c.Write([]byte("not a TLS record\n"))
			time.Sleep(time.Second)
		})
		openFails(t, "neo4j+s://"+addr, 10*time.Second, "does not speak TLS", "bolt://")
	})
	t.Run("SelfSignedCertificate", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		t.Cleanup(srv.Close)
		openFails(t, "bolt+s://"+srv.Listener.Addr().String(), 10*time.Second, "certificate is not trusted", "+ssc://")
	})
	t.Run("UnknownHost", func(t *testing.T) {
		t.Parallel()
		openFails(t, "bolt://no-such-host.invalid:7687", 10*time.Second, "no-such-host.invalid")
	})
}

func TestOpenRefusesBadURI(t *testing.T) {
	for _, uri := range []string{"http://localhost:7474", "neo4j://neo4j:pw@localhost", "neo4j://"} {
		s, err := Open(t.Context(), Config{URI: uri})
		if err == nil {
			s.Close()
			t.Errorf("Open(%s): no error", uri)
			continue
		}
		if strings.Contains(err.Error(), "pw@") {
			t.Errorf("Open(%s): %v shows the password", uri, err)
		}
	}
}
