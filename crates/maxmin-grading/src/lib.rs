//! The minmax information structure and the profit guarantee of Brooks and Du
//! (2019): the grading procedure of Section 4.1.1, the profit guarantee bar Pi of
//! equation (4), the must-sell guarantee hat Pi of equation (28) and the cutoff x*
//! of the single-crossing case (Section 4.4).
//!
//! ```
//! use maxmin_grading::solve;
//! use maxmin_prior::Prior;
//!
//! let prior = Prior::uniform(0.0, 1.0).unwrap();
//! let solution = solve(&prior, 2, 0.0).unwrap();
//! // 56 percent of the ex ante surplus 1/2 (the paper's introduction).
//! assert!((solution.profit_guarantee() - 0.2805).abs() < 5e-5);
//! // hat Pi_2 = 1/2 - C(2, 1) / 2^3 = 1/4.
//! assert!((solution.must_sell_guarantee() - 0.25).abs() < 1e-13);
//! ```
//!
//! # How it is computed
//! * hat Gamma(x) = integral_0^{G_N(x)} (H^{-1}(u) - c) du exactly, from the
//!   prior's partial quantile integrals; no quadrature.
//! * The concavification of hat Gamma o E^{-1} is found on a sample of about 420
//!   signals plus the prior's break points, in log space (E overflows for N > 170),
//!   then each graded interval is polished to its tangency conditions (see the
//!   `hull` module). End points are exact to about 1e-13 relative (tested against
//!   closed forms).
//! * bar Pi = integral bar gamma g_{N-1}: on a graded interval [a, b] this is the
//!   closed form bar gamma(b) g_N(b) - bar gamma(a) g_N(a) (because
//!   integral e^x g_{N-1} = e^x g_N); elsewhere adaptive Gauss–Kronrod
//!   quadrature with the prior's break points, to a relative tolerance of 1e-13.
//!   For N = 1 the paper's g_0 is a point mass at 0 and bar Pi = bar gamma(0).
//!
//! # Trivial cases
//! When the ex ante gains `E[v] - c` are not positive, the seller keeps the good and
//! the guarantee is 0 (footnote 3); when the prior is a single atom v, the value is
//! common knowledge and a posted price at v extracts v - c. Both come back as a
//! [`Solution`] whose [`Case`] says why.

mod error;
mod fully_revealing;
mod hull;
mod signed_log;

use maxmin_erlang::Erlang;
use maxmin_numeric::integrate;
use maxmin_prior::Prior;

pub use error::GradingError;
use fully_revealing::FullyRevealing;

/// The largest number of bidders supported (the Erlang layer needs N + 1).
pub const MAX_BIDDERS: u64 = Erlang::MAX_SHAPE - 1;

/// Relative tolerance of the quadratures behind the guarantees.
const QUADRATURE_RELATIVE_TOLERANCE: f64 = 1e-13;
/// Absolute tolerance of each quadrature, relative to `E[v]` + c: a stretch whose
/// integral nearly cancels (gains changing sign) cannot meet a relative tolerance.
const QUADRATURE_ABSOLUTE_TOLERANCE: f64 = 1e-15;
/// Panel budget of each quadrature; a prior with many pieces gets one panel per piece on top.
const QUADRATURE_PANELS: usize = 4000;
/// A quadrature whose error estimate exceeds this (relative to `E[v]` + c) is reported
/// as a numerical failure rather than returned.
const QUADRATURE_FAILURE: f64 = 1e-9;

/// A graded interval [a, b] (Section 4.1.2): bar Gamma = hat Gamma at a and b and
/// bar Gamma > hat Gamma inside; there bar gamma(x) = bar gamma(b) e^{x - b}.
#[doc(alias = "graded interval")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradedInterval {
    /// The left end a, in aggregate-signal units.
    pub start: f64,
    /// The right end b, in aggregate-signal units.
    pub end: f64,
    /// ln bar gamma(b), the log of the graded gains at the right end (equal to
    /// hat gamma(b)). Kept as a logarithm because for many bidders a graded interval
    /// can end deep in the lower tail, where bar gamma(b) is below the smallest double.
    pub ln_end_gains: f64,
}

impl GradedInterval {
    /// bar gamma(b), the graded gains at the right end (0 where it underflows).
    pub fn end_gains(&self) -> f64 {
        self.ln_end_gains.exp()
    }

    /// bar gamma(x) = bar gamma(b) e^{x - b} for x in the interval.
    pub fn gains(&self, x: f64) -> f64 {
        (self.ln_end_gains + (x - self.end)).exp()
    }

    /// ln k, where bar gamma(x) = k e^x on the interval (the slope of the hull of
    /// hat Gamma o E^{-1}); about -N for large N, so k itself may underflow.
    pub fn ln_slope(&self) -> f64 {
        self.ln_end_gains - self.end
    }

    /// Whether x lies in [a, b].
    pub fn contains(&self, x: f64) -> bool {
        self.start <= x && x <= self.end
    }
}

/// Which kind of answer a [`Solution`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// The general construction of Section 4.1.
    General,
    /// `E[v] - c` <= 0: with no information the seller keeps the good; the
    /// guarantee is 0 (footnote 3).
    NoGainsFromTrade,
    /// The prior is a single atom v: the value is common knowledge and a posted
    /// price at v extracts v - c (Section 2.1).
    CommonKnowledge,
}

impl Case {
    /// A sentence saying why the answer has this form.
    pub fn reason(&self) -> &'static str {
        match self {
            Case::General => "general construction (Section 4.1)",
            Case::NoGainsFromTrade => {
                "the ex ante gains E[v] - c are not positive: the seller keeps the good and \
                 no information is the worst case (footnote 3)"
            }
            Case::CommonKnowledge => {
                "the prior is a single point: the value is common knowledge and a posted \
                 price at v extracts v - c"
            }
        }
    }
}

/// The minmax information structure and the guarantees for one prior, number of
/// bidders and cost.
#[derive(Debug, Clone)]
pub struct Solution {
    fr: FullyRevealing,
    bidders: u64,
    case: Case,
    intervals: Vec<GradedInterval>,
    profit_guarantee: f64,
    must_sell_guarantee: f64,
    single_crossing: bool,
    estimated_error: f64,
}

/// Solves the grading problem: the minmax information structure, bar Pi (4) and
/// hat Pi (28) for the prior, `bidders` = N >= 1 and cost c >= 0.
///
/// # Errors
/// [`GradingError::Bidders`] for N = 0 or N > [`MAX_BIDDERS`];
/// [`GradingError::Cost`] for a negative, NaN or infinite cost;
/// [`GradingError::Numerical`] if a polish or quadrature does not converge.
pub fn solve(prior: &Prior, bidders: u64, cost: f64) -> Result<Solution, GradingError> {
    if bidders == 0 || bidders > MAX_BIDDERS {
        return Err(GradingError::Bidders {
            bidders,
            max: MAX_BIDDERS,
        });
    }
    if !(cost.is_finite() && cost >= 0.0) {
        return Err(GradingError::Cost { cost });
    }
    let shape = |n: u64| Erlang::new(n).expect("shapes 1..=MAX_BIDDERS + 1 are valid");
    let fr = FullyRevealing::new(prior.clone(), shape(bidders), shape(bidders + 1), cost);
    let numerical = |stage: &'static str, detail: String| GradingError::Numerical {
        stage,
        bidders,
        cost,
        detail,
    };
    let mut solution = Solution {
        bidders,
        case: Case::General,
        intervals: Vec::new(),
        profit_guarantee: 0.0,
        must_sell_guarantee: 0.0,
        single_crossing: true,
        estimated_error: 0.0,
        fr,
    };
    let gains = solution.fr.ex_ante_gains;
    if prior.is_degenerate() && gains > 0.0 {
        solution.case = Case::CommonKnowledge;
        solution.profit_guarantee = gains;
        solution.must_sell_guarantee = gains;
        return Ok(solution);
    }

    let breakpoints = solution.fr.breakpoints();
    let xs = hull::sample_signals(&solution.fr, &breakpoints);
    solution.single_crossing = hull::is_single_crossing(&solution.fr, &xs);
    if gains <= 0.0 {
        solution.case = Case::NoGainsFromTrade;
        solution.single_crossing = false;
    } else {
        solution.intervals = hull::graded_intervals(&solution.fr, &xs)
            .map_err(|e| numerical("polishing the graded intervals", e))?;
    }
    solution
        .compute_guarantees(&breakpoints)
        .map_err(|e| numerical("integrating the guarantees", e))?;
    Ok(solution)
}

impl Solution {
    /// The number of bidders N.
    pub fn bidders(&self) -> u64 {
        self.bidders
    }

    /// The production cost c.
    pub fn cost(&self) -> f64 {
        self.fr.cost
    }

    /// The prior H.
    pub fn prior(&self) -> &Prior {
        &self.fr.prior
    }

    /// Which kind of answer this is, with [`Case::reason`] saying why.
    pub fn case(&self) -> Case {
        self.case
    }

    /// The optimal profit guarantee bar Pi = integral bar gamma g_{N-1}
    /// (equation (4), Theorem 1); bar gamma(0) for N = 1.
    #[doc(alias = "bar Pi")]
    pub fn profit_guarantee(&self) -> f64 {
        self.profit_guarantee
    }

    /// The optimal must-sell guarantee hat Pi = integral hat gamma g_{N-1}
    /// (equation (28), Theorem 2); hat gamma(0) = v_lo - c for N = 1.
    #[doc(alias = "hat Pi")]
    pub fn must_sell_guarantee(&self) -> f64 {
        self.must_sell_guarantee
    }

    /// The ex ante gains from trade `E[v] - c`.
    pub fn ex_ante_gains(&self) -> f64 {
        self.fr.ex_ante_gains
    }

    /// The graded intervals, sorted and disjoint, in aggregate-signal units.
    pub fn graded_intervals(&self) -> &[GradedInterval] {
        &self.intervals
    }

    /// The cutoff x* of Section 4.4 when the prior is single-crossing (hat Gamma o
    /// E^{-1} convex then concave): the graded interval is [0, x*], or x* = 0 when
    /// nothing is graded. `None` when the prior is not single-crossing.
    pub fn single_crossing_cutoff(&self) -> Option<f64> {
        if self.case != Case::General || !self.single_crossing {
            return None;
        }
        match self.intervals.as_slice() {
            [] => Some(0.0),
            [only] if only.start == 0.0 => Some(only.end),
            _ => None,
        }
    }

    /// The sum of the quadratures' error estimates behind the guarantees (an
    /// estimate, not a bound).
    pub fn estimated_error(&self) -> f64 {
        self.estimated_error
    }

    /// The fully-revealing value function hat w(x) = H^{-1}(G_N(x)).
    #[doc(alias = "hat w")]
    pub fn fully_revealing_value(&self, x: f64) -> f64 {
        self.fr.value(x)
    }

    /// hat w(x) - v_lo, accurate relative to itself as x -> 0 (computed from the
    /// prior's log-form excess in the lower tail, not by subtraction).
    pub fn fully_revealing_excess(&self, x: f64) -> f64 {
        self.fr.value_excess(x)
    }

    /// The fully-revealing gains function hat gamma(x) = hat w(x) - c.
    #[doc(alias = "hat gamma")]
    pub fn fully_revealing_gains(&self, x: f64) -> f64 {
        self.fr.gains(x)
    }

    /// The fully-revealing virtual value hat gamma(x) - hat gamma'(x) (Section 3.2:
    /// w - c - w' with unit hazard rate), with hat w' = g_N dH^{-1}/dalpha.
    #[doc(alias = "virtual value")]
    pub fn fully_revealing_virtual_value(&self, x: f64) -> f64 {
        self.fr.gains(x) - self.fr.value_slope(x)
    }

    /// The graded virtual value bar gamma(x) - bar gamma'(x): exactly 0 on a graded
    /// interval, where bar gamma = k e^x (Section 3.2), and the fully-revealing one
    /// elsewhere. Lemma 3 makes it non-negative.
    pub fn graded_virtual_value(&self, x: f64) -> f64 {
        match self.interval_at(x) {
            Some(_) => 0.0,
            None => self.fully_revealing_virtual_value(x),
        }
    }

    /// The integrated gains hat Gamma(x) = integral_0^x hat gamma g_N.
    #[doc(alias = "hat Gamma")]
    pub fn integrated_gains(&self, x: f64) -> f64 {
        self.fr.integrated_gains(x)
    }

    /// The graded gains function bar gamma (Section 4.1.1): k e^x on a graded
    /// interval, hat gamma elsewhere. With no gains from trade it is the constant
    /// `E[v] - c` (no information).
    #[doc(alias = "graded gains function")]
    #[doc(alias = "bar gamma")]
    pub fn graded_gains(&self, x: f64) -> f64 {
        match self.case {
            Case::NoGainsFromTrade => self.fr.ex_ante_gains,
            _ => match self.interval_at(x) {
                Some(i) => i.gains(x),
                None => self.fr.gains(x),
            },
        }
    }

    /// The graded value function bar w = bar gamma + c.
    #[doc(alias = "graded value function")]
    #[doc(alias = "bar w")]
    pub fn graded_value(&self, x: f64) -> f64 {
        self.graded_gains(x) + self.fr.cost
    }

    /// The graded integrated gains bar Gamma(x) = integral_0^x bar gamma g_N: on a
    /// graded interval [a, b], hat Gamma(a) + bar gamma(x) g_{N+1}(x) -
    /// bar gamma(a) g_{N+1}(a) (because integral e^y g_N = e^y g_{N+1}).
    #[doc(alias = "bar Gamma")]
    pub fn graded_integrated_gains(&self, x: f64) -> f64 {
        match self.case {
            Case::NoGainsFromTrade => self.fr.ex_ante_gains * self.fr.erlang.cdf(x),
            _ => match self.interval_at(x) {
                Some(i) => {
                    self.fr.integrated_gains(i.start)
                        + self.scaled_run(i, i.start, x, &self.fr.next)
                }
                None => self.fr.integrated_gains(x),
            },
        }
    }

    /// The aggregate signals where hat w has a kink or a jump (G_N^{-1} of the
    /// prior's break points), sorted: where functions built on hat w need break
    /// points for quadrature and interpolation.
    pub fn signal_breakpoints(&self) -> Vec<f64> {
        self.fr.breakpoints()
    }

    /// The graded interval containing x, if any.
    pub fn interval_at(&self, x: f64) -> Option<&GradedInterval> {
        let idx = self.intervals.partition_point(|i| i.end < x);
        self.intervals.get(idx).filter(|i| i.contains(x))
    }

    /// bar gamma(b) (e^{x1-b} g(x1) - e^{x0-b} g(x0)) for a density g: the integral
    /// of bar gamma against the density one shape lower, over [x0, x1] in the interval.
    fn scaled_run(&self, i: &GradedInterval, x0: f64, x1: f64, g: &Erlang) -> f64 {
        let term = |x: f64| (i.ln_end_gains + (x - i.end) + g.ln_pdf(x)).exp();
        term(x1) - term(x0)
    }

    fn compute_guarantees(&mut self, breakpoints: &[f64]) -> Result<(), String> {
        if self.bidders == 1 {
            let at_zero = self.fr.gains(0.0);
            self.must_sell_guarantee = at_zero;
            self.profit_guarantee = match (self.case, self.intervals.first()) {
                (Case::NoGainsFromTrade, _) => 0.0,
                (_, Some(i)) if i.start == 0.0 => i.gains(0.0),
                _ => at_zero,
            };
            return Ok(());
        }
        let prev = Erlang::new(self.bidders - 1).expect("N - 1 >= 1 is a valid shape");
        let fr = &self.fr;
        let top = fr.erlang.quantile_sf(hull::TAIL_LEVEL);
        let mut cuts: Vec<f64> = breakpoints.to_vec();
        cuts.extend([
            fr.erlang.quantile(1e-3),
            fr.erlang.quantile(0.5),
            fr.erlang.quantile_sf(1e-3),
        ]);
        let scale = fr.prior.mean().abs() + fr.cost;
        let mut error = 0.0;
        let mut hat_integral = |lo: f64, hi: f64| -> Result<f64, String> {
            let r = integrate(
                |x| fr.gains(x) * prev.pdf(x),
                lo,
                hi,
                &cuts,
                QUADRATURE_ABSOLUTE_TOLERANCE * scale,
                QUADRATURE_RELATIVE_TOLERANCE,
                QUADRATURE_PANELS + cuts.len(),
            );
            error += r.error;
            if r.value.is_finite() && r.error <= QUADRATURE_FAILURE * scale {
                Ok(r.value)
            } else {
                Err(format!(
                    "integral of hat gamma g_(N-1) over [{lo}, {hi}] = {} with error estimate {}",
                    r.value, r.error
                ))
            }
        };
        // The guarantees share the stretches where nothing is graded.
        let mut shared = 0.0;
        let mut graded_hat = 0.0;
        let mut graded_bar = 0.0;
        let mut lo = 0.0;
        for i in &self.intervals {
            shared += hat_integral(lo, i.start)?;
            graded_hat += hat_integral(i.start, i.end)?;
            graded_bar += self.scaled_run(i, i.start, i.end, &fr.erlang);
            lo = i.end;
        }
        shared += hat_integral(lo, top.max(lo))?;
        self.must_sell_guarantee = shared + graded_hat;
        self.profit_guarantee = match self.case {
            Case::NoGainsFromTrade => 0.0,
            _ => shared + graded_bar,
        };
        self.estimated_error = error;
        Ok(())
    }
}
