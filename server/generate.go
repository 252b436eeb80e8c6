package server

// The dashboard's JavaScript bundle is built from ../web into
// static/dist (embedded by go:embed) with Node.js and npm:
//
//go:generate sh -c "cd ../web && npm ci --no-audit --no-fund && npm run build"
