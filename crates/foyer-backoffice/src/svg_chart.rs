//! Bar charts for the console's reports as self-contained SVG: no script,
//! no external style or font, so a page can inline one and a strict
//! Content-Security-Policy still holds. Screen readers get the title and a
//! short description of the data; every bar has a tooltip with its value.
//! Every piece of text is XML-escaped: labels are host and visitor names.

use std::fmt::Write;

/// XML text and attributes need the same five characters escaped as HTML:
/// askama's HTML escaper does it (no escaper of our own to get wrong).
fn escape(s: &str) -> String {
    askama::filters::escape(s, askama::filters::Html).map(|e| e.to_string()).unwrap_or_default()
}

/// Room for the title above the plot, tick labels left of and below it.
const TOP: f64 = 32.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const BOTTOM: f64 = 36.0;
/// The least room one x label needs; denser labels are thinned.
const LABEL_WIDTH: f64 = 64.0;
/// Up to this many bars, the description lists every value.
const LISTED: usize = 31;

/// A bar chart of `bars` (label, value), `width` × `height` pixels.
pub fn bar_chart(title: &str, bars: &[(String, u64)], width: u32, height: u32) -> String {
    let plot = Plot::new(width, height);
    let title = escape(title);
    let mut svg = String::with_capacity(512 + bars.len() * 160);
    let (w, h) = (plot.width + LEFT + RIGHT, plot.height + TOP + BOTTOM);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{title}" font-family="sans-serif" font-size="11"><title>{title}</title><desc>{}</desc>"#,
        escape(&describe(bars))
    );
    let _ = write!(svg, r#"<text x="{}" y="20" text-anchor="middle" font-size="14">{title}</text>"#, w / 2.0);
    let top_value = y_axis(&mut svg, &plot, bars.iter().map(|b| b.1).max().unwrap_or(0));
    if bars.is_empty() {
        let (x, y) = (LEFT + plot.width / 2.0, TOP + plot.height / 2.0);
        let _ = write!(svg, r#"<text x="{x:.1}" y="{y:.1}" text-anchor="middle">No data</text>"#);
    }
    draw_bars(&mut svg, &plot, bars, top_value);
    svg.push_str("</svg>");
    svg
}

/// The plotting area inside the margins.
struct Plot {
    width: f64,
    height: f64,
}

impl Plot {
    fn new(width: u32, height: u32) -> Self {
        // Too small a size would leave no room to plot in.
        Self { width: f64::from(width.max(120)) - LEFT - RIGHT, height: f64::from(height.max(100)) - TOP - BOTTOM }
    }

    /// The y coordinate of `value` on a scale topping at `top_value`.
    fn y(&self, value: u64, top_value: f64) -> f64 {
        TOP + self.height - self.height * value as f64 / top_value
    }
}

/// Draws the grid lines with their values and the axes; returns the value
/// at the top of the scale.
fn y_axis(svg: &mut String, plot: &Plot, max: u64) -> f64 {
    let (step, ticks) = scale(max);
    let top_value = (step * ticks) as f64;
    let right = LEFT + plot.width;
    for value in (0..=ticks).map(|t| t * step) {
        let y = plot.y(value, top_value);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{right:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{value}</text>"##,
            LEFT - 6.0,
            y + 4.0,
        );
    }
    let _ = write!(svg, r##"<path d="M{LEFT} {TOP}V{:.1}H{right:.1}" fill="none" stroke="#333"/>"##, TOP + plot.height);
    top_value
}

/// Draws one bar per value, each with a tooltip, and the labels that fit.
fn draw_bars(svg: &mut String, plot: &Plot, bars: &[(String, u64)], top_value: f64) {
    let slot = plot.width / bars.len().max(1) as f64;
    let every = (LABEL_WIDTH / slot).ceil().max(1.0) as usize;
    let baseline = TOP + plot.height;
    for (i, (label, value)) in bars.iter().enumerate() {
        let (x, y) = (LEFT + slot * i as f64, plot.y(*value, top_value));
        let label = escape(label);
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#3b6ea8"><title>{label}: {value}</title></rect>"##,
            x + slot * 0.1,
            slot * 0.8,
            baseline - y
        );
        if i % every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{label}</text>"#,
                x + slot / 2.0,
                baseline + 16.0
            );
        }
    }
}

/// The y axis: a round step (1, 2 or 5 × 10ⁿ) and how many steps reach
/// `max`, at least one so an empty or all-zero chart still has a scale.
fn scale(max: u64) -> (u64, u64) {
    let (mut step, mut nth) = (1u64, 0);
    while step.saturating_mul(4) < max {
        // 1 → 2 → 5 → 10 → 20 → 50 …
        step = if nth % 3 == 1 { step / 2 * 5 } else { step * 2 };
        nth += 1;
    }
    (step, max.div_ceil(step).max(1))
}

/// What a screen reader says after the title.
fn describe(bars: &[(String, u64)]) -> String {
    match bars.iter().max_by_key(|b| b.1) {
        None => "No data.".to_owned(),
        Some(_) if bars.len() <= LISTED => {
            bars.iter().map(|(label, value)| format!("{label}: {value}")).collect::<Vec<_>>().join("; ")
        }
        Some((label, value)) => format!(
            "{} bars from {} to {}; the highest is {label} with {value}.",
            bars.len(),
            bars[0].0,
            bars[bars.len() - 1].0
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[u64]) -> Vec<(String, u64)> {
        values.iter().enumerate().map(|(i, v)| (format!("day {i}"), *v)).collect()
    }

    fn well_formed(svg: &str) {
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#) && svg.contains("aria-label="));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }

    #[test]
    fn labels_and_the_title_are_escaped() {
        let svg = bar_chart("Hosts <b>&</b>", &[(r#"<script>&""#.to_owned(), 3)], 400, 200);
        well_formed(&svg);
        // Numeric character references (askama's form) are valid XML.
        assert!(svg.contains("&#60;script&#62;&#38;&#34;"), "{svg}");
        assert!(svg.contains(r#"aria-label="Hosts &#60;b&#62;&#38;&#60;/b&#62;""#), "{svg}");
        assert!(!svg.contains("<script") && !svg.contains("<b>"));
    }

    #[test]
    fn empty_single_and_all_zero_charts_draw_without_dividing_by_zero() {
        let empty = bar_chart("Visits", &[], 400, 200);
        well_formed(&empty);
        assert!(empty.contains("No data"));
        for data in [bars(&[7]), bars(&[0, 0, 0])] {
            let svg = bar_chart("Visits", &data, 400, 200);
            well_formed(&svg);
            assert_eq!(svg.matches("<rect").count(), data.len());
        }
    }

    #[test]
    fn the_axis_rounds_up_to_a_round_step() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(4), (1, 4));
        assert_eq!(scale(7), (2, 4));
        assert_eq!(scale(1_234), (500, 3));
    }

    #[test]
    fn a_year_of_days_keeps_every_bar_but_thins_the_labels() {
        let svg = bar_chart("Visits per day", &bars(&[5; 366]), 800, 300);
        assert_eq!(svg.matches("<rect").count(), 366);
        assert!(svg.matches(r#"text-anchor="middle">day"#).count() < 15);
        assert!(svg.contains("366 bars from day 0 to day 365"));
    }
}
