//! Numerical verification of the maxmin mechanism against the properties Brooks and
//! Du (2019) prove for it, each reported as a residual with a tolerance:
//!
//! | check | property |
//! |---|---|
//! | `supply_bounds` | 0 <= bar Q <= 1 (feasibility, Lemma 5) |
//! | `sensitivity_monotone` | bar mu is non-increasing (Lemma 4) |
//! | `multiplier_concave` | bar lambda is concave (Lemma 4) |
//! | `lemma_7` | `E_H[bar lambda]` = bar Pi |
//! | `lemma_8` | `E[bar Xi^p]` = 0 under g_N |
//! | `lemma_9` | profit-incentive alignment: sum_i d t_i^p / d m_i - sum_i t_i^p = bar Xi^p(sum m) |
//! | `dual_inequality`, `dual_equality` | Step 1 of the proof of Proposition 2, with equality at v = hat w(x) |
//! | `proposition_3` | truthful reporting is optimal on the minmax information structure |
//! | `truthful_profit` | the truthful equilibrium earns bar Pi (Theorem 1) |
//! | `interim_transfer` | equation (26) |
//!
//! Messages and signals are in aggregate-signal units. Tolerances of checks that
//! compare values are stated in units of V = E\[v\] + c, the natural scale of values,
//! transfers and profit; each check's description says how its tolerance was chosen.
//!
//! [`verify`] checks the maxmin mechanism built from a solution; [`verify_proportional`]
//! runs the same checks on any [`ProportionalRule`], so that a deliberately wrong
//! mechanism can be shown to fail them. For one bidder the mechanism is Du's random
//! posted price and only the checks that apply to it run (its guarantee and Du's
//! two conditions); with no gains from trade the mechanism never sells and one trivial
//! check says so.
//!
//! # Equation (26)
//! Averaging (17) over the others' signals (iid unit exponentials), a bidder in
//! position k has predecessors whose sum is Erlang(k - 1); adding the integration
//! variable x ~ g_{N-k+1} gives Erlang(N) in every term, so
//!
//!   `E[t_i^p(m_i, s_{-i})]` = integral bar Xi^p g_N - integral_0^inf bar Xi^p(m_i + y) g_N(y) dy,
//!
//! and the first term vanishes by Lemma 8 (which holds for every c, the term
//! (v_lo - c) bar Q included). So (26) holds as printed, with g_N (not g_{N-1}, the
//! density of the others' sum) for every c >= 0; `interim_transfer` tests it in that
//! form against the mechanism's own transfers.

use maxmin_erlang::Erlang;
use maxmin_grading::{Case, Solution};
use maxmin_numeric::{Integral, integrate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use crate::{Mechanism, MechanismError, Outcome, ProportionalMechanism, RandomPostedPrice};

/// The checks of the proportional mechanism (N >= 2), in report order; the last
/// three integrate over the others' signals.
const PROPORTIONAL_CHECKS: [&str; 11] = [
    "supply_bounds",
    "sensitivity_monotone",
    "multiplier_concave",
    "lemma_7",
    "lemma_8",
    "lemma_9",
    "dual_inequality",
    "dual_equality",
    "proposition_3",
    "truthful_profit",
    "interim_transfer",
];

/// Quadratures stop once the Erlang tail left out is below this probability.
const TAIL: f64 = 1e-18;
/// Relative tolerance of one-dimensional quadratures.
const QUADRATURE_RELATIVE: f64 = 1e-12;
/// Relative tolerance of each level of the nested quadratures (each inner value
/// carries this error into the outer integrand).
const NESTED_RELATIVE: f64 = 1e-10;
/// Absolute floor of every quadrature, as a fraction of its relative tolerance times
/// V: integrals near zero (Lemma 8, transfers at small reports) need a floor, and one
/// a hundred times below the relative target costs nothing in the checks' accuracy.
const ABSOLUTE_FRACTION: f64 = 1e-2;
/// Panel budget of every quadrature.
const QUADRATURE_PANELS: usize = 2000;

/// Supply is a closed form of ratios in [0, 1]; a few thousand ulps is rounding.
const SUPPLY_TOLERANCE: f64 = 1e-12;
/// bar mu's largest relative increase between neighbouring grid points; a few
/// thousand ulps is rounding of C(a, b) and (N - 1)/x.
const MONOTONE_TOLERANCE: f64 = 1e-12;
/// Concavity, dual inequality and dual equality, in units of V: bar lambda and
/// bar Xi^p come from tables fitted to 1e-14 relative, so their noise is near 1e-13 V.
const GRID_TOLERANCE: f64 = 1e-10;
/// One-dimensional expectations (Lemmas 7 and 8 and the one-dimensional form of the
/// truthful profit), in units of V: quadrature to 1e-12 relative plus the
/// mechanism's tables (1e-12), with a margin of several hundred.
const EXPECTATION_TOLERANCE: f64 = 1e-9;
/// Nested expectations of transfers (Proposition 3, the truthful profit for N = 2,
/// equation (26)), in units of V: ten times the nested quadratures' relative target.
const NESTED_TOLERANCE: f64 = 1e-9;
/// Lemma 9, per bidder and in units of V: a Richardson-extrapolated one-sided
/// difference with step h has truncation error O(h^3) (about 1e-12 at h = 1e-4), but
/// the premium tables' interpolation error, about 1e-12 V and only piecewise smooth,
/// enters each of the N derivatives divided by h: about 1e-8 V. The tolerance allows
/// five times that per bidder.
const LEMMA_9_TOLERANCE: f64 = 5e-8;

/// Points per decade of tail probability in the signal and value grids.
const POINTS_PER_DECADE: usize = 20;
/// Points on the central part of the signal and value grids.
const CENTRAL_POINTS: usize = 400;
/// The grids reach this far into each tail of G_N and H.
const GRID_TAIL: f64 = 1e-9;
/// Relative offsets placed on both sides of every break point.
const BREAK_OFFSETS: [f64; 3] = [1e-9, 1e-6, 1e-3];

/// Seed of the random bid profiles of Lemma 9.
const LEMMA_9_SEED: u64 = 0x1e_4d_a9;
/// Random bid profiles of Lemma 9 (plus a few edge cases).
const LEMMA_9_PROFILES: usize = 60;
/// Lemma 9 needs exact transfers and 3N + 1 of them per profile: it runs up to here.
const LEMMA_9_MAX_BIDDERS: u64 = 10;
/// The finite-difference step of Lemma 9, relative to the aggregate message
/// (clamped to [0.01, 1]).
const LEMMA_9_STEP: f64 = 1e-4;

/// Checks that integrate over the others' signals run up to this many bidders (the
/// integral has N - 1 dimensions).
const INTERIM_MAX_BIDDERS: u64 = 3;
/// Own signals of Proposition 3: these quantiles of the unit exponential.
const OWN_SIGNAL_LEVELS: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];
/// Reports of Proposition 3 next to each own signal, as relative offsets.
const NEIGHBOUR_OFFSETS: [f64; 2] = [-0.1, 0.1];

/// One verified property: the largest violation found and the tolerance it is held to.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// A short stable identifier, such as `lemma_9`.
    pub name: &'static str,
    /// What was computed, over which grid, how the tolerance was chosen, and where the
    /// largest violation occurred.
    pub description: String,
    /// The largest violation found (>= 0); NaN if a computation failed.
    pub residual: f64,
    /// The largest residual accepted.
    pub tolerance: f64,
    /// Whether `residual <= tolerance` (false for a NaN residual).
    pub passed: bool,
}

impl Check {
    fn new(name: &'static str, description: String, residual: f64, tolerance: f64) -> Check {
        Check {
            name,
            description,
            residual,
            tolerance,
            passed: residual <= tolerance,
        }
    }
}

/// A check that does not apply to this solution, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The check's identifier, as in [`Check::name`].
    pub name: &'static str,
    /// Why it was not run.
    pub reason: String,
}

/// The outcome of [`verify`]: the checks that ran and those that were skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The checks that ran, in the order of the module documentation.
    pub checks: Vec<Check>,
    /// The checks that do not apply to this solution, with the reason.
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// Whether every check that ran passed.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// The check with this name, if it ran.
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }
}

/// What the checks need from a proportional mechanism (N >= 2): its aggregate
/// objects and its outcome at a bid profile. [`ProportionalMechanism`] implements it;
/// a wrapper that changes one piece shows which checks detect the change.
pub trait ProportionalRule {
    /// The aggregate supply bar Q(x).
    fn aggregate_supply(&self, x: f64) -> f64;
    /// The aggregate allocation sensitivity bar mu(x).
    fn allocation_sensitivity(&self, x: f64) -> f64;
    /// The value multiplier bar lambda(v).
    fn value_multiplier(&self, v: f64) -> f64;
    /// The premium aggregate excess growth bar Xi^p(x), also at x = infinity.
    fn premium_excess_growth(&self, x: f64) -> f64;
    /// Allocations and transfers at a bid profile.
    ///
    /// # Errors
    /// When the profile is not valid for the mechanism.
    fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError>;
}

impl ProportionalRule for ProportionalMechanism {
    fn aggregate_supply(&self, x: f64) -> f64 {
        ProportionalMechanism::aggregate_supply(self, x)
    }

    fn allocation_sensitivity(&self, x: f64) -> f64 {
        ProportionalMechanism::allocation_sensitivity(self, x)
    }

    fn value_multiplier(&self, v: f64) -> f64 {
        ProportionalMechanism::value_multiplier(self, v)
    }

    fn premium_excess_growth(&self, x: f64) -> f64 {
        ProportionalMechanism::premium_excess_growth(self, x)
    }

    fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError> {
        ProportionalMechanism::outcome(self, bids)
    }
}

/// Verifies the maxmin mechanism of the solution ([`Mechanism::maxmin`]).
pub fn verify(solution: &Solution) -> Report {
    let mechanism = Mechanism::maxmin(solution);
    match &mechanism {
        Mechanism::Proportional(m) => verify_proportional(solution, m.as_ref()),
        Mechanism::PostedPrice(p) => verify_posted_price(solution, p),
        Mechanism::NoSale => verify_no_sale(solution, &mechanism),
    }
}

/// Runs the checks for N >= 2 on a proportional rule, against the solution's
/// guarantee bar Pi, graded value function and graded intervals.
pub fn verify_proportional<R: ProportionalRule + ?Sized>(solution: &Solution, rule: &R) -> Report {
    if solution.bidders() < 2 {
        return Report {
            checks: vec![Check::new(
                "applicability",
                "the proportional checks need N >= 2 bidders; for one bidder use `verify`"
                    .to_string(),
                f64::NAN,
                0.0,
            )],
            skipped: Vec::new(),
        };
    }
    let setup = Setup::new(solution, rule);
    let signals = setup.signal_grid();
    let values = setup.value_grid();
    let mut checks = vec![
        setup.supply_bounds(&signals),
        setup.sensitivity_monotone(&signals),
        setup.multiplier_concave(&values),
        setup.lemma_7(),
        setup.lemma_8(),
    ];
    let mut skipped = Vec::new();
    if setup.n <= LEMMA_9_MAX_BIDDERS {
        checks.push(setup.lemma_9());
    } else {
        skipped.push(Skipped {
            name: "lemma_9",
            reason: format!(
                "N = {} > {LEMMA_9_MAX_BIDDERS}: finite differences need 3N + 1 exact \
                 evaluations of 2^N predecessor sets per profile",
                setup.n
            ),
        });
    }
    let (inequality, equality) = setup.dual(&signals, &values);
    checks.extend([inequality, equality]);
    if setup.n <= INTERIM_MAX_BIDDERS {
        let interim = setup.interim_premiums();
        checks.push(setup.proposition_3(&interim));
        checks.push(setup.truthful_profit());
        checks.push(setup.interim_transfer(&interim));
    } else {
        for name in &PROPORTIONAL_CHECKS[8..] {
            skipped.push(Skipped {
                name,
                reason: format!(
                    "N = {} > {INTERIM_MAX_BIDDERS}: the expectation over the others' \
                     signals is an (N - 1)-dimensional integral, done by nested quadrature \
                     only up to N = {INTERIM_MAX_BIDDERS}",
                    setup.n
                ),
            });
        }
    }
    Report { checks, skipped }
}

/// The largest of two residuals, NaN if either is NaN (so a failed computation is
/// never hidden by a later finite value).
fn worst(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// The largest violation seen so far over a grid, and where it occurred.
struct Worst {
    residual: f64,
    at: Option<String>,
}

impl Worst {
    fn new() -> Worst {
        Worst {
            residual: 0.0,
            at: None,
        }
    }

    /// Records a violation (>= 0, or NaN when an evaluation failed); the first NaN
    /// stays, so a failure is never hidden by later finite values.
    fn record(&mut self, violation: f64, at: impl FnOnce() -> String) {
        if self.residual.is_nan() {
            return;
        }
        if violation.is_nan() || violation > self.residual {
            self.residual = violation;
            self.at = Some(at());
        }
    }

    /// Where the largest violation occurred, for a description.
    fn place(&self) -> String {
        match &self.at {
            Some(at) => format!("largest at {at}"),
            None => "no violation".to_string(),
        }
    }
}

/// The Erlang distribution of a shape the solution guarantees valid (1 to N + 1).
fn erlang(shape: u64) -> Erlang {
    Erlang::new(shape).expect("shapes 1..=N + 1 are valid for a solved N")
}

/// Probability levels from `GRID_TAIL` up to 1/2, log-spaced, then evenly spaced
/// central levels: the grids use them from each tail.
fn probability_levels() -> Vec<f64> {
    let decades = -GRID_TAIL.log10();
    let count = (decades * POINTS_PER_DECADE as f64).ceil() as usize;
    let mut levels: Vec<f64> = (0..=count)
        .map(|k| GRID_TAIL * 10f64.powf(decades * k as f64 / count as f64))
        .filter(|&p| p < 0.5)
        .collect();
    levels.extend((1..CENTRAL_POINTS / 2).map(|k| k as f64 / CENTRAL_POINTS as f64));
    levels.push(0.5);
    levels
}

fn sort_dedup(xs: &mut Vec<f64>) {
    xs.sort_by(f64::total_cmp);
    xs.dedup();
}

/// The solution, the rule under test and the quantities every check uses.
struct Setup<'a, R: ?Sized> {
    solution: &'a Solution,
    rule: &'a R,
    n: u64,
    v_lo: f64,
    cost: f64,
    bounded: bool,
    /// V = E\[v\] + c, the unit of the tolerances.
    scale: f64,
    /// The aggregate signals where bar Q, bar mu, bar w, hat w or bar Xi^p have kinks
    /// or jumps: the graded ends and the signal break points, sorted.
    cuts: Vec<f64>,
}

impl<'a, R: ProportionalRule + ?Sized> Setup<'a, R> {
    fn new(solution: &'a Solution, rule: &'a R) -> Setup<'a, R> {
        let (v_lo, v_hi) = solution.prior().support();
        let mut cuts = solution.signal_breakpoints();
        for i in solution.graded_intervals() {
            cuts.extend([i.start, i.end]);
        }
        cuts.retain(|&x| x > 0.0 && x.is_finite());
        sort_dedup(&mut cuts);
        let scale = solution.prior().mean().abs() + solution.cost();
        Setup {
            solution,
            rule,
            n: solution.bidders(),
            v_lo,
            cost: solution.cost(),
            bounded: v_hi.is_finite(),
            scale: if scale > 0.0 && scale.is_finite() {
                scale
            } else {
                1.0
            },
            cuts,
        }
    }

    /// Quadrature of f over [lo, hi] with the break points, at a relative tolerance.
    fn quadrature(
        &self,
        f: impl FnMut(f64) -> f64,
        lo: f64,
        hi: f64,
        cuts: &[f64],
        relative: f64,
    ) -> Integral {
        integrate(
            f,
            lo,
            hi,
            cuts,
            ABSOLUTE_FRACTION * relative * self.scale,
            relative,
            QUADRATURE_PANELS + cuts.len(),
        )
    }

    /// integral_0^inf f(y) g_shape(y) dy, with the mechanism's break points moved
    /// down by each of the shifts (f is evaluated at arguments shift + y).
    fn expect(
        &self,
        shape: u64,
        shifts: &[f64],
        relative: f64,
        mut f: impl FnMut(f64) -> f64,
    ) -> Integral {
        let g = erlang(shape);
        let mut cuts: Vec<f64> = shifts
            .iter()
            .flat_map(|s| self.cuts.iter().map(move |e| e - s))
            .collect();
        cuts.extend([g.quantile(1e-3), g.quantile(0.5), g.quantile_sf(1e-3)]);
        self.quadrature(
            |y| {
                let density = g.pdf(y);
                if density == 0.0 { 0.0 } else { f(y) * density }
            },
            0.0,
            g.quantile_sf(TAIL),
            &cuts,
            relative,
        )
    }

    /// Aggregate signals: quantiles of G_N from both tails, and points on and just
    /// beside every break point (all positive).
    fn signal_grid(&self) -> Vec<f64> {
        let g = erlang(self.n);
        let mut xs: Vec<f64> = probability_levels()
            .into_iter()
            .flat_map(|p| [g.quantile(p), g.quantile_sf(p)])
            .collect();
        for &e in &self.cuts {
            xs.push(e);
            for r in BREAK_OFFSETS {
                xs.extend([e * (1.0 - r), e * (1.0 + r)]);
            }
        }
        xs.retain(|&x| x > 0.0 && x.is_finite());
        sort_dedup(&mut xs);
        xs
    }

    /// Values: quantiles of H from both tails, points on and beside the prior's break
    /// points, points inside every gap (where bar lambda is linear) and hat w at the
    /// mechanism's break points (where bar lambda's slope changes), all in the support.
    fn value_grid(&self) -> Vec<f64> {
        let prior = self.solution.prior();
        let (lo, hi) = prior.support();
        let mut vs: Vec<f64> = probability_levels()
            .into_iter()
            .flat_map(|p| [prior.quantile(p), prior.quantile_upper(p)])
            .collect();
        vs.extend([lo, hi]);
        for b in prior.value_breakpoints() {
            vs.push(b);
            for r in BREAK_OFFSETS {
                let d = r * (1.0 + b.abs());
                vs.extend([b - d, b + d]);
            }
        }
        for gap in prior.gaps() {
            vs.extend((1..8).map(|k| gap.lo + (gap.hi - gap.lo) * k as f64 / 8.0));
        }
        vs.extend(
            self.cuts
                .iter()
                .map(|&e| self.solution.fully_revealing_value(e)),
        );
        vs.retain(|&v| v.is_finite() && v >= lo && v <= hi);
        sort_dedup(&mut vs);
        vs
    }

    fn supply_bounds(&self, signals: &[f64]) -> Check {
        let mut worst_seen = Worst::new();
        for &x in std::iter::once(&0.0).chain(signals) {
            let q = self.rule.aggregate_supply(x);
            worst_seen.record(worst(worst(-q, q - 1.0), 0.0), || format!("x = {x:.6e}"));
        }
        Check::new(
            "supply_bounds",
            format!(
                "0 <= bar Q(x) <= 1 (Lemma 5) at x = 0 and {} aggregate signals (quantiles of \
                 G_N from 1e-9 to 1 - 1e-9, graded ends and signal break points with points \
                 1e-9, 1e-6, 1e-3 relative on either side); residual = largest amount outside \
                 [0, 1] ({}); tolerance {SUPPLY_TOLERANCE:e}, a few thousand ulps of the \
                 closed form",
                signals.len(),
                worst_seen.place()
            ),
            worst_seen.residual,
            SUPPLY_TOLERANCE,
        )
    }

    fn sensitivity_monotone(&self, signals: &[f64]) -> Check {
        let mut worst_seen = Worst::new();
        for pair in signals.windows(2) {
            let (left, right) = (
                self.rule.allocation_sensitivity(pair[0]),
                self.rule.allocation_sensitivity(pair[1]),
            );
            // A zero sensitivity followed by zero is not an increase.
            let increase = (right - left) / left.abs().max(f64::MIN_POSITIVE);
            worst_seen.record(worst(increase, 0.0), || {
                format!("x = {:.6e} to {:.6e}", pair[0], pair[1])
            });
        }
        Check::new(
            "sensitivity_monotone",
            format!(
                "bar mu non-increasing (Lemma 4) over the same {} positive aggregate signals; \
                 residual = largest relative increase between neighbours ({}); tolerance \
                 {MONOTONE_TOLERANCE:e} relative (rounding of C(a, b) and (N-1)/x)",
                signals.len(),
                worst_seen.place()
            ),
            worst_seen.residual,
            MONOTONE_TOLERANCE,
        )
    }

    fn multiplier_concave(&self, values: &[f64]) -> Check {
        let lambda: Vec<f64> = values
            .iter()
            .map(|&v| self.rule.value_multiplier(v))
            .collect();
        let mut worst_seen = Worst::new();
        for k in 1..values.len().saturating_sub(1) {
            let (v0, v1, v2) = (values[k - 1], values[k], values[k + 1]);
            // The chord through the neighbours must lie below a concave function.
            let chord = (lambda[k - 1] * (v2 - v1) + lambda[k + 1] * (v1 - v0)) / (v2 - v0);
            worst_seen.record(worst(chord - lambda[k], 0.0), || format!("v = {v1:.6e}"));
        }
        let tolerance = GRID_TOLERANCE * self.scale;
        Check::new(
            "multiplier_concave",
            format!(
                "bar lambda concave on the prior's support (Lemma 4) at {} values (quantiles of \
                 H from both tails to 1e-9, break points with offsets, points inside gaps, \
                 where bar lambda is linear, and hat w at the graded ends); residual = largest \
                 height of a neighbour chord above bar lambda ({}); tolerance \
                 {GRID_TOLERANCE:e} V with V = E[v] + c = {:.6}, about 1000 times the noise \
                 of bar lambda's tables",
                values.len(),
                worst_seen.place(),
                self.scale
            ),
            worst_seen.residual,
            tolerance,
        )
    }

    fn lemma_7(&self) -> Check {
        let r = self.expect(self.n, &[0.0], QUADRATURE_RELATIVE, |x| {
            self.rule
                .value_multiplier(self.solution.fully_revealing_value(x))
        });
        let target = self.solution.profit_guarantee();
        Check::new(
            "lemma_7",
            format!(
                "|E_H[bar lambda(v)] - bar Pi| with E = integral bar lambda(hat w(x)) g_N(x) dx \
                 by adaptive Gauss-Kronrod (relative tolerance {QUADRATURE_RELATIVE:e}, break \
                 points at graded ends and signal break points; estimate {:.12}, bar Pi = \
                 {target:.12}, quadrature error estimate {:.1e}); tolerance \
                 {EXPECTATION_TOLERANCE:e} V",
                r.value, r.error
            ),
            (r.value - target).abs(),
            EXPECTATION_TOLERANCE * self.scale,
        )
    }

    fn lemma_8(&self) -> Check {
        let r = self.expect(self.n, &[0.0], QUADRATURE_RELATIVE, |x| {
            self.rule.premium_excess_growth(x)
        });
        Check::new(
            "lemma_8",
            format!(
                "|integral bar Xi^p(x) g_N(x) dx| by the same quadrature (error estimate \
                 {:.1e}); tolerance {EXPECTATION_TOLERANCE:e} V",
                r.error
            ),
            r.value.abs(),
            EXPECTATION_TOLERANCE * self.scale,
        )
    }

    /// The premium transfers t^p = t - v_lo q at a profile (NaN if the rule refuses it).
    fn premiums(&self, bids: &[f64]) -> Vec<f64> {
        match self.rule.outcome(bids) {
            Ok(o) => o
                .transfers
                .iter()
                .zip(&o.allocation)
                .map(|(t, q)| t - self.v_lo * q)
                .collect(),
            Err(_) => vec![f64::NAN; bids.len()],
        }
    }

    /// The step of the finite differences at a profile.
    fn lemma_9_step(bids: &[f64]) -> f64 {
        LEMMA_9_STEP * bids.iter().sum::<f64>().clamp(0.01, 1.0)
    }

    /// Whether every nonempty subset sum of the profile stays four steps away from the
    /// mechanism's break points (bar Xi^p jumps or kinks there, and the premium's
    /// derivative with it), so that the differences see a smooth function.
    fn smooth_at(&self, bids: &[f64]) -> bool {
        let h = Setup::<R>::lemma_9_step(bids);
        let n = bids.len();
        (1_usize..1 << n).all(|u| {
            let y: f64 = (0..n).filter(|i| u & (1 << i) != 0).map(|i| bids[i]).sum();
            self.cuts.iter().all(|e| (y - e).abs() > 4.0 * h)
        })
    }

    fn lemma_9(&self) -> Check {
        let n = self.n as usize;
        let mut rng = SmallRng::seed_from_u64(LEMMA_9_SEED);
        let exponential = |rng: &mut SmallRng| -(1.0 - rng.random::<f64>()).ln();
        let mut candidates: Vec<Vec<f64>> = vec![vec![0.0; n]];
        let mut one_zero: Vec<f64> = (0..n).map(|_| exponential(&mut rng)).collect();
        one_zero[0] = 0.0;
        candidates.push(one_zero);
        let equal = exponential(&mut rng);
        candidates.push(vec![equal; n]);
        let mut one_large: Vec<f64> = (0..n).map(|_| 0.1 * exponential(&mut rng)).collect();
        one_large[n - 1] = 25.0;
        candidates.push(one_large);
        candidates.push((0..n).map(|_| 1e-3 * exponential(&mut rng)).collect());
        for _ in 0..LEMMA_9_PROFILES {
            // Spread the aggregate over a factor of about 30 around its typical size N.
            let spread = (rng.random::<f64>() * 3.5 - 2.0).exp();
            candidates.push((0..n).map(|_| spread * exponential(&mut rng)).collect());
        }
        let total = candidates.len();
        candidates.retain(|m| self.smooth_at(m));
        let mut worst_seen = Worst::new();
        for m in &candidates {
            let h = Setup::<R>::lemma_9_step(m);
            let base = self.premiums(m);
            let mut divergence = 0.0;
            for i in 0..n {
                let shifted = |d: f64| {
                    let mut b = m.clone();
                    b[i] += d;
                    self.premiums(&b)[i]
                };
                // Second-order one-sided difference, error c2 h^2 + c3 h^3 + ...
                let one_sided = |step: f64| {
                    (-3.0 * base[i] + 4.0 * shifted(step) - shifted(2.0 * step)) / (2.0 * step)
                };
                // Richardson's extrapolation removes the h^2 term.
                let (coarse, fine) = (one_sided(h), one_sided(0.5 * h));
                divergence += (4.0 * fine - coarse) / 3.0;
            }
            let sum: f64 = base.iter().sum();
            let aggregate: f64 = m.iter().sum();
            let violation = (divergence - sum - self.rule.premium_excess_growth(aggregate)).abs();
            worst_seen.record(violation, || format!("m = {m:.4?}"));
        }
        Check::new(
            "lemma_9",
            format!(
                "|sum_i d t_i^p/d m_i - sum_i t_i^p - bar Xi^p(sum m)| (Lemma 9) at {} bid \
                 profiles (the zero profile, one zero bid, equal bids, one bid of 25, tiny \
                 bids, and random profiles with iid exponential bids of random scale, seed \
                 {LEMMA_9_SEED:#x}; {} of {total} candidates kept, those with a subset sum \
                 within 4h of a graded end or signal break point dropped because bar Xi^p \
                 jumps or kinks there); right derivatives by a second-order one-sided \
                 difference with Richardson extrapolation, h = {LEMMA_9_STEP:e} times the \
                 aggregate clamped to [0.01, 1]; {}; tolerance N x {LEMMA_9_TOLERANCE:e} V: \
                 each derivative carries the premium tables' interpolation error (about \
                 1e-12 V) divided by h, and five times that is allowed per bidder",
                candidates.len(),
                candidates.len(),
                worst_seen.place()
            ),
            worst_seen.residual,
            LEMMA_9_TOLERANCE * self.n as f64 * self.scale,
        )
    }

    fn dual(&self, signals: &[f64], values: &[f64]) -> (Check, Check) {
        let lambda: Vec<f64> = values
            .iter()
            .map(|&v| self.rule.value_multiplier(v))
            .collect();
        let mut violation = Worst::new();
        let mut gap = Worst::new();
        for &x in signals {
            let mu = self.rule.allocation_sensitivity(x);
            let xi = self.rule.premium_excess_growth(x);
            let base = (self.v_lo - self.cost) * self.rule.aggregate_supply(x);
            let bound = |v: f64| (v - self.v_lo) * mu - xi + base;
            for (&v, &l) in values.iter().zip(&lambda) {
                violation.record(worst(l - bound(v), 0.0), || {
                    format!("(v, x) = ({v:.6e}, {x:.6e})")
                });
            }
            let v = self.solution.fully_revealing_value(x);
            gap.record((self.rule.value_multiplier(v) - bound(v)).abs(), || {
                format!("x = {x:.6e}")
            });
        }
        let tolerance = GRID_TOLERANCE * self.scale;
        let inequality = Check::new(
            "dual_inequality",
            format!(
                "bar lambda(v) <= (v - v_lo) bar mu(x) - bar Xi^p(x) + (v_lo - c) bar Q(x) \
                 (Step 1 of Proposition 2) on the {} x {} grid of values and positive aggregate \
                 signals; residual = largest excess of the left side ({}); tolerance \
                 {GRID_TOLERANCE:e} V",
                values.len(),
                signals.len(),
                violation.place()
            ),
            violation.residual,
            tolerance,
        );
        let equality = Check::new(
            "dual_equality",
            format!(
                "the same inequality holds with equality at v = hat w(x): residual = largest \
                 |gap| over the {} aggregate signals ({}); tolerance {GRID_TOLERANCE:e} V",
                signals.len(),
                gap.place()
            ),
            gap.residual,
            tolerance,
        );
        (inequality, equality)
    }

    /// The profile of bidder 0's message m against others whose messages sum to x,
    /// split as (x u, x (1 - u)) for three bidders.
    fn profile(&self, m: f64, x: f64, u: f64) -> Vec<f64> {
        match self.n {
            2 => vec![m, x],
            _ => vec![m, x * u, x * (1.0 - u)],
        }
    }

    /// The average of f over the others' messages given their sum x: for N = 2 there
    /// is one message; for N = 3 the split (x u, x (1 - u)) has u uniform on [0, 1]
    /// (iid exponentials given their sum), and f's symmetry in the others' messages
    /// reduces it to u in [0, 1/2].
    fn split_average(&self, m: f64, x: f64, f: &impl Fn(&[f64]) -> f64) -> f64 {
        if self.n == 2 || x == 0.0 {
            return f(&self.profile(m, x, 0.5));
        }
        // Kinks where either of the others' messages, alone or with m, meets a break point.
        let cuts: Vec<f64> = self
            .cuts
            .iter()
            .flat_map(|e| [e / x, (e - m) / x])
            .flat_map(|u| [u, 1.0 - u])
            .collect();
        2.0 * self
            .quadrature(
                |u| f(&self.profile(m, x, u)),
                0.0,
                0.5,
                &cuts,
                NESTED_RELATIVE,
            )
            .value
    }

    /// E over the others' signals (iid unit exponentials, sum ~ g_{N-1}) of f at the
    /// profile where bidder 0 reports m.
    fn expect_others(&self, m: f64, f: impl Fn(&[f64]) -> f64) -> f64 {
        let g = erlang(self.n - 1);
        let mut cuts: Vec<f64> = self.cuts.iter().flat_map(|e| [*e, e - m]).collect();
        cuts.extend([g.quantile(1e-3), g.quantile(0.5), g.quantile_sf(1e-3)]);
        self.quadrature(
            |x| {
                let density = g.pdf(x);
                if density == 0.0 {
                    0.0
                } else {
                    self.split_average(m, x, &f) * density
                }
            },
            0.0,
            g.quantile_sf(TAIL),
            &cuts,
            NESTED_RELATIVE,
        )
        .value
    }

    /// The own signals of Proposition 3.
    fn own_signals(&self) -> Vec<f64> {
        OWN_SIGNAL_LEVELS.iter().map(|&p| -(1.0 - p).ln()).collect()
    }

    /// The reports of Proposition 3: 0, the own signals and their neighbours, and
    /// infinity for a bounded prior.
    fn reports(&self) -> Vec<f64> {
        let mut reports = vec![0.0];
        for m in self.own_signals() {
            reports.push(m);
            reports.extend(NEIGHBOUR_OFFSETS.iter().map(|r| m * (1.0 + r)));
        }
        if self.bounded {
            reports.push(f64::INFINITY);
        }
        reports
    }

    /// (report, E over the others of bidder 0's premium transfer) for every report.
    fn interim_premiums(&self) -> Vec<(f64, f64)> {
        self.reports()
            .into_iter()
            .map(|r| {
                let premium = self.expect_others(r, |b| self.premiums(b)[0]);
                (r, premium)
            })
            .collect()
    }

    fn proposition_3(&self, interim: &[(f64, f64)]) -> Check {
        let allocation = |b: &[f64]| match self.rule.outcome(b) {
            Ok(o) => o.allocation[0],
            Err(_) => f64::NAN,
        };
        let mut worst_seen = Worst::new();
        // The smallest loss from a misreport shows how sharply the check separates
        // truthful reporting from its neighbours, compared with the tolerance.
        let mut closest = f64::INFINITY;
        let mut closest_at = (0.0, 0.0);
        for m in self.own_signals() {
            // U(m, m') = E[(bar w(m + X) - v_lo) q_0(m', s_{-0}) - t_0^p(m', s_{-0})];
            // the allocation depends on the others only through their sum X.
            let payoffs: Vec<(f64, f64)> = interim
                .iter()
                .map(|&(report, premium)| {
                    let value = self.expect(self.n - 1, &[m, report], QUADRATURE_RELATIVE, |x| {
                        (self.solution.graded_value(m + x) - self.v_lo)
                            * allocation(&self.profile(report, x, 0.5))
                    });
                    (report, value.value - premium)
                })
                .collect();
            let truthful = payoffs
                .iter()
                .find(|(r, _)| *r == m)
                .map_or(f64::NAN, |p| p.1);
            for &(r, u) in payoffs.iter().filter(|(r, _)| *r != m) {
                worst_seen.record(worst(u - truthful, 0.0), || {
                    format!("(m, m') = ({m:.4}, {r:.4})")
                });
                if truthful - u < closest {
                    closest = truthful - u;
                    closest_at = (m, r);
                }
            }
        }
        Check::new(
            "proposition_3",
            format!(
                "truthful reporting is optimal on the minmax information structure \
                 (Proposition 3): U(m, m') <= U(m, m) with U(m, m') = E[(bar w(m + sum s_-i) - \
                 v_lo) q_i(m', s_-i) - t_i^p(m', s_-i)] over the others' iid unit exponential \
                 signals, for own signals m at the {OWN_SIGNAL_LEVELS:?} quantiles of Exp(1) \
                 and {} reports m' (0, each m and m(1 -/+ 0.1){}); the transfer is integrated \
                 by nested adaptive quadrature (sum of the others ~ g_(N-1), and for N = 3 \
                 their split uniform), relative tolerance {NESTED_RELATIVE:e} per level; \
                 residual = largest gain from misreporting ({}); smallest loss from \
                 misreporting {closest:.3e} (at (m, m') = ({:.4}, {:.4})); tolerance \
                 {NESTED_TOLERANCE:e} V",
                interim.len(),
                if self.bounded { ", and infinity" } else { "" },
                worst_seen.place(),
                closest_at.0,
                closest_at.1
            ),
            worst_seen.residual,
            NESTED_TOLERANCE * self.scale,
        )
    }

    fn truthful_profit(&self) -> Check {
        let target = self.solution.profit_guarantee();
        if self.n == 2 {
            // Realised profit sum_i (t_i - c q_i), integrated over both signals.
            let profit = |b: &[f64]| match self.rule.outcome(b) {
                Ok(o) => {
                    let t: f64 = o.transfers.iter().sum();
                    let q: f64 = o.allocation.iter().sum();
                    t - self.cost * q
                }
                Err(_) => f64::NAN,
            };
            let own = erlang(1);
            let value = self
                .quadrature(
                    |m| own.pdf(m) * self.expect_others(m, |b: &[f64]| profit(b)),
                    0.0,
                    own.quantile_sf(TAIL),
                    &self.cuts,
                    NESTED_RELATIVE,
                )
                .value;
            return Check::new(
                "truthful_profit",
                format!(
                    "|E[sum_i (t_i(s) - c q_i(s))] - bar Pi| for truthful bidders with signals \
                     s iid unit exponential: a two-dimensional nested adaptive quadrature of \
                     the mechanism's outcomes (relative tolerance {NESTED_RELATIVE:e} per \
                     level; profit {value:.10}, bar Pi = {target:.10}); tolerance \
                     {NESTED_TOLERANCE:e} V"
                ),
                (value - target).abs(),
                NESTED_TOLERANCE * self.scale,
            );
        }
        // Averaging (26) over the own signal m ~ Exp(1) turns m + y into Erlang(N + 1),
        // and sum_i E[q_i] = E[bar Q]: profit = (v_lo - c) E_N[bar Q] - N E_(N+1)[bar Xi^p].
        let supply = self.expect(self.n, &[0.0], QUADRATURE_RELATIVE, |x| {
            self.rule.aggregate_supply(x)
        });
        let excess = self.expect(self.n + 1, &[0.0], QUADRATURE_RELATIVE, |x| {
            self.rule.premium_excess_growth(x)
        });
        let value = (self.v_lo - self.cost) * supply.value - self.n as f64 * excess.value;
        Check::new(
            "truthful_profit",
            format!(
                "|E[profit] - bar Pi| for truthful bidders on the minmax information structure, \
                 N = {}: averaging (26) over the own signal (m + y ~ g_(N+1)) gives profit = \
                 (v_lo - c) E_(g_N)[bar Q] - N E_(g_(N+1))[bar Xi^p], a one-dimensional \
                 quadrature (profit {value:.10}, bar Pi = {target:.10}); (26) itself is checked \
                 against the mechanism's transfers by `interim_transfer` (a direct \
                 three-dimensional integral of the outcomes would exceed the time budget); \
                 tolerance {EXPECTATION_TOLERANCE:e} V",
                self.n
            ),
            (value - target).abs(),
            EXPECTATION_TOLERANCE * self.scale,
        )
    }

    fn interim_transfer(&self, interim: &[(f64, f64)]) -> Check {
        let mut worst_seen = Worst::new();
        for &(r, premium) in interim {
            let predicted = if r == f64::INFINITY {
                -self.rule.premium_excess_growth(f64::INFINITY)
            } else {
                -self
                    .expect(self.n, &[r], QUADRATURE_RELATIVE, |y| {
                        self.rule.premium_excess_growth(r + y)
                    })
                    .value
            };
            worst_seen.record((premium - predicted).abs(), || format!("m = {r:.4}"));
        }
        Check::new(
            "interim_transfer",
            format!(
                "equation (26): |E[t_i^p(m, s_-i)] + integral_0^inf bar Xi^p(m + y) g_N(y) dy| \
                 with the density g_N (derived in the module documentation: valid for every \
                 c), the left side by nested quadrature of the mechanism's transfers over the \
                 others' iid unit exponential signals, at the {} reports of `proposition_3` \
                 (at infinity the right side is -bar Xi^p(inf)); {}; tolerance \
                 {NESTED_TOLERANCE:e} V",
                interim.len(),
                worst_seen.place()
            ),
            worst_seen.residual,
            NESTED_TOLERANCE * self.scale,
        )
    }
}

/// One bidder: Du's random posted price.
fn verify_posted_price(solution: &Solution, price: &RandomPostedPrice) -> Report {
    let prior = solution.prior();
    let cost = solution.cost();
    let scale = (prior.mean().abs() + cost).max(f64::MIN_POSITIVE);
    let r = price.guarantee;
    let guarantee_gap = worst(
        (r - solution.graded_gains(0.0)).abs(),
        (r - solution.profit_guarantee()).abs(),
    );
    let xbar = price.highest_price - cost;
    // E[min(v - c, xbar)] from the prior's exact partial integrals.
    let k = price.highest_price;
    let expected = prior.lower_partial(prior.cdf(k)) + k * prior.sf(k) - cost;
    let du = (r * (1.0 + (xbar / r).ln()) - expected).abs();
    let du = if r > 0.0 && xbar >= r { du } else { f64::NAN };
    // Du's first condition, the tangency at x*: R = xbar (1 - G_1(x*)) with
    // G_1(x*) = H(xbar + c) where H is continuous, and G_1(x*) anywhere in
    // [H((xbar + c)-), H(xbar + c)] at an atom.
    let atom: f64 = prior
        .atoms()
        .iter()
        .filter(|a| a.value == k)
        .map(|a| a.probability)
        .sum();
    let (low, high) = (xbar * prior.sf(k), xbar * (prior.sf(k) + atom));
    let tangency = worst(worst(low - r, r - high), 0.0);
    let checks = vec![
        Check::new(
            "guarantee_at_zero",
            format!(
                "the posted price's guarantee R = {r:.10} equals bar gamma(0) and bar Pi: \
                 residual = the larger difference; tolerance 1e-12 V (both are the same \
                 closed form)"
            ),
            guarantee_gap,
            1e-12 * scale,
        ),
        Check::new(
            "du_condition",
            format!(
                "Du's condition R (1 + ln(xbar / R)) = E[min(v - c, xbar)] with xbar = highest \
                 price - c = {xbar:.10}; the expectation from the prior's exact partial \
                 integrals ({expected:.10}); tolerance {EXPECTATION_TOLERANCE:e} V (the graded \
                 ends are exact to about 1e-13 relative)"
            ),
            du,
            EXPECTATION_TOLERANCE * scale,
        ),
        Check::new(
            "du_tangency",
            format!(
                "Du's condition R = xbar (1 - H(xbar + c)), at an atom of H at the highest price \
                 R in [xbar (1 - H(p)), xbar (1 - H(p-))] with p the highest price; residual = \
                 distance of R from [{low:.10}, {high:.10}]; tolerance \
                 {EXPECTATION_TOLERANCE:e} V"
            ),
            tangency,
            EXPECTATION_TOLERANCE * scale,
        ),
    ];
    Report {
        checks,
        skipped: skip_proportional(
            "one bidder: the maxmin mechanism is Du's random posted price, not the \
             proportional rule (bar mu would be 0, and Lemma 8 fails because g_1(0) = 1)",
        ),
    }
}

/// No gains from trade: the seller keeps the good.
fn verify_no_sale(solution: &Solution, mechanism: &Mechanism) -> Report {
    let n = solution.bidders() as usize;
    let mut residual = solution.profit_guarantee().abs();
    for bids in [vec![0.0; n], vec![1.0; n], vec![f64::INFINITY; n]] {
        residual = match mechanism.outcome(&bids) {
            Ok(o) => o
                .allocation
                .iter()
                .chain(&o.transfers)
                .fold(residual, |acc, x| worst(acc, x.abs())),
            Err(_) => f64::NAN,
        };
    }
    Report {
        checks: vec![Check::new(
            "no_sale",
            format!(
                "{}: bar Pi = 0 and the mechanism allocates nothing and charges nothing (at \
                 zero, unit and infinite bids); residual = largest |bar Pi|, |q_i| or |t_i|; \
                 tolerance 0",
                Case::NoGainsFromTrade.reason()
            ),
            residual,
            0.0,
        )],
        skipped: skip_proportional("no gains from trade: the mechanism never sells"),
    }
}

/// Every check of the proportional mechanism, skipped for one reason.
fn skip_proportional(reason: &str) -> Vec<Skipped> {
    PROPORTIONAL_CHECKS
        .into_iter()
        .map(|name| Skipped {
            name,
            reason: reason.to_string(),
        })
        .collect()
}
