//! Robustness to the prior (Section 6.3): Proposition 7's guarantee of the maxmin
//! mechanism designed for a prior H when the value is distributed as H', and the
//! value multipliers bar lambda_N(v; H) whose convergence to v - c drives
//! Proposition 8.
//!
//! # The bound
//! Step 1 of the proof of Proposition 2 shows, for every v and x,
//! bar lambda(v) <= (v_lo - c) bar Q(x) + (v - v_lo) bar mu(x) - bar Xi^p(x), and
//! the prior enters only at the last step. So in every equilibrium of every
//! information structure with value distribution H', profit is at least
//! bar Pi_N(H, H') = E_{H'}[bar lambda_N(v; H)], computed here as
//! integral_0^1 bar lambda(H'^{-1}(u)) du (atoms of H' are flat stretches of H'^{-1}
//! and are integrated exactly), the upper half from the top.
//!
//! # Values outside the design prior's support
//! The right-hand side of Step 1, minimised over x, extends bar lambda to every v:
//! above v_hi its derivative in x, bar mu'(x) (v - hat w(x)), is <= 0 for all x, so
//! the minimum is at x = inf and bar lambda stays at bar lambda(v_hi) (the unbounded
//! design priors of footnote 19 need no extension). Below v_lo the minimum is at
//! x = 0: bar lambda(v) = bar lambda(v_lo) + bar mu(0) (v - v_lo), finite only when 0
//! is graded (bar mu(0) = N / b); otherwise bar mu(0) is infinite, the bound is
//! minus infinity, and [`DesignedMechanism::guarantee_under`] says so. For one
//! bidder Du's multiplier is linear below its lowest price and valid for every v,
//! except for a deterministic price, where it is not.

use maxmin_grading::{Solution, solve};
use maxmin_mechanism::Mechanism;
use maxmin_numeric::integrate;
use maxmin_prior::Prior;
use rayon::prelude::*;

use crate::AsymptoticsError;

/// Relative tolerance of the integral over the true prior.
const RELATIVE_TOLERANCE: f64 = 1e-12;
/// Absolute tolerance of that integral, relative to E_H|v| + c + 1.
const ABSOLUTE_TOLERANCE: f64 = 1e-14;
/// An integral whose error estimate exceeds this (relative to the same scale) fails.
const FAILURE_TOLERANCE: f64 = 1e-8;
/// Panel budget of the integral, on top of one per break point.
const PANELS: usize = 2000;

/// The maxmin mechanism designed for a prior H, N and c, evaluated under other
/// priors (Proposition 7).
#[derive(Debug)]
pub struct DesignedMechanism {
    solution: Solution,
    mechanism: Mechanism,
    /// bar lambda(v_lo) and the slope of the extension below v_lo (infinite when
    /// there is no finite extension).
    bottom: (f64, f64),
    /// The values where bar lambda has a kink.
    kinks: Vec<f64>,
}

impl DesignedMechanism {
    /// Solves the grading problem for the design prior H and builds its maxmin
    /// mechanism.
    ///
    /// # Errors
    /// [`AsymptoticsError::Grading`] for an invalid N or cost or a numerical failure.
    pub fn new(
        design: &Prior,
        bidders: u64,
        cost: f64,
    ) -> Result<DesignedMechanism, AsymptoticsError> {
        let solution = solve(design, bidders, cost)?;
        let mechanism = Mechanism::maxmin(&solution);
        let v_lo = design.support().0;
        let mut kinks = design.value_breakpoints();
        let slope = match &mechanism {
            Mechanism::Proportional(m) => {
                for i in solution.graded_intervals() {
                    kinks.push(solution.fully_revealing_value(i.start));
                    kinks.push(solution.fully_revealing_value(i.end));
                }
                m.allocation_sensitivity(0.0)
            }
            Mechanism::PostedPrice(p) => {
                kinks.extend([p.lowest_price(), p.highest_price]);
                if p.highest_price > p.lowest_price() {
                    1.0 / ((p.highest_price - p.cost) / p.guarantee).ln()
                } else {
                    f64::INFINITY
                }
            }
            Mechanism::NoSale => 0.0,
        };
        kinks.retain(|v| v.is_finite());
        kinks.sort_by(f64::total_cmp);
        kinks.dedup();
        let bottom = (mechanism.value_multiplier(v_lo), slope);
        Ok(DesignedMechanism {
            solution,
            mechanism,
            bottom,
            kinks,
        })
    }

    /// The solved grading problem for the design prior.
    pub fn solution(&self) -> &Solution {
        &self.solution
    }

    /// The designed mechanism.
    pub fn mechanism(&self) -> &Mechanism {
        &self.mechanism
    }

    /// bar lambda_N(v; H), the value multiplier of equation (19), extended to every
    /// v >= 0 as the minimum over x of Step 1's bound (see the module documentation):
    /// constant above the support, linear or minus infinity below it.
    #[doc(alias = "bar lambda")]
    pub fn value_multiplier(&self, v: f64) -> f64 {
        let v_lo = self.solution.prior().support().0;
        if v >= v_lo {
            return self.mechanism.value_multiplier(v);
        }
        let (at_bottom, slope) = self.bottom;
        if slope.is_finite() {
            at_bottom + slope * (v - v_lo)
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Proposition 7: the guarantee bar Pi_N(H, H') = E_{H'}[bar lambda_N(v; H)] of
    /// the mechanism when the value is distributed as `truth`.
    ///
    /// # Errors
    /// [`AsymptoticsError::BelowDesignSupport`] when `truth` puts mass where the
    /// multiplier is minus infinity; [`AsymptoticsError::Numerical`] if the
    /// quadrature fails.
    #[doc(alias = "Proposition 7")]
    pub fn guarantee_under(&self, truth: &Prior) -> Result<f64, AsymptoticsError> {
        let true_bottom = truth.support().0;
        let design_bottom = self.solution.prior().support().0;
        if self.value_multiplier(true_bottom) == f64::NEG_INFINITY {
            return Err(AsymptoticsError::BelowDesignSupport {
                true_bottom,
                design_bottom,
            });
        }
        // Cuts in u (lower half) and in beta = 1 - u (upper half): the truth's own
        // break points and the truth's quantiles of the multiplier's kinks.
        let mut lower_cuts = truth.breakpoints();
        let mut upper_cuts: Vec<f64> = lower_cuts.iter().map(|a| 1.0 - a).collect();
        for &v in &self.kinks {
            lower_cuts.push(truth.cdf(v));
            upper_cuts.push(truth.sf(v));
        }
        let scale = self.solution.prior().mean().abs() + self.solution.cost() + 1.0;
        let run = |f: &dyn Fn(f64) -> f64, cuts: &[f64]| {
            integrate(
                f,
                0.0,
                0.5,
                cuts,
                ABSOLUTE_TOLERANCE * scale,
                RELATIVE_TOLERANCE,
                PANELS + cuts.len(),
            )
        };
        let lower = run(&|u| self.value_multiplier(truth.quantile(u)), &lower_cuts);
        let upper = run(
            &|beta| self.value_multiplier(truth.quantile_upper(beta)),
            &upper_cuts,
        );
        let (value, error) = (lower.value + upper.value, lower.error + upper.error);
        if value.is_finite() && error <= FAILURE_TOLERANCE * scale {
            Ok(value)
        } else {
            Err(AsymptoticsError::Numerical {
                stage: "integrating the value multiplier against the true prior",
                detail: format!("integral = {value} with error estimate {error}"),
            })
        }
    }
}

/// Proposition 7 in one call: the guarantee of the maxmin mechanism designed for
/// `design` (N bidders, cost c) when the value is distributed as `truth`.
///
/// # Errors
/// As [`DesignedMechanism::new`] and [`DesignedMechanism::guarantee_under`].
pub fn misspecified_guarantee(
    design: &Prior,
    truth: &Prior,
    bidders: u64,
    cost: f64,
) -> Result<f64, AsymptoticsError> {
    DesignedMechanism::new(design, bidders, cost)?.guarantee_under(truth)
}

/// Proposition 8's table: bar lambda_N(v; H) for every N in `bidders` (rows, in the
/// order given) at every v in `values` (columns), built in parallel; each tends
/// to v - c for v in the convex hull of the support. `progress` is called with the
/// number of N finished so far.
///
/// # Errors
/// [`AsymptoticsError::NoBidders`] for an empty list, and the first grading error.
#[doc(alias = "Proposition 8")]
pub fn value_multiplier_table<F>(
    design: &Prior,
    cost: f64,
    bidders: &[u64],
    values: &[f64],
    progress: F,
) -> Result<Vec<Vec<f64>>, AsymptoticsError>
where
    F: Fn(usize) + Sync,
{
    if bidders.is_empty() {
        return Err(AsymptoticsError::NoBidders);
    }
    let finished = std::sync::atomic::AtomicUsize::new(0);
    bidders
        .par_iter()
        .map(|&n| {
            let row = DesignedMechanism::new(design, n, cost)
                .map(|m| values.iter().map(|&v| m.value_multiplier(v)).collect());
            progress(finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            row
        })
        .collect()
}
