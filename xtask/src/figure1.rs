//! Figure 1 (Section 3.2): N = 2, v ~ U[0, 1], c = 0. Left, the fully-revealing value
//! function hat w = G_2 and the minmax value function bar w, exponential on the graded
//! interval [0, x*] and equal to hat w above; right, their virtual values w - c - w'.

use maxmin_grading::{Solution, solve};
use maxmin_prior::Prior;
use plotters::prelude::*;

use crate::Result;
use crate::number::round;
use crate::plot::{self, Curve, FULLY_REVEALING_BLUE, LinePanel};
use crate::table::Table;

/// The number of bidders.
pub const BIDDERS: u64 = 2;
/// The largest aggregate signal plotted.
const X_MAX: f64 = 6.0;
/// Sample points per unit of aggregate signal.
const SAMPLES_PER_UNIT: usize = 40;

/// The data behind Figure 1, every number rounded as the CSV writes it.
pub struct Figure1 {
    /// The cutoff x* (end of the graded interval [0, x*]).
    pub cutoff: f64,
    /// One row per sampled aggregate signal.
    pub rows: Vec<Row>,
}

/// The plotted functions at one aggregate signal x.
pub struct Row {
    /// The aggregate signal x.
    pub x: f64,
    /// hat w(x) = H^{-1}(G_2(x)) = G_2(x).
    pub hat_w: f64,
    /// bar w(x).
    pub bar_w: f64,
    /// hat w(x) - c - hat w'(x).
    pub hat_virtual_value: f64,
    /// bar w(x) - c - bar w'(x).
    pub bar_virtual_value: f64,
}

/// The prior of Figures 1, 2 and 4: v ~ U[0, 1].
pub fn uniform_prior() -> Result<Prior> {
    Ok(Prior::uniform(0.0, 1.0)?)
}

/// Solves the Figure 1 problem and samples its functions on [0, 6] and at x*.
pub fn compute() -> Result<Figure1> {
    let solution = solve(&uniform_prior()?, BIDDERS, 0.0)?;
    let cutoff = solution
        .single_crossing_cutoff()
        .ok_or("the uniform prior is single-crossing (Section 4.4)")?;
    let steps = SAMPLES_PER_UNIT * X_MAX as usize;
    let mut xs: Vec<f64> = (0..=steps)
        .map(|i| X_MAX * i as f64 / steps as f64)
        .collect();
    xs.push(cutoff);
    xs.sort_by(f64::total_cmp);
    let rows = xs.into_iter().map(|x| row(&solution, x)).collect();
    Ok(Figure1 {
        cutoff: round(cutoff),
        rows,
    })
}

fn row(solution: &Solution, x: f64) -> Row {
    let hat_virtual_value = solution.fully_revealing_virtual_value(x);
    let bar_virtual_value = solution.graded_virtual_value(x);
    Row {
        x: round(x),
        hat_w: round(solution.fully_revealing_value(x)),
        bar_w: round(solution.graded_value(x)),
        hat_virtual_value: round(hat_virtual_value),
        bar_virtual_value: round(bar_virtual_value),
    }
}

impl Figure1 {
    /// The plotted data as a table (figure-1.csv).
    pub fn table(&self) -> Table {
        let mut t = Table::new(&[
            "x",
            "hat_w",
            "bar_w",
            "hat_virtual_value",
            "bar_virtual_value",
        ]);
        for r in &self.rows {
            t.push(vec![
                r.x.into(),
                r.hat_w.into(),
                r.bar_w.into(),
                r.hat_virtual_value.into(),
                r.bar_virtual_value.into(),
            ]);
        }
        t
    }

    /// The figure (figure-1.svg): two panels side by side.
    pub fn svg(&self) -> Result<String> {
        plot::svg_document((1400, 560), "figure-1.csv", |root| {
            let (left, right) = root.split_horizontally(700);
            let series = |f: fn(&Row) -> f64| vec![self.rows.iter().map(|r| (r.x, f(r))).collect()];
            // bar w is graded on [0, x*] and equals hat w from x* on (where the virtual
            // values jump), so the two pieces are drawn from their own columns.
            let pieces = |graded: fn(&Row) -> f64, revealing: fn(&Row) -> f64| {
                let below = self.rows.iter().filter(|r| r.x <= self.cutoff);
                let above = self.rows.iter().filter(|r| r.x >= self.cutoff);
                (
                    vec![below.map(|r| (r.x, graded(r))).collect()],
                    vec![above.map(|r| (r.x, revealing(r))).collect()],
                )
            };
            let marks = vec![(self.cutoff, "x*".to_string())];
            let (w_graded, w_above) = pieces(|r| r.bar_w, |r| r.hat_w);
            plot::draw_line_panel(
                &left,
                LinePanel {
                    title: "Value functions",
                    x_desc: "aggregate signal x",
                    y_desc: "value w(x)",
                    x_range: 0.0..X_MAX,
                    y_range: 0.0..1.0,
                    curves: vec![
                        Curve::new(
                            "ŵ = G₂ (fully revealing)",
                            series(|r| r.hat_w),
                            plot::solid(FULLY_REVEALING_BLUE, 6),
                        ),
                        Curve::new(
                            "w̄ on [0, x*] (graded)",
                            w_graded,
                            plot::solid(plot::FULLY_REVEALING_GRAY, 4),
                        ),
                        Curve::new("w̄ above x* (= ŵ)", w_above, plot::solid(BLACK, 2)),
                    ],
                    marks: marks.clone(),
                    legend: SeriesLabelPosition::LowerRight,
                },
            )?;
            let (v_graded, v_above) = pieces(|r| r.bar_virtual_value, |r| r.hat_virtual_value);
            plot::draw_line_panel(
                &right,
                LinePanel {
                    title: "Virtual values w − c − w′",
                    x_desc: "aggregate signal x",
                    y_desc: "virtual value",
                    x_range: 0.0..X_MAX,
                    y_range: -0.3..1.0,
                    curves: vec![
                        Curve::new(
                            "ŵ − c − ŵ′",
                            series(|r| r.hat_virtual_value),
                            plot::solid(FULLY_REVEALING_BLUE, 6),
                        ),
                        Curve::new(
                            "w̄ − c − w̄′ = 0 on [0, x*]",
                            v_graded,
                            plot::solid(plot::FULLY_REVEALING_GRAY, 4),
                        ),
                        Curve::new("w̄ − c − w̄′ above x*", v_above, plot::solid(BLACK, 2)),
                    ],
                    marks,
                    legend: SeriesLabelPosition::LowerRight,
                },
            )
        })
    }
}
