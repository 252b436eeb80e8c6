package actors

//go:generate go run ../internal/gen/actorgen -dir .
