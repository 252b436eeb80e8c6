package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// TestOpenAPIConformance validates the document with kin-openapi, then
// sends real requests and checks that each request and its response
// (success or error) match what the document says.
func TestOpenAPIConformance(t *testing.T) {
	s, cs, _ := newTestServer(t)
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapiJSON)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: "http://parley.test"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	ev := cs[0].Events[0]
	tests := []struct {
		method, path, ctype, body, auth string
	}{
		{"GET", "/api/v1/events?dyad=JPN-PRK&either=true&limit=2", "", "", ""},
		{"GET", "/api/v1/events?actor=PRK&from=2012&to=2012-12&quad=1&order=desc", "", "", ""},
		{"GET", "/api/v1/events?limit=0", "", "", ""},
		{"GET", "/api/v1/events/" + ev.ID, "", "", ""},
		{"GET", "/api/v1/events/missing", "", "", ""},
		{"GET", "/api/v1/stories/" + ev.StoryID, "", "", ""},
		{"GET", "/api/v1/series?dyad=JPN-PRK&by=month", "", "", ""},
		{"GET", "/api/v1/dyads?limit=3", "", "", ""},
		{"GET", "/api/v1/actors/PRK/partners", "", "", ""},
		{"POST", "/api/v1/code", "application/json", `{"text":"Japan met China.","date":"2014-01-02"}`, ""},
		{"POST", "/api/v1/code", "text/plain", "Japan met China.", ""},
		{"POST", "/api/v1/stories", "application/json", `{"text":"Japan met China."}`, ""},
		{"POST", "/api/v1/stories", "application/json", `{"text":"Japan met China."}`, "Bearer " + testToken},
		{"GET", "/api/v1/openapi.json", "", "", ""},
		{"GET", "/api/v1/forecast?dyad=JPN-PRK&either=true&by=month&periods=3", "", "", ""},
		{"GET", "/api/v1/forecast?dyad=GBR-IRL", "", "", ""},
		{"GET", "/api/v1/forecast?dyad=JPN-PRK&periods=0", "", "", ""},
		{"GET", "/api/v1/alerts?by=month&band=80&spike=0.2", "", "", ""},
		{"GET", "/api/v1/alerts?band=90", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "http://parley.test"+tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("no route in openapi.json: %v", err)
			}
			rin := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
			reqErr := openapi3filter.ValidateRequest(ctx, rin)
			req.Body = io.NopCloser(strings.NewReader(tc.body))
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if reqErr != nil && w.Code < 400 {
				t.Errorf("the document rejects a request the server accepts (%d): %v", w.Code, reqErr)
			}
			res := &openapi3filter.ResponseValidationInput{RequestValidationInput: rin, Status: w.Code, Header: w.Header(),
				Body: io.NopCloser(bytes.NewReader(w.Body.Bytes())), Options: &openapi3filter.Options{IncludeResponseStatus: true}}
			if err := openapi3filter.ValidateResponse(ctx, res); err != nil {
				t.Errorf("response %d does not match the document: %v\n%.300s", w.Code, err, w.Body)
			}
			if w.Code == http.StatusInternalServerError {
				t.Errorf("internal error: %s", w.Body)
			}
		})
	}
}
