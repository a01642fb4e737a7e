package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

const dpi = 100

// options shape the figure.
type options struct {
	width, height int  // pixels
	logLatency    bool // log scale on the latency axis
}

var (
	appColor = map[string]color.Color{
		appStakeChain: color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
		appKVStore:    color.RGBA{R: 0xd6, G: 0x5f, B: 0x00, A: 0xff},
	}
	referenceColor = color.Gray{Y: 0x80}
	dashed         = []vg.Length{vg.Points(6), vg.Points(3)}
)

// render draws the two panels side by side under a heading and writes the
// PNG to w. It returns warnings about data it left out.
func render(sw *sweep, opt options, w io.Writer) ([]string, error) {
	if opt.width <= 0 || opt.height <= 0 {
		return nil, fmt.Errorf("bad image size %dx%d", opt.width, opt.height)
	}
	setup, warnings := sw.setup()
	apps := []string{appStakeChain}
	if sw.hasKVStore() {
		apps = append(apps, appKVStore)
	}

	xmax := sw.xmax(apps)
	tput, err := throughputPanel(sw, apps, xmax)
	if err != nil {
		return warnings, err
	}
	lat, dropped, err := latencyPanel(sw, apps, xmax, opt.logLatency)
	if err != nil {
		return warnings, err
	}
	warnings = append(warnings, dropped...)

	img := image.NewRGBA(image.Rect(0, 0, opt.width, opt.height))
	cv := vgimg.NewWith(vgimg.UseImage(img), vgimg.UseDPI(dpi))
	dc := draw.New(cv)

	heading := text.Style{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, 13),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
	sub := heading
	sub.Font = font.From(plot.DefaultFont, 10)
	sub.Color = color.Gray{Y: 0x40}

	pad := vg.Points(8)
	top := dc.Max.Y - pad
	dc.FillText(heading, vg.Point{X: dc.Center().X, Y: top}, sw.title())
	top -= heading.Height(sw.title()) + vg.Points(3)
	dc.FillText(sub, vg.Point{X: dc.Center().X, Y: top}, setup)
	top -= sub.Height(setup) + pad

	body := draw.Crop(dc, 0, 0, 0, top-dc.Max.Y)
	tiles := draw.Tiles{
		Rows: 1, Cols: 2,
		PadTop: vg.Points(4), PadBottom: pad, PadLeft: pad, PadRight: pad,
		PadX: vg.Points(24),
	}
	panels := plot.Align([][]*plot.Plot{{tput, lat}}, tiles, body)
	tput.Draw(panels[0][0])
	lat.Draw(panels[0][1])

	return warnings, png.Encode(w, cv.Image())
}

// xmax is the right end of both panels' offered-load axis: past the highest
// offered rate and the saturation runs' committed rates, where they are drawn.
func (sw *sweep) xmax(apps []string) float64 {
	top := 0.0
	for _, r := range sw.runs {
		top = math.Max(top, r.rate)
		for _, a := range apps {
			if res := r.app(a); res != nil {
				top = math.Max(top, res.CommittedTPS)
			}
		}
	}
	if top == 0 {
		top = 1
	}
	return top * 1.05
}

func newPanel(title, ylabel string, xmax float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = "offered load (tx/s)"
	p.Y.Label.Text = ylabel
	p.X.Min, p.X.Max, p.Y.Min = 0, xmax, 0
	p.X.Tick.Marker = plainTicks{plot.DefaultTicks{}}
	p.Y.Tick.Marker = plainTicks{plot.DefaultTicks{}}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(6), -vg.Points(4)
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.ThumbnailWidth = vg.Points(28)
	p.Add(plotter.NewGrid())
	return p
}

// throughputPanel: committed tx/s against offered tx/s, with y = x as the
// offered load. A run offered as fast as accepted (rate 0) has no offered rate
// of its own, so it is drawn as a separate marker at x = its committed rate.
func throughputPanel(sw *sweep, apps []string, xmax float64) (*plot.Plot, error) {
	p := newPanel("Committed throughput", "committed (tx/s)", xmax)
	p.Y.Max = xmax

	ref, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: xmax, Y: xmax}})
	if err != nil {
		return nil, err
	}
	ref.Color, ref.Dashes, ref.Width = referenceColor, dashed, vg.Points(1)
	p.Add(ref)
	p.Legend.Add("offered (y = x)", ref)

	var markers []plot.Plotter // drawn last, over the lines
	for _, a := range apps {
		var xys plotter.XYs
		for _, r := range sw.fixed() {
			if res := r.app(a); res != nil {
				xys = append(xys, plotter.XY{X: r.rate, Y: res.CommittedTPS})
			}
		}
		if len(xys) > 0 {
			l, s, err := plotter.NewLinePoints(xys)
			if err != nil {
				return nil, err
			}
			styleLine(l, s, a, nil, draw.CircleGlyph{})
			p.Add(l, s)
			p.Legend.Add(a, l, s)
		}
		if r, ok := sw.saturated(); ok {
			if res := r.app(a); res != nil {
				s, err := saturationMarker(a, plotter.XYs{{X: res.CommittedTPS, Y: res.CommittedTPS}})
				if err != nil {
					return nil, err
				}
				markers = append(markers, s)
				p.Legend.Add(a+", rate 0 (as fast as accepted), at x = committed", s)
			}
		}
	}
	p.Add(markers...)
	return p, nil
}

// latencyPanel: p50 and p99 submit-to-commit latency against offered tx/s.
func latencyPanel(sw *sweep, apps []string, xmax float64, logScale bool) (*plot.Plot, []string, error) {
	p := newPanel("Submit-to-commit latency", "latency (ms)", xmax)
	var warnings []string
	if logScale {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		p.Y.Label.Text = "latency (ms, log scale)"
		p.Y.Min = math.Inf(1)
	}
	keep := func(r rateRun, what string, v float64) bool {
		if logScale && v <= 0 {
			warnings = append(warnings, fmt.Sprintf("%s: %s %v ms left out of the log-scale plot", r.path, what, v))
			return false
		}
		return true
	}

	type quantile struct {
		name   string
		value  func(*appResult) float64
		dashes []vg.Length
		glyph  draw.GlyphDrawer
	}
	quantiles := []quantile{
		{"p50", func(a *appResult) float64 { return a.P50Ms }, nil, draw.CircleGlyph{}},
		{"p99", func(a *appResult) float64 { return a.P99Ms }, dashed, draw.TriangleGlyph{}},
	}
	var markers []plot.Plotter // drawn last, over the lines
	for _, a := range apps {
		for _, q := range quantiles {
			var xys plotter.XYs
			for _, r := range sw.fixed() {
				if res := r.app(a); res != nil && keep(r, a+" "+q.name, q.value(res)) {
					xys = append(xys, plotter.XY{X: r.rate, Y: q.value(res)})
				}
			}
			if len(xys) == 0 {
				continue
			}
			l, s, err := plotter.NewLinePoints(xys)
			if err != nil {
				return nil, nil, err
			}
			styleLine(l, s, a, q.dashes, q.glyph)
			p.Add(l, s)
			p.Legend.Add(a+" "+q.name, l, s)
		}
		if r, ok := sw.saturated(); ok {
			if res := r.app(a); res != nil {
				var xys plotter.XYs
				for _, q := range quantiles {
					if keep(r, a+" "+q.name, q.value(res)) {
						xys = append(xys, plotter.XY{X: res.CommittedTPS, Y: q.value(res)})
					}
				}
				if len(xys) > 0 {
					s, err := saturationMarker(a, xys)
					if err != nil {
						return nil, nil, err
					}
					markers = append(markers, s)
					p.Legend.Add(a+", rate 0: p50 and p99 at x = committed", s)
				}
			}
		}
	}
	p.Add(markers...)
	if logScale && math.IsInf(p.Y.Min, 1) {
		p.Y.Min, p.Y.Max = 1, 10 // nothing positive to plot
	}
	// Headroom above the data for the legend, which sits top left.
	if logScale {
		p.Y.Max *= math.Pow(p.Y.Max/p.Y.Min, 0.4)
	} else {
		p.Y.Max *= 1.4
	}
	return p, warnings, nil
}

// plainTicks labels ticks without trailing zeros (2500, not 2500.00).
type plainTicks struct{ plot.Ticker }

func (t plainTicks) Ticks(min, max float64) []plot.Tick {
	ticks := t.Ticker.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', 10, 64)
		}
	}
	return ticks
}

func styleLine(l *plotter.Line, s *plotter.Scatter, app string, dashes []vg.Length, glyph draw.GlyphDrawer) {
	c := appColor[app]
	l.Color, l.Width, l.Dashes = c, vg.Points(1.5), dashes
	s.Color, s.Shape, s.Radius = c, glyph, vg.Points(3)
}

func saturationMarker(app string, xys plotter.XYs) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.Color, s.Shape, s.Radius = appColor[app], heavyCross{}, vg.Points(5)
	return s, nil
}

// heavyCross is an X drawn with a heavier stroke than draw.CrossGlyph, so the
// saturation markers stand out from the sweep's points.
type heavyCross struct{}

func (heavyCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(2)})
	r := sty.Radius * math.Sqrt2 / 2
	var p vg.Path
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	c.Stroke(p)
}
