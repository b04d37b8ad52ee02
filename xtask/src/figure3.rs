//! Figure 3 (Section 4.1.4): the objects of the construction for N = 2, v uniform on
//! [0, 0.95] U [3.95, 4] (hat v = 0.95, d = 3) and c = 0.2. Top row: the gains
//! functions hat gamma and bar gamma, the integrated gains hat Gamma and bar Gamma,
//! and the rescaled integrated gains hat Gamma o E^{-1} with its concavification
//! bar Gamma o E^{-1}. Bottom row: the aggregate supply bar Q (and hat Q = 1), the
//! aggregate allocation sensitivity bar mu (and hat mu = (N-1)/x), the value multiplier
//! bar lambda (and hat lambda) and the premium aggregate excess growth bar Xi^p (and
//! hat Xi^p). Fully-revealing (must-sell) objects are gray, graded ones black.

use maxmin_erlang::ln_scaled_power;
use maxmin_grading::solve;
use maxmin_mechanism::{Mechanism, ProportionalMechanism};
use maxmin_prior::Prior;
use plotters::prelude::*;

use crate::Result;
use crate::number::{round, subscript};
use crate::plot::{self, Curve, FULLY_REVEALING_GRAY, LinePanel};
use crate::table::Table;

/// The number of bidders.
pub const BIDDERS: u64 = 2;
/// The cost c.
pub const COST: f64 = 0.2;
/// The support of the prior: [0, hat v] U [hat v + d, 1 + d] with hat v = 0.95, d = 3.
pub const SUPPORT: [(f64, f64); 2] = [(0.0, 0.95), (3.95, 4.0)];
/// The largest aggregate signal plotted.
const X_MAX: f64 = 8.0;
/// Sample points per unit of aggregate signal (and per unit of value).
const SAMPLES_PER_UNIT: usize = 25;
/// Relative distance from a jump at which a piece ends, so each side of the jump is
/// sampled on its own piece.
const NUDGE: f64 = 1e-8;

/// The prior of Figure 3.
pub fn gap_prior() -> Result<Prior> {
    Ok(Prior::intervals(&SUPPORT)?)
}

/// The data behind Figure 3, every number rounded as the CSV writes it.
pub struct Figure3 {
    /// The graded intervals ([0, x_1] and [x_2, x_3]) in aggregate-signal units.
    pub intervals: Vec<(f64, f64)>,
    /// hat x = G_2^{-1}(0.95), where hat w jumps across the gap in the support.
    pub jump: f64,
    /// The seven panels, top row first.
    pub panels: Vec<Panel>,
}

/// One panel's curves.
pub struct Panel {
    /// The panel's name in the CSV.
    pub name: &'static str,
    /// What the horizontal coordinate is.
    pub horizontal: Horizontal,
    /// The fully-revealing (or must-sell) curve, then the graded (maxmin) one.
    pub series: [Series; 2],
}

/// The horizontal coordinate of a panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Horizontal {
    /// The aggregate signal x.
    Signal,
    /// z = E(x) = x^N / N!, the rescaled signal of the concavification.
    Rescaled,
    /// The value v.
    Value,
}

/// One curve, in pieces separated by the jumps of hat w and of bar mu.
pub struct Series {
    /// The series' name in the CSV (ASCII spelling of the paper's symbol).
    pub name: &'static str,
    /// The pieces, each a list of (horizontal, vertical) points.
    pub pieces: Vec<Vec<(f64, f64)>>,
}

/// Solves the Figure 3 problem, builds the maxmin and must-sell mechanisms and samples
/// every plotted function.
pub fn compute() -> Result<Figure3> {
    let solution = solve(&gap_prior()?, BIDDERS, COST)?;
    let maxmin = proportional(Mechanism::maxmin(&solution))?;
    let must_sell = proportional(Mechanism::must_sell(&solution))?;
    let intervals: Vec<(f64, f64)> = solution
        .graded_intervals()
        .iter()
        .map(|i| (i.start, i.end))
        .collect();
    let mut cuts = solution.signal_breakpoints();
    cuts.extend(intervals.iter().flat_map(|&(a, b)| [a, b]));
    let pieces = signal_pieces(&cuts);
    let values = [sample(0.0, SUPPORT[1].1)];
    let jump = solution
        .signal_breakpoints()
        .into_iter()
        .find(|&x| x > 0.0)
        .ok_or("the gap in the support is a break point of hat w")?;

    let signal = |f: &dyn Fn(f64) -> f64| -> Vec<Vec<(f64, f64)>> {
        pieces
            .iter()
            .map(|xs| {
                xs.iter()
                    .map(|&x| (x, f(x)))
                    .filter(|(_, y)| y.is_finite())
                    .map(|(x, y)| (round(x), round(y)))
                    .collect()
            })
            .collect()
    };
    // hat Gamma o E^{-1}: hat Gamma(x) plotted at z = E(x) = exp(ln E(x)).
    let rescaled = |f: &dyn Fn(f64) -> f64| -> Vec<Vec<(f64, f64)>> {
        pieces
            .iter()
            .map(|xs| {
                xs.iter()
                    .map(|&x| (round(ln_scaled_power(BIDDERS, x).exp()), round(f(x))))
                    .collect()
            })
            .collect()
    };
    let value = |f: &dyn Fn(f64) -> f64| -> Vec<Vec<(f64, f64)>> {
        values
            .iter()
            .map(|vs| vs.iter().map(|&v| (round(v), round(f(v)))).collect())
            .collect()
    };
    let s = &solution;
    let panels = vec![
        Panel {
            name: "gains",
            horizontal: Horizontal::Signal,
            series: [
                Series {
                    name: "hat_gamma",
                    pieces: signal(&|x| s.fully_revealing_gains(x)),
                },
                Series {
                    name: "bar_gamma",
                    pieces: signal(&|x| s.graded_gains(x)),
                },
            ],
        },
        Panel {
            name: "integrated_gains",
            horizontal: Horizontal::Signal,
            series: [
                Series {
                    name: "hat_Gamma",
                    pieces: signal(&|x| s.integrated_gains(x)),
                },
                Series {
                    name: "bar_Gamma",
                    pieces: signal(&|x| s.graded_integrated_gains(x)),
                },
            ],
        },
        Panel {
            name: "rescaled_integrated_gains",
            horizontal: Horizontal::Rescaled,
            series: [
                Series {
                    name: "hat_Gamma_of_E_inverse",
                    pieces: rescaled(&|x| s.integrated_gains(x)),
                },
                Series {
                    name: "bar_Gamma_of_E_inverse",
                    pieces: rescaled(&|x| s.graded_integrated_gains(x)),
                },
            ],
        },
        Panel {
            name: "aggregate_supply",
            horizontal: Horizontal::Signal,
            series: [
                Series {
                    name: "hat_Q",
                    pieces: signal(&|x| must_sell.aggregate_supply(x)),
                },
                Series {
                    name: "bar_Q",
                    pieces: signal(&|x| maxmin.aggregate_supply(x)),
                },
            ],
        },
        Panel {
            name: "allocation_sensitivity",
            horizontal: Horizontal::Signal,
            series: [
                Series {
                    name: "hat_mu",
                    pieces: signal(&|x| must_sell.allocation_sensitivity(x)),
                },
                Series {
                    name: "bar_mu",
                    pieces: signal(&|x| maxmin.allocation_sensitivity(x)),
                },
            ],
        },
        Panel {
            name: "value_multiplier",
            horizontal: Horizontal::Value,
            series: [
                Series {
                    name: "hat_lambda",
                    pieces: value(&|v| must_sell.value_multiplier(v)),
                },
                Series {
                    name: "bar_lambda",
                    pieces: value(&|v| maxmin.value_multiplier(v)),
                },
            ],
        },
        Panel {
            name: "premium_excess_growth",
            horizontal: Horizontal::Signal,
            series: [
                Series {
                    name: "hat_Xi_p",
                    pieces: signal(&|x| must_sell.premium_excess_growth(x)),
                },
                Series {
                    name: "bar_Xi_p",
                    pieces: signal(&|x| maxmin.premium_excess_growth(x)),
                },
            ],
        },
    ];
    Ok(Figure3 {
        intervals: intervals
            .iter()
            .map(|&(a, b)| (round(a), round(b)))
            .collect(),
        jump: round(jump),
        panels,
    })
}

fn proportional(mechanism: Mechanism) -> Result<Box<ProportionalMechanism>> {
    match mechanism {
        Mechanism::Proportional(m) => Ok(m),
        _ => Err(
            "the Figure 3 problem (N = 2, gains from trade) has a proportional mechanism".into(),
        ),
    }
}

/// Equally spaced points on [lo, hi], ends included.
fn sample(lo: f64, hi: f64) -> Vec<f64> {
    let steps = ((hi - lo) * SAMPLES_PER_UNIT as f64).ceil().max(1.0) as usize;
    (0..=steps)
        .map(|i| lo + (hi - lo) * i as f64 / steps as f64)
        .collect()
}

/// [0, X_MAX] cut at the points where a plotted function may jump; each piece is
/// sampled on the common grid plus its own ends, nudged inwards at a cut.
fn signal_pieces(cuts: &[f64]) -> Vec<Vec<f64>> {
    let mut inner: Vec<f64> = cuts
        .iter()
        .copied()
        .filter(|&c| c > 0.0 && c < X_MAX)
        .collect();
    inner.sort_by(f64::total_cmp);
    inner.dedup();
    let grid = sample(0.0, X_MAX);
    let mut bounds = vec![(0.0, 0.0)];
    bounds.extend(
        inner
            .iter()
            .map(|&c| (c * (1.0 - NUDGE), c * (1.0 + NUDGE))),
    );
    bounds.push((X_MAX, X_MAX));
    bounds
        .windows(2)
        .map(|w| {
            let (lo, hi) = (w[0].1, w[1].0);
            let mut xs = vec![lo];
            xs.extend(grid.iter().copied().filter(|&x| x > lo && x < hi));
            xs.push(hi);
            xs
        })
        .collect()
}

/// How each panel is titled and labelled.
struct Labels {
    title: &'static str,
    y_desc: &'static str,
    hat: &'static str,
    bar: &'static str,
    legend: SeriesLabelPosition,
}

fn labels(name: &str) -> Labels {
    use SeriesLabelPosition::{LowerLeft, LowerRight, MiddleRight, UpperLeft};
    // Legends sit where no curve and no label of a marked signal runs. The words after
    // each symbol keep the legend readable where a viewer's font places
    // a combining hat or bar badly over a capital Greek letter.
    let (title, y_desc, hat, bar, legend) = match name {
        "gains" => (
            "Gains functions",
            "γ(x)",
            "γ̂ (fully revealing)",
            "γ̄ (graded)",
            LowerRight,
        ),
        "integrated_gains" => (
            "Integrated gains",
            "Γ(x)",
            "Γ̂ (fully revealing)",
            "Γ̄ (graded)",
            LowerRight,
        ),
        "rescaled_integrated_gains" => (
            "Rescaled integrated gains",
            "Γ(E⁻¹(z))",
            "Γ̂ ∘ E⁻¹ (fully revealing)",
            "Γ̄ ∘ E⁻¹ (concavification)",
            LowerRight,
        ),
        "aggregate_supply" => (
            "Aggregate supply",
            "Q(x)",
            "Q̂ = 1 (must sell)",
            "Q̄ (maxmin)",
            LowerRight,
        ),
        "allocation_sensitivity" => (
            "Allocation sensitivity",
            "μ(x)",
            "μ̂ = (N−1)/x (must sell)",
            "μ̄ (maxmin)",
            MiddleRight,
        ),
        "value_multiplier" => (
            "Value multiplier",
            "λ(v)",
            "λ̂ (must sell)",
            "λ̄ (maxmin)",
            UpperLeft,
        ),
        _ => (
            "Premium excess growth",
            "Ξᵖ(x)",
            "Ξ̂ᵖ (must sell)",
            "Ξ̄ᵖ (maxmin)",
            LowerLeft,
        ),
    };
    Labels {
        title,
        y_desc,
        hat,
        bar,
        legend,
    }
}

impl Figure3 {
    /// The plotted data in long form (figure-3.csv): one row per point, naming its
    /// panel, series and piece (pieces are separated by jumps).
    pub fn table(&self) -> Table {
        let mut t = Table::new(&["panel", "series", "piece", "x", "y"]);
        for panel in &self.panels {
            for series in &panel.series {
                for (k, piece) in series.pieces.iter().enumerate() {
                    for &(x, y) in piece {
                        t.push(vec![
                            panel.name.into(),
                            series.name.into(),
                            (k as u64).into(),
                            x.into(),
                            y.into(),
                        ]);
                    }
                }
            }
        }
        t
    }

    /// The figure (figure-3.svg): three panels on top, four below.
    pub fn svg(&self) -> Result<String> {
        plot::svg_document((1840, 960), "figure-3.csv", |root| {
            let (top, bottom) = root.split_vertically(480);
            let top_areas = top.split_evenly((1, 3));
            let bottom_areas = bottom.split_evenly((1, 4));
            for (panel, area) in self
                .panels
                .iter()
                .zip(top_areas.iter().chain(&bottom_areas))
            {
                self.draw_panel(area, panel)?;
            }
            Ok(())
        })
    }

    fn draw_panel(
        &self,
        area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        panel: &Panel,
    ) -> Result<()> {
        let l = labels(panel.name);
        let to_horizontal = |x: f64| match panel.horizontal {
            Horizontal::Rescaled => ln_scaled_power(BIDDERS, x).exp(),
            _ => x,
        };
        let (x_desc, x_range) = match panel.horizontal {
            Horizontal::Signal => ("aggregate signal x", 0.0..X_MAX),
            Horizontal::Rescaled => ("z = E(x) = x²/2", 0.0..to_horizontal(X_MAX)),
            Horizontal::Value => ("value v", 0.0..SUPPORT[1].1),
        };
        let mut marks: Vec<(f64, String)> = match panel.horizontal {
            Horizontal::Value => Vec::new(),
            _ => self
                .intervals
                .iter()
                .flat_map(|&(a, b)| [a, b])
                .filter(|&x| x > 0.0)
                .enumerate()
                .map(|(k, x)| (to_horizontal(x), format!("x{}", subscript(k as u64 + 1))))
                .collect(),
        };
        if panel.name == "gains" {
            marks.push((self.jump, "x̂".to_string()));
        }
        let y_range = vertical_range(panel);
        let [hat, bar] = &panel.series;
        // hat mu = (N-1)/x is unbounded at 0: its points above the range are left out.
        let top = y_range.end;
        let hat_pieces: Vec<Vec<(f64, f64)>> = hat
            .pieces
            .iter()
            .map(|p| p.iter().copied().filter(|&(_, y)| y <= top).collect())
            .collect();
        plot::draw_line_panel(
            area,
            LinePanel {
                title: l.title,
                x_desc,
                y_desc: l.y_desc,
                x_range,
                y_range,
                curves: vec![
                    Curve::new(l.hat, hat_pieces, plot::solid(FULLY_REVEALING_GRAY, 5)),
                    Curve::new(l.bar, bar.pieces.clone(), plot::solid(BLACK, 2)),
                ],
                marks,
                legend: l.legend,
            },
        )
    }
}

/// The vertical range of a panel: its data with a margin, except that hat mu =
/// (N-1)/x, unbounded at 0, is cut at three times the largest bar mu (which leaves
/// the legend room between the curves).
fn vertical_range(panel: &Panel) -> std::ops::Range<f64> {
    let points = |s: &Series| s.pieces.iter().flatten().map(|p| p.1).collect::<Vec<f64>>();
    let bar = points(&panel.series[1]);
    let all: Vec<f64> = if panel.name == "allocation_sensitivity" {
        let top = 3.0 * bar.iter().copied().fold(0.0, f64::max);
        bar.iter().copied().chain([0.0, top]).collect()
    } else {
        points(&panel.series[0]).into_iter().chain(bar).collect()
    };
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // The wider margin on top leaves room for the labels of the marked signals.
    (lo - 0.06 * (hi - lo))..(hi + 0.16 * (hi - lo))
}
