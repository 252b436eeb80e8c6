package ingest

import (
	"bytes"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/parley-events/parley"
)

// feedStories reads an RSS 2.0, RSS 1.0 or Atom feed (or a JSON Feed):
// each item a story. The text is the item's content, else its
// description, else its title, with HTML removed; the source is the feed's
// title; the id is the item's guid. An item with nothing to read is
// rejected on its own; a file that is no feed is rejected whole.
func feedStories(name string, data []byte) (stories []*parley.Story, rejected []error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []error{parley.Errorf(parley.Invalid, name, "empty file")}
	}
	if i := binaryAt(data); i >= 0 {
		return nil, []error{parley.Errorf(parley.Invalid, pos(name, lineAt(data, i)), "binary data (byte 0x%02x at offset %d), not a feed", data[i], i)}
	}
	feed, err := parseFeed(data)
	if err != nil {
		return nil, []error{parley.Errorf(parley.Invalid, name, "not an RSS or Atom feed: %v", err)}
	}
	if len(feed.Items) == 0 {
		return nil, []error{parley.Errorf(parley.Invalid, name, "feed has no items")}
	}
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		op := name + "#" + itoa(i+1)
		s, err := feedStory(op, feed, it)
		if err != nil {
			rejected = append(rejected, err)
			continue
		}
		stories = append(stories, s)
	}
	return stories, rejected
}

// parseFeed runs gofeed, turning a panic on hostile input into an error.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, parley.Errorf(parley.Invalid, "", "feed parser failed (%v)", p)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

func feedStory(op string, feed *gofeed.Feed, it *gofeed.Item) (*parley.Story, error) {
	s := &parley.Story{
		Title:  collapseSpace(strings.TrimSpace(htmlToText(it.Title))),
		URL:    strings.TrimSpace(it.Link),
		Source: collapseSpace(strings.TrimSpace(feed.Title)),
		Origin: op,
	}
	var names []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			names = append(names, strings.TrimSpace(a.Name))
		}
	}
	s.Byline = strings.Join(names, ", ")
	switch {
	case it.PublishedParsed != nil:
		publishedFrom(s, *it.PublishedParsed, "metadata")
	case strings.TrimSpace(it.Published) != "":
		t, ok := ParsePublished(it.Published)
		if !ok {
			return nil, parley.Errorf(parley.Invalid, op, "unreadable date %q", it.Published)
		}
		publishedFrom(s, t, "metadata")
	case it.UpdatedParsed != nil:
		publishedFrom(s, *it.UpdatedParsed, "metadata")
	}
	if len(it.Categories) > 0 {
		setMeta(s, "tags", strings.Join(it.Categories, ", "))
	}
	text := strings.TrimSpace(htmlToText(it.Content))
	if text == "" {
		text = strings.TrimSpace(htmlToText(it.Description))
	}
	if text == "" {
		text = s.Title
	}
	if text == "" {
		return nil, parley.Errorf(parley.Invalid, op, "feed item has no title, description or content")
	}
	setBody(s, text)
	if s.Text == "" {
		return nil, parley.Errorf(parley.Invalid, op, "feed item has no text")
	}
	finish(s, strings.TrimSpace(it.GUID))
	return s, nil
}
