package types

import "encoding/binary"

// PageOf picks the page [lo, hi) of a list of n results that req asks for:
// from an offset, or from the 8-byte next key an earlier page returned, at
// most req.Limit (default and cap MaxPageLimit) results. The response holds
// the next key (none on the last page) and, if asked, the total.
func PageOf(n int, req *PageRequest, max int) (lo, hi int, page *PageResponse) {
	limit := max
	page = &PageResponse{}
	if req != nil {
		if len(req.Key) == 8 {
			lo = int(binary.BigEndian.Uint64(req.Key))
		} else {
			lo = int(req.Offset)
		}
		if req.Limit > 0 && req.Limit < uint64(max) {
			limit = int(req.Limit)
		}
		if req.CountTotal {
			page.Total = uint64(n)
		}
	}
	if lo < 0 || lo > n {
		lo = n
	}
	hi = lo + limit
	if hi < n {
		page.NextKey = binary.BigEndian.AppendUint64(nil, uint64(hi))
	} else {
		hi = n
	}
	return lo, hi, page
}
