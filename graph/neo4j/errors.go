package neo4j

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A ConnectError says why a Neo4j server could not be used and what to try,
// in one line that names the URI and never the password.
type ConnectError struct {
	URI    string // redacted
	Reason string
	Fix    string
	Err    error // what the driver said
}

func (e *ConnectError) Error() string {
	msg := fmt.Sprintf("%s: %s", e.URI, e.Reason)
	if e.Fix != "" {
		msg += "; " + e.Fix
	}
	return msg
}

func (e *ConnectError) Unwrap() error { return e.Err }

// errNoAnswer: the server did not answer within Config.ConnectTimeout;
// errHTTP: and it answered an HTTP request.
var (
	errNoAnswer = errors.New("no answer")
	errHTTP     = errors.New("an HTTP server answers")
)

// probeHTTP reports whether the server of uri answers an HTTP request
// within timeout (over TLS for a +s or +ssc uri): a Bolt client that
// connects to an HTTP port waits for an answer that never comes, as the
// HTTP server waits for the rest of a request.
func probeHTTP(uri string, timeout time.Duration) bool {
	u, err := url.Parse(uri)
	if err != nil {
		return false
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "7687")
	}
	d := &net.Dialer{Timeout: timeout}
	var c net.Conn
	if usesTLS(uri) {
		c, err = tls.DialWithDialer(d, "tcp", host, &tls.Config{InsecureSkipVerify: true}) // only to ask what the server is
	} else {
		c, err = d.Dial("tcp", host)
	}
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(timeout))
	if _, err := io.WriteString(c, "HEAD / HTTP/1.0\r\nHost: "+u.Hostname()+"\r\n\r\n"); err != nil {
		return false
	}
	buf := make([]byte, 5)
	_, err = io.ReadFull(c, buf)
	return err == nil && string(buf) == "HTTP/"
}

// explain turns an error of the driver into a *ConnectError where it knows
// the cause, and returns other errors as they are.
func explain(cfg Config, err error) error {
	if err == nil {
		return nil
	}
	var ce *ConnectError
	if errors.As(err, &ce) {
		return err
	}
	reason, fix := diagnose(cfg, err)
	if reason == "" {
		return err
	}
	return &ConnectError{URI: Redact(cfg.URI), Reason: reason, Fix: fix, Err: err}
}

// usesTLS reports whether uri asks for TLS (+s, +ssc).
func usesTLS(uri string) bool {
	scheme, _, _ := strings.Cut(uri, "://")
	return strings.HasSuffix(strings.ToLower(scheme), "+s") || strings.HasSuffix(strings.ToLower(scheme), "+ssc")
}

// deep returns err with the inner errors of the driver's
// ConnectivityErrors, which do not unwrap, joined to it so that errors.Is
// and errors.As find them.
func deep(err error) error {
	seen := map[*neo4j.ConnectivityError]bool{}
	for {
		var ce *neo4j.ConnectivityError
		if !errors.As(err, &ce) || seen[ce] || ce.Inner == nil {
			return err
		}
		seen[ce] = true
		err = errors.Join(err, ce.Inner)
	}
}

// diagnose returns the reason of err and the likely fix, or "" for an
// error it does not know.
func diagnose(cfg Config, err error) (reason, fix string) {
	tlsHint := "if the server requires TLS (Aura, or server.bolt.tls_level REQUIRED), use neo4j+s:// or bolt+s://"
	if usesTLS(cfg.URI) {
		tlsHint = "if the server has no TLS on Bolt, use neo4j:// or bolt://"
	}
	err = deep(err)
	var n4 *neo4j.Neo4jError
	if errors.As(err, &n4) {
		switch {
		case n4.Code == "Neo.ClientError.Security.Unauthorized":
			return "the user name or password is wrong", "check neo4j.user and neo4j.password in ecoscope.yaml or ECOSCOPE_NEO4J_USER and ECOSCOPE_NEO4J_PASSWORD"
		case n4.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return "too many failed logins", "wait a while, then check the user name and password"
		case n4.Code == "Neo.ClientError.Security.CredentialsExpired":
			return "the password has expired", "set a new one (cypher-shell, ALTER CURRENT USER SET PASSWORD) and give it in neo4j.password"
		case n4.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Sprintf("database %q does not exist", cfg.Database),
				"set neo4j.database (ECOSCOPE_NEO4J_DATABASE) to an existing database, or create it (CREATE DATABASE, Enterprise Edition); Community Edition has only \"neo4j\""
		case n4.Code == "Neo.ClientError.Security.Forbidden" || strings.HasPrefix(n4.Code, "Neo.ClientError.Security.AuthorizationExpired"):
			return fmt.Sprintf("user %q may not do this on database %q", cfg.User, cfg.Database), "grant it the rights to read and write (and create indexes and constraints)"
		case n4.Code == "Neo.ClientError.Database.DatabaseUnavailable" || n4.Code == "Neo.TransientError.General.DatabaseUnavailable":
			return fmt.Sprintf("database %q is unavailable", cfg.Database), "start it (START DATABASE) or wait until it is online"
		}
		return "", ""
	}
	var tok *neo4j.TokenExpiredError
	if errors.As(err, &tok) {
		return "the authentication token has expired", "log in again"
	}
	var dns *net.DNSError
	var rh tls.RecordHeaderError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var verify *tls.CertificateVerificationError
	msg := err.Error()
	switch {
	case errors.Is(err, errHTTP):
		return "this is an HTTP port, not Bolt", "use the Bolt port, 7687 by default (7474 is the Browser's)"
	case errors.Is(err, errNoAnswer):
		return fmt.Sprintf("no answer within %s", cfg.ConnectTimeout), "check the host and the port (Bolt listens on 7687), a firewall on the way, and " + tlsHint
	case errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(msg, "connect: connection refused"):
		// (A neo4j:// URI's routing error holds the cause as text only.)
		return "connection refused", "is Neo4j running and listening on that host and port (Bolt: 7687)?"
	case errors.As(err, &dns):
		return fmt.Sprintf("unknown host %q", dns.Name), "check the host name in the URI"
	case strings.Contains(msg, ": no such host"):
		return "unknown host", "check the host name in the URI"
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable", "check the host name or address and the network"
	case errors.As(err, &rh) || strings.Contains(msg, "first record does not look like a TLS handshake"):
		return "the server does not speak TLS", "use neo4j:// or bolt:// (without +s), or turn on TLS for Bolt on the server"
	case errors.As(err, &unknownCA) || errors.As(err, &verify) || strings.Contains(msg, "x509:") && !errors.As(err, &hostname):
		return "the server's TLS certificate is not trusted", "for a self-signed certificate use neo4j+ssc:// or bolt+ssc://, or add its CA to the system's trusted certificates"
	case errors.As(err, &hostname):
		return "the server's TLS certificate is for another host name", "connect with the host name the certificate names, or use neo4j+ssc:// / bolt+ssc://"
	case strings.Contains(msg, "server responded HTTP"):
		return "this is Neo4j's HTTP port, not Bolt", "use the Bolt port, 7687 by default (7474 is the Browser's)"
	case strings.Contains(msg, "unsupported version") || strings.Contains(msg, "did not accept any of the requested Bolt versions"):
		if usesTLS(cfg.URI) {
			return "the server did not answer as a Neo4j server with TLS", "check the port (Bolt: 7687); " + tlsHint
		}
		return "the server does not speak Bolt, Neo4j's protocol", "check the port (Bolt: 7687, not the Browser's 7474); " + tlsHint
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "EOF") || strings.Contains(msg, "broken pipe"):
		return "the server closed the connection", "check that it is Neo4j's Bolt port (7687); " + tlsHint
	case errors.As(err, new(*neo4j.ConnectivityError)):
		return "cannot connect", "check the URI, that the server is up, and " + tlsHint
	}
	return "", ""
}
