package neo4j

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Schemes are the URI schemes of a Neo4j store: neo4j (routing, for a
// cluster or Aura) and bolt (one server), each also with +s (TLS, the
// server's certificate checked) and +ssc (TLS, a self-signed certificate
// accepted).
var Schemes = []string{"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}

// IsURI reports whether s has the form of a URI (scheme://...) rather than
// of a file path. It says nothing about whether the scheme is one of
// Schemes: CheckURI does.
func IsURI(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for j, r := range s[:i] {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
			j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	return true
}

// CheckURI returns an error unless s is a URI with one of Schemes and a
// host. The error lists the schemes and never repeats a password that s
// may hold.
func CheckURI(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%s is not a valid URI; a Neo4j store is %s", Redact(s), schemeList())
	}
	if !slices.Contains(Schemes, strings.ToLower(u.Scheme)) {
		return fmt.Errorf("unknown store scheme %q in %s: a store is an SQLite file path or a Neo4j URI %s", u.Scheme, Redact(s), schemeList())
	}
	if u.Host == "" {
		return fmt.Errorf("%s names no host: a Neo4j URI is like neo4j://localhost:7687", Redact(s))
	}
	if u.User != nil {
		return fmt.Errorf("%s holds credentials: give the user and password in neo4j.user and neo4j.password (ecoscope.yaml) or ECOSCOPE_NEO4J_USER and ECOSCOPE_NEO4J_PASSWORD, never in the URI", Redact(s))
	}
	return nil
}

func schemeList() string {
	var b strings.Builder
	for i, s := range Schemes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s + "://")
	}
	return "(" + b.String() + ")"
}

// Redact returns s with the password of a user:password@ part replaced by
// "***", for messages; the rest of s is left as written.
func Redact(s string) string {
	scheme := strings.Index(s, "://")
	if scheme < 0 {
		return s
	}
	rest := s[scheme+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return s
	}
	user, _, hasPassword := strings.Cut(rest[:at], ":")
	if !hasPassword {
		return s
	}
	return s[:scheme+3] + user + ":***" + rest[at:]
}
