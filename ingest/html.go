package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/parley-events/parley"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ReadHTML reads one story from a web page: the article body found by
// readability (navigation, comments and other clutter removed), the title,
// byline and site name, the canonical URL and the publication time from
// meta tags (article:published_time, og:*, itemprop=datePublished, <time>).
// Pages in another character set (<meta charset>) are decoded to UTF-8.
// Errors are *parley.Error of kind Invalid: binary data, an empty page, no
// article text, or an unreadable published time.
func ReadHTML(name string, r io.Reader) (*parley.Story, error) {
	data, err := readAllLimited(name, r)
	if err != nil {
		return nil, err
	}
	return parseHTMLStory(name, data)
}

func parseHTMLStory(name string, data []byte) (s *parley.Story, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, parley.Errorf(parley.Invalid, name, "empty file")
	}
	if i := binaryAt(data); i >= 0 {
		return nil, parley.Errorf(parley.Invalid, pos(name, lineAt(data, i)), "binary data (byte 0x%02x at offset %d), not HTML", data[i], i)
	}
	defer func() { // the HTML libraries are not ours: no input may crash parley
		if p := recover(); p != nil {
			s, err = nil, parley.Errorf(parley.Invalid, name, "unreadable HTML (%v)", p)
		}
	}()
	if !utf8.Valid(data) {
		enc, encName, _ := charset.DetermineEncoding(data, "text/html")
		if encName == "utf-8" || enc == nil {
			i := invalidUTF8At(data)
			return nil, parley.Errorf(parley.Invalid, pos(name, lineAt(data, i)), "invalid UTF-8 at offset %d and no other charset declared", i)
		}
		dec, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, parley.Errorf(parley.Invalid, name, "cannot decode %s: %v", encName, err)
		}
		data = dec
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, parley.Errorf(parley.Invalid, name, "unreadable HTML: %v", err)
	}
	meta := pageMeta(doc)
	art, err := readability.FromDocument(doc, nil)
	if err != nil || art.Node == nil {
		return nil, parley.Errorf(parley.Invalid, name, "no article text found in the page")
	}
	s = &parley.Story{Origin: pos(name, 1)}
	s.Title = collapseSpace(strings.TrimSpace(firstNonEmpty(meta.title, art.Title(), meta.h1)))
	s.Byline = collapseSpace(strings.TrimSpace(firstNonEmpty(art.Byline(), meta.author)))
	s.Source = strings.TrimSpace(firstNonEmpty(art.SiteName(), meta.site))
	s.URL = strings.TrimSpace(meta.url)
	if meta.published != "" {
		t, ok := ParsePublished(meta.published)
		if !ok {
			return nil, parley.Errorf(parley.Invalid, name, "unreadable published time %q in %s", meta.published, meta.publishedFrom)
		}
		publishedFrom(s, t, "metadata")
	} else if t, err := art.PublishedTime(); err == nil {
		publishedFrom(s, t, "metadata")
	}
	if meta.modified != "" {
		if t, ok := ParsePublished(meta.modified); ok {
			setMeta(s, "updated", t.Format(time.RFC3339))
		}
	}
	if art.Language() != "" {
		setMeta(s, "language", art.Language())
	}
	text := render.InnerText(art.Node)
	setBody(s, text)
	if s.Text == "" {
		return nil, parley.Errorf(parley.Invalid, name, "no article text found in the page")
	}
	// A title repeated as the body's first line is not body text.
	for _, t := range []string{s.Title, meta.h1} {
		if t != "" && strings.HasPrefix(s.Text, t+"\n") {
			s.Text = strings.TrimLeft(s.Text[len(t):], "\n")
			break
		}
	}
	finish(s, "")
	return s, nil
}

func firstNonEmpty(a ...string) string {
	for _, s := range a {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// htmlMeta is what a page's meta tags say about its story.
type htmlMeta struct {
	title, author, site, url string
	h1                       string // the first <h1>, a title of last resort
	published, publishedFrom string
	modified                 string
}

// publishedKeys are meta names for the publication time, best first.
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished", "publishdate", "publish-date",
	"pubdate", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
}

// pageMeta reads meta and link tags, and the first <time datetime>.
func pageMeta(doc *html.Node) htmlMeta {
	var m htmlMeta
	found := make(map[string]string)
	var timeAttr string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 200 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				if key != "" {
					if _, ok := found[key]; !ok {
						found[key] = strings.TrimSpace(attr(n, "content"))
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.url == "" {
					m.url = attr(n, "href")
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = collapseSpace(strings.TrimSpace(render.InnerText(n)))
				}
			case atom.Time:
				if timeAttr == "" {
					timeAttr = strings.TrimSpace(attr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	m.title = found["og:title"]
	m.site = found["og:site_name"]
	m.author = firstNonEmpty(found["author"], found["article:author"], found["byl"], found["sailthru.author"])
	if m.url == "" {
		m.url = found["og:url"]
	}
	for _, k := range publishedKeys {
		if v := found[k]; v != "" {
			m.published, m.publishedFrom = v, fmt.Sprintf("meta %s", k)
			break
		}
	}
	if m.published == "" && timeAttr != "" {
		if _, ok := ParsePublished(timeAttr); ok {
			m.published, m.publishedFrom = timeAttr, "<time datetime>"
		}
	}
	m.modified = firstNonEmpty(found["article:modified_time"], found["datemodified"], found["og:updated_time"])
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// htmlToText returns the text of an HTML fragment (a feed item's
// description): tags removed, entities decoded, block elements as line
// breaks.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return s
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
		root.AppendChild(n)
	}
	return render.InnerText(root)
}
