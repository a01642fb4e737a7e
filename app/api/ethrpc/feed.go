package ethrpc

import (
	"context"
	"sync"
	"time"
)

// headFeed watches the chain's head and hands every new block, in height
// order, to its listeners: the subscriptions and the filters. It polls
// Backend.Head, so it needs nothing from the node but the backend.
type headFeed struct {
	b        Backend
	interval time.Duration

	mu        sync.Mutex
	listeners map[uint64]func(*indexed)
	next      uint64
}

// maxCatchUp bounds the blocks one poll fetches for listeners after the
// service fell behind (a stalled backend): older ones are skipped.
const maxCatchUp = 64

func newHeadFeed(b Backend, interval time.Duration) *headFeed {
	return &headFeed{b: b, interval: interval, listeners: map[uint64]func(*indexed){}}
}

// listen registers fn for every new block until the returned cancel is
// called. fn runs on the feed's goroutine and must not block.
func (f *headFeed) listen(fn func(*indexed)) (cancel func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.next
	f.next++
	f.listeners[id] = fn
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		delete(f.listeners, id)
	}
}

func (f *headFeed) run(ctx context.Context) {
	t := time.NewTicker(f.interval)
	defer t.Stop()
	var last int64
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		head, err := f.b.Head(ctx)
		if err != nil || head <= last {
			continue
		}
		if last == 0 { // the blocks before the service started are not new
			last = head
			continue
		}
		from := max(last+1, head-maxCatchUp+1)
		for h := from; h <= head; h++ {
			b, err := f.b.BlockByNumber(ctx, h)
			if err != nil || b == nil {
				break // the next poll tries again
			}
			f.publish(index(b))
			last = h
		}
	}
}

func (f *headFeed) publish(x *indexed) {
	f.mu.Lock()
	fns := make([]func(*indexed), 0, len(f.listeners))
	for _, fn := range f.listeners {
		fns = append(fns, fn)
	}
	f.mu.Unlock()
	for _, fn := range fns {
		fn(x)
	}
}
