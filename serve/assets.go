package serve

import (
	"embed"
	"io/fs"
)

// web holds the page: index.html, its scripts (boot.js, map.js, i18n.js,
// app.js) and style.css, all our own (web/README.md).
//
//go:embed web
var web embed.FS

// Web returns the page's files, index.html at the root.
func Web() fs.FS {
	sub, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // the folder is embedded above
	}
	return sub
}
