//! Charts drawn on the server as inline SVG: no JavaScript, nothing fetched, printable.
//!
//! Every chart is an `<svg role="img">` named by its `<title>` and described by its
//! `<desc>` (which says what the page's table beside it holds), so a screen reader gets
//! the point and the table the numbers. Series differ in fill *pattern* as well as
//! colour (solid, hatched, cross-hatched, outlined), and each colour has at least 3:1
//! contrast with the white background (WCAG 1.4.11); the legend names each pattern.
//! Drawing uses presentation attributes only: the pages' CSP allows no inline style.

use std::fmt::Write;

/// How a series is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Dark blue, solid.
    Solid,
    /// Brown diagonal hatching with an outline.
    Hatched,
    /// Red cross-hatching with an outline.
    Crossed,
    /// Green, solid with white dots.
    Dotted,
}

const BLUE: &str = "#12355b";
const BROWN: &str = "#8a4500";
const RED: &str = "#b3261e";
const GREEN: &str = "#0b6b3a";
const TEXT: &str = "#1b1b1b";
const GRID: &str = "#6f777b";

impl Fill {
    fn colour(self) -> &'static str {
        match self {
            Fill::Solid => BLUE,
            Fill::Hatched => BROWN,
            Fill::Crossed => RED,
            Fill::Dotted => GREEN,
        }
    }

    /// The `fill` attribute for a chart whose patterns are prefixed `id`.
    fn paint(self, id: &str) -> String {
        match self {
            Fill::Solid => BLUE.to_string(),
            Fill::Hatched => format!("url(#{id}-hatch)"),
            Fill::Crossed => format!("url(#{id}-cross)"),
            Fill::Dotted => format!("url(#{id}-dots)"),
        }
    }
}

/// One series of a chart: its legend label, one value per category, and its fill.
pub struct Series<'a> {
    pub label: &'a str,
    pub values: Vec<i64>,
    pub fill: Fill,
}

/// Text for SVG (XML) content and attributes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The smallest 1, 2 or 5 x 10^k at or above `max` (at least 1): the axis' top.
fn nice_top(max: i64) -> i64 {
    if max <= 1 {
        return 1;
    }
    let mut step = 1i64;
    loop {
        for m in [1i64, 2, 5] {
            let top = step.saturating_mul(m);
            if top >= max {
                return top;
            }
        }
        if step > i64::MAX / 10 {
            return i64::MAX;
        }
        step *= 10;
    }
}

/// A short number for an axis or a bar: 1234 -> "1,234", 1_500_000 -> "1.5M".
pub fn short_number(n: i64) -> String {
    if n.abs() >= 1_000_000 {
        let m = n as f64 / 1_000_000.0;
        let text = format!("{m:.1}");
        return format!("{}M", text.trim_end_matches(".0"));
    }
    grouped(n)
}

/// An integer with thousands separators: 1234567 -> "1,234,567".
pub fn grouped(n: i64) -> String {
    crate::i18n::grouped(crate::i18n::current(), n)
}

fn open(out: &mut String, id: &str, title: &str, desc: &str, width: i64, height: i64) {
    let _ = write!(
        out,
        r#"<svg class="chart-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
    let _ = write!(
        out,
        r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="{BROWN}"/></pattern><pattern id="{id}-cross" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#fff"/><path d="M0 0L8 8M8 0L0 8" stroke="{RED}" stroke-width="2"/></pattern><pattern id="{id}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{GREEN}"/><circle cx="3" cy="3" r="1.2" fill="#fff"/></pattern></defs>"##
    );
}

fn rect(out: &mut String, id: &str, fill: Fill, x: f64, y: f64, w: f64, h: f64) {
    if h <= 0.0 || w <= 0.0 {
        return;
    }
    let _ = write!(
        out,
        r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{}" stroke="{}" stroke-width="1"/>"#,
        fill.paint(id),
        fill.colour()
    );
}

/// The legend in one row at the top: a swatch and a label per series.
fn legend(out: &mut String, id: &str, series: &[Series], width: i64) {
    let mut x = 0.0f64;
    let mut y = 4.0f64;
    for s in series {
        let room = 24.0 + s.label.chars().count() as f64 * 7.2;
        if x > 0.0 && x + room > width as f64 {
            x = 0.0;
            y += 20.0;
        }
        rect(out, id, s.fill, x, y, 14.0, 14.0);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" fill="{TEXT}">{}</text>"#,
            x + 19.0,
            y + 12.0,
            esc(s.label)
        );
        x += room + 12.0;
    }
}

/// The height the legend takes.
fn legend_height(series: &[Series], width: i64) -> f64 {
    let mut x = 0.0f64;
    let mut rows = 1.0;
    for s in series {
        let room = 24.0 + s.label.chars().count() as f64 * 7.2;
        if x > 0.0 && x + room > width as f64 {
            x = 0.0;
            rows += 1.0;
        }
        x += room + 12.0;
    }
    rows * 20.0 + 8.0
}

/// Columns over periods (`YYYY-MM`), one column per period: the series stacked, or side
/// by side when `stacked` is false. Months are labelled by number, with the year under
/// the first column and each January.
pub fn columns(
    id: &str,
    title: &str,
    desc: &str,
    periods: &[String],
    series: &[Series],
    stacked: bool,
) -> String {
    const WIDTH: i64 = 480;
    let top_pad = legend_height(series, WIDTH);
    let plot_h = 150.0;
    let height = (top_pad + plot_h + 40.0).ceil() as i64;
    let left = 44.0;
    let plot_w = WIDTH as f64 - left - 4.0;
    let n = periods.len().max(1) as f64;
    let max = if stacked {
        (0..periods.len())
            .map(|i| {
                series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0).max(0))
                    .fold(0i64, i64::saturating_add)
            })
            .max()
            .unwrap_or(0)
    } else {
        series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .max()
            .unwrap_or(0)
    };
    let top = nice_top(max);
    let scale = plot_h / top as f64;
    let base = top_pad + plot_h;
    let mut out = String::with_capacity(4096);
    open(&mut out, id, title, desc, WIDTH, height);
    legend(&mut out, id, series, WIDTH);
    for tick in [0, top / 2, top] {
        let y = base - tick as f64 * scale;
        let _ = write!(
            out,
            r#"<line x1="{left}" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}" stroke="{GRID}" stroke-width="{}"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="{TEXT}">{}</text>"#,
            if tick == 0 { 1.5 } else { 0.5 },
            left - 4.0,
            y + 4.0,
            short_number(tick)
        );
    }
    let slot = plot_w / n;
    let gap = (slot * 0.2).min(8.0);
    for (i, period) in periods.iter().enumerate() {
        let x0 = left + i as f64 * slot + gap / 2.0;
        let w = slot - gap;
        if stacked {
            let mut y = base;
            for s in series {
                let v = s.values.get(i).copied().unwrap_or(0).max(0);
                let h = v as f64 * scale;
                rect(&mut out, id, s.fill, x0, y - h, w, h);
                y -= h;
            }
        } else {
            let each = w / series.len().max(1) as f64;
            for (k, s) in series.iter().enumerate() {
                let v = s.values.get(i).copied().unwrap_or(0).max(0);
                let h = v as f64 * scale;
                rect(
                    &mut out,
                    id,
                    s.fill,
                    x0 + k as f64 * each,
                    base - h,
                    each,
                    h,
                );
            }
        }
        let month = period.get(5..7).unwrap_or(period);
        let cx = x0 + w / 2.0;
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{TEXT}">{}</text>"#,
            base + 15.0,
            esc(month)
        );
        if i == 0 || month == "01" {
            let _ = write!(
                out,
                r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{TEXT}">{}</text>"#,
                base + 31.0,
                esc(period.get(0..4).unwrap_or(""))
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars, one per (label, value), in the order given, each with its value.
pub fn bars(id: &str, title: &str, desc: &str, rows: &[(String, i64)], fill: Fill) -> String {
    const WIDTH: i64 = 480;
    let row_h = 26.0;
    let label_w = 170.0;
    let height = (rows.len().max(1) as f64 * row_h + 8.0).ceil() as i64;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let plot_w = WIDTH as f64 - label_w - 70.0;
    let mut out = String::with_capacity(2048);
    open(&mut out, id, title, desc, WIDTH, height);
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 4.0 + i as f64 * row_h;
        let shown: String = if label.chars().count() > 24 {
            let cut: String = label.chars().take(23).collect();
            format!("{cut}…")
        } else {
            label.clone()
        };
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="{TEXT}">{}</text>"#,
            label_w - 6.0,
            y + 15.0,
            esc(&shown)
        );
        let w = (*value).max(0) as f64 / max as f64 * plot_w;
        rect(&mut out, id, fill, label_w, y + 2.0, w, row_h - 8.0);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" fill="{TEXT}">{}</text>"#,
            label_w + w + 5.0,
            y + 15.0,
            short_number(*value)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(-1234), "-1,234");
        assert_eq!(short_number(1_500_000), "1.5M");
        assert_eq!(short_number(2_000_000), "2M");
        assert_eq!(nice_top(0), 1);
        assert_eq!(nice_top(7), 10);
        assert_eq!(nice_top(11), 20);
        assert_eq!(nice_top(41), 50);
        assert_eq!(nice_top(i64::MAX), i64::MAX);
    }

    #[test]
    fn a_chart_is_named_described_and_escaped() {
        let svg = columns(
            "c1",
            "Outcomes <by> month",
            "Figures & more",
            &["2026-01".into(), "2026-02".into()],
            &[
                Series {
                    label: "Confirmed",
                    values: vec![3, 4],
                    fill: Fill::Solid,
                },
                Series {
                    label: "Provisional",
                    values: vec![1, 0],
                    fill: Fill::Hatched,
                },
            ],
            true,
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"role="img" aria-labelledby="c1-title c1-desc""#));
        assert!(svg.contains("<title id=\"c1-title\">Outcomes &lt;by&gt; month</title>"));
        assert!(svg.contains("Figures &amp; more"));
        assert!(svg.contains("url(#c1-hatch)"), "provisional is hatched");
        assert!(!svg.contains("style="), "no inline style under the CSP");
        let bars = bars(
            "b1",
            "Top",
            "d",
            &[("<script>".into(), 5), ("B".into(), 0)],
            Fill::Solid,
        );
        assert!(!bars.contains("<script>"));
        assert!(bars.contains("&lt;script&gt;"));
    }
}
