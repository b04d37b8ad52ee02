//! Figure 2 (Section 3.4): the maxmin mechanism for N = 2, v ~ U[0, 1], c = 0 on
//! message profiles (m_1, m_2) in [0, 5]^2: bidder 1's allocation bar q_1(m) and
//! transfer bar t_1(m), as heat maps with colour bars.

use maxmin_grading::solve;
use maxmin_mechanism::Mechanism;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::Result;
use crate::figure1::uniform_prior;
use crate::number::round;
use crate::plot::{self, AXIS_SIZE, FONT, LABEL_SIZE, TITLE_SIZE};
use crate::table::Table;

/// The number of bidders.
pub const BIDDERS: u64 = 2;
/// The largest message plotted.
pub const M_MAX: f64 = 5.0;
/// Grid points per axis (spacing 5/50 = 0.1).
pub const GRID: usize = 51;

/// The data behind Figure 2, every number rounded as the CSV writes it.
pub struct Figure2 {
    /// One point per message profile, m_2 varying fastest.
    pub points: Vec<Point>,
}

/// The mechanism at one message profile.
pub struct Point {
    /// Bidder 1's message.
    pub m1: f64,
    /// Bidder 2's message.
    pub m2: f64,
    /// Bidder 1's allocation bar q_1(m).
    pub q1: f64,
    /// Bidder 1's transfer bar t_1(m).
    pub t1: f64,
}

/// Builds the maxmin mechanism and evaluates it on the grid.
pub fn compute() -> Result<Figure2> {
    let solution = solve(&uniform_prior()?, BIDDERS, 0.0)?;
    let mechanism = Mechanism::maxmin(&solution);
    let step = M_MAX / (GRID - 1) as f64;
    let mut points = Vec::with_capacity(GRID * GRID);
    for i in 0..GRID {
        for j in 0..GRID {
            let m = [i as f64 * step, j as f64 * step];
            let outcome = mechanism.outcome(&m)?;
            points.push(Point {
                m1: round(m[0]),
                m2: round(m[1]),
                q1: round(outcome.allocation[0]),
                t1: round(outcome.transfers[0]),
            });
        }
    }
    Ok(Figure2 { points })
}

impl Figure2 {
    /// The plotted data as a table (figure-2.csv).
    pub fn table(&self) -> Table {
        let mut t = Table::new(&["m1", "m2", "bar_q1", "bar_t1"]);
        for p in &self.points {
            t.push(vec![p.m1.into(), p.m2.into(), p.q1.into(), p.t1.into()]);
        }
        t
    }

    /// The figure (figure-2.svg): two heat maps, each with its colour bar.
    pub fn svg(&self) -> Result<String> {
        plot::svg_document((1400, 620), "figure-2.csv", |root| {
            let (left, right) = root.split_horizontally(700);
            heat_map(&left, "Allocation q̄₁(m₁, m₂)", "q̄₁", &self.points, |p| p.q1)?;
            heat_map(&right, "Transfer t̄₁(m₁, m₂)", "t̄₁", &self.points, |p| p.t1)
        })
    }
}

/// The colour scale shared by both panels.
fn colour(v: f64, lo: f64, hi: f64) -> RGBColor {
    ViridisRGB::get_color_normalized(v, lo, hi)
}

fn heat_map(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    title: &str,
    symbol: &str,
    points: &[Point],
    value: fn(&Point) -> f64,
) -> Result<()> {
    let lo = points.iter().map(value).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(value).fold(f64::NEG_INFINITY, f64::max);
    let (map_area, bar_area) = area.split_horizontally(565);

    let mut chart = ChartBuilder::on(&map_area)
        .caption(title, (FONT, TITLE_SIZE))
        .margin(14)
        .x_label_area_size(58)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..M_MAX, 0.0..M_MAX)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("bidder 1's message m₁")
        .y_desc("bidder 2's message m₂")
        .axis_desc_style((FONT, AXIS_SIZE))
        .label_style((FONT, LABEL_SIZE))
        .x_labels(6)
        .y_labels(6)
        .draw()?;
    let half = M_MAX / (GRID - 1) as f64 / 2.0;
    chart.draw_series(points.iter().map(|p| {
        let corner = |x: f64, y: f64| (x.clamp(0.0, M_MAX), y.clamp(0.0, M_MAX));
        Rectangle::new(
            [
                corner(p.m1 - half, p.m2 - half),
                corner(p.m1 + half, p.m2 + half),
            ],
            colour(value(p), lo, hi).filled(),
        )
    }))?;

    // The colour bar: the scale from lo to hi in 100 bands, labelled on its right.
    let mut bar = ChartBuilder::on(&bar_area)
        .margin_top(58)
        .margin_bottom(72)
        .margin_left(6)
        .margin_right(10)
        .right_y_label_area_size(84)
        .build_cartesian_2d(0.0..1.0, lo..hi)?;
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .label_style((FONT, LABEL_SIZE))
        .y_labels(6)
        .draw()?;
    bar_area.draw(&Text::new(symbol.to_string(), (10, 22), (FONT, AXIS_SIZE)))?;
    let bands = 100;
    bar.draw_series((0..bands).map(|k| {
        let v0 = lo + (hi - lo) * k as f64 / bands as f64;
        let v1 = lo + (hi - lo) * (k + 1) as f64 / bands as f64;
        Rectangle::new(
            [(0.0, v0), (1.0, v1)],
            colour((v0 + v1) / 2.0, lo, hi).filled(),
        )
    }))?;
    Ok(())
}
