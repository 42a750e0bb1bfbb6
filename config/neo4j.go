package config

import (
	"fmt"

	"github.com/spf13/viper"
)

// Neo4j are the settings of a Neo4j store (a store: that is a neo4j:// or
// bolt:// URI), under `neo4j:` in ecoscope.yaml. The file gives them, and
// ECOSCOPE_NEO4J_USER, ECOSCOPE_NEO4J_PASSWORD, ECOSCOPE_NEO4J_DATABASE,
// ECOSCOPE_NEO4J_BATCH_SIZE and ECOSCOPE_NEO4J_TX_RECORDS override it. No
// flag gives them: a password on the command line is seen by every user
// of the machine (ps) and kept in shell histories.
type Neo4j struct {
	// User authenticates; "" sends no credentials.
	User string `mapstructure:"user"`
	// Password authenticates User. It is never printed: fmt shows it as
	// *** (see Secret).
	Password Secret `mapstructure:"password"`
	// Database is the database every session names.
	Database string `mapstructure:"database"`
	// BatchSize is the number of rows per UNWIND statement of an import
	// (and of `ecoscope export --format cypher`).
	BatchSize int `mapstructure:"batch_size"`
	// TxRecords is the number of records an import writes in one
	// transaction; a larger data set is written in several transactions,
	// every record stamped with the import's generation, and a failed
	// import removes its generation (docs/neo4j.md).
	TxRecords int `mapstructure:"tx_records"`
}

// The defaults of the neo4j: settings.
const (
	DefaultNeo4jUser      = "neo4j"
	DefaultNeo4jDatabase  = "neo4j"
	DefaultNeo4jBatchSize = 10000
	// DefaultNeo4jTxRecords: an import of up to this many records is one
	// transaction (about the largest that a Neo4j with a default heap
	// commits comfortably).
	DefaultNeo4jTxRecords = 100000
)

func neo4jDefaults(v *viper.Viper) {
	v.SetDefault("neo4j.user", DefaultNeo4jUser)
	v.SetDefault("neo4j.password", "")
	v.SetDefault("neo4j.database", DefaultNeo4jDatabase)
	v.SetDefault("neo4j.batch_size", DefaultNeo4jBatchSize)
	v.SetDefault("neo4j.tx_records", DefaultNeo4jTxRecords)
}

// Validate checks the neo4j settings. Its errors never hold the password.
func (n Neo4j) Validate() error {
	if n.BatchSize < 1 {
		return fmt.Errorf("neo4j.batch_size: %d is not a batch size; give the number of rows per statement, 1 or more (default %d)", n.BatchSize, DefaultNeo4jBatchSize)
	}
	if n.TxRecords < 1 {
		return fmt.Errorf("neo4j.tx_records: %d is not a number of records; give 1 or more (default %d)", n.TxRecords, DefaultNeo4jTxRecords)
	}
	return nil
}

// Secret is a text that fmt never shows: %v, %+v, %#v and %s print "***"
// when it is set and "" when not, so a Config printed whole, in a test
// failure or a debug line, holds no password. string(s) is the text.
type Secret string

// Format implements fmt.Formatter.
func (s Secret) Format(f fmt.State, verb rune) {
	if s != "" {
		fmt.Fprint(f, "***")
	}
}

// checkSecret refuses a password that the file gives as a list or a
// section: the decoder's error would quote it.
func checkSecret(v *viper.Viper, key string) error {
	switch v.Get(key).(type) {
	case nil, string, bool, int, int64, uint64, float64:
		return nil
	}
	return fmt.Errorf("%s: want a text, not a list or a section", key)
}
