package export_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/export"
)

// chromiumFlags start Debian's Chromium headless on a closed network:
// without the background-networking flags it tries, at every start, to
// reach hosts it cannot.
var chromiumFlags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"}

// chromium runs headless Chromium on the page with extra flags and
// returns what it printed on stdout.
func chromium(t *testing.T, bin, page string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append(append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir()), extra...)
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+page)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "chromium: %s", tail(errOut.String()))
	return out.Bytes()
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// TestHTMLRendersInChromium renders the Värmdö page in headless Chromium
// (Debian's chromium; .ci/run installs it) and checks the rendered
// document: a row for every person, a column for every duty date and a
// marked cell for every duty; and that the page paints, as a screenshot
// with ink on it.
func TestHTMLRendersInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (apt-get install chromium): the HTML page is not rendered")
	}
	p, s := varmdoRota(t)
	var page bytes.Buffer
	require.NoError(t, export.HTML(&page, p, s))
	path := filepath.Join(t.TempDir(), "rota.html")
	require.NoError(t, os.WriteFile(path, page.Bytes(), 0o644))

	dom := string(chromium(t, bin, path, "--dump-dom"))
	require.Equal(t, len(s.Dates), strings.Count(dom, `<th class="d">`), "a column per duty date")
	for _, st := range p.Staff {
		require.Contains(t, dom, `<td class="n">`+st.DisplayName()+`</td>`, "a row for %s", st.ID)
	}
	duties := 0
	for _, r := range s.Dates {
		duties += len(r.Staff)
	}
	require.Equal(t, duties, strings.Count(dom, `class="on"`), "a marked cell per duty")

	shot := filepath.Join(t.TempDir(), "rota.png")
	chromium(t, bin, path, "--screenshot="+shot, "--window-size=1600,1000")
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	inked := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0x8000 || g < 0x8000 || bl < 0x8000 {
				inked++
			}
		}
	}
	require.Positive(t, inked, "the screenshot is blank")
}
