//! Du's (2018) exponential mechanism, guarantee by its duality certificate (the
//! white diamonds of Figure 4). The formula for N >= 2 is a reconstruction from
//! Du's construction, not a quotation, and is kept behind its own tests.
//!
//! Bids s_i lie in [0, 1]. Each layer [x, x + dx] of the good is split equally
//! among the bidders whose bids reach it, q_i(s) = integral_0^{s_i} dx / #{j : s_j >= x},
//! and each bidder pays t_i(s) = X (exp(s_i / A) - 1) whatever happens (all-pay),
//! with parameters A > 0 and X > 0.
//!
//! # The certificate
//! Raising s_i < 1 gains bidder i the allocation 1 / (1 + k_i), with k_i the number
//! of others bidding strictly more, and costs (X/A) e^{s_i / A}; no upward
//! deviation pays, so in expectation (X/A) e^{s_i / A} >= v / (1 + k_i), and a bid
//! of 1 pays xbar = (X/A) e^{1/A} at the margin. Revenue is
//! A sum_i (X/A) e^{s_i / A} - N X. If m bidders bid 1, the others' 1 / (1 + k_i)
//! sum to at least h_N - h_m (h_n the harmonic numbers; ties only raise the sum, as
//! v >= 0), so
//!
//!   Pi_Du(A, xbar) = A (`E[min over k = 0..N of (v (h_N - h_k) + k xbar)]` - N xbar e^{-1/A})
//!
//! bounds revenue from below in every equilibrium of every information structure.
//! The minimising k is min(N, floor(v / xbar)), and the expectation is
//! M(xbar) = h_N `E[v]` - sum_{j=1}^N `E[(v - j xbar)^+]` / j, exactly, from the prior's
//! partial quantile integrals.
//!
//! # Optimising the parameters
//! For fixed xbar, writing B = 1/A, the certificate (M - N xbar e^{-B}) / B is
//! maximal where (1 + B) e^{-B} = M / (N xbar), and its maximum is M / (1 + B):
//! a one-dimensional search over xbar remains (a logarithmic grid, then golden
//! section). For one bidder this is Du's optimal mechanism: the conditions
//! R (1 + ln(xbar / R)) = `E[min(v, xbar)]` and R = xbar (1 - H(xbar)), with R the
//! guarantee, which equals the paper's bar Pi_1.
//!
//! With a cost the certificate would also have to bound the expected aggregate
//! allocation max_j s_j, which it does not; a positive cost is an error.

use maxmin_numeric::find_root;
use maxmin_prior::Prior;

use crate::{CompareError, check_bidders, check_cost, grid_maximise};

/// The name used in errors.
const MECHANISM: &str = "Du (2018) exponential mechanism";
/// The largest number of bidders: each evaluation of M sums over up to N terms.
pub const DU_MAX_BIDDERS: u64 = 1_000_000;
/// Grid points of the search over ln xbar, before golden-section refinement.
const GRID_POINTS: usize = 160;
/// The search over xbar starts this far below `E[v]` / N.
const XBAR_LOW_FACTOR: f64 = 1e-3;
/// For an unbounded prior the search over xbar ends at H^{-1}(1 - this).
const UPPER_TAIL: f64 = 1e-12;
/// The sum in M stops, for an unbounded prior, when a term falls below this
/// fraction of `E[v]`.
const SUM_TOLERANCE: f64 = 1e-18;

/// Du's exponential mechanism with optimised parameters and its guarantee.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExponentialMechanism {
    /// The guarantee: the duality certificate Pi_Du(A, xbar) at the optimum.
    pub guarantee: f64,
    /// A, the scale of the exponential transfer X (exp(s / A) - 1); infinite when
    /// the certificate's supremum is only approached as A grows without bound
    /// (values at least N xbar almost surely, as for a single atom).
    pub scale: f64,
    /// xbar = (X / A) e^{1/A}, the marginal price of the top bid s = 1.
    pub top_marginal_price: f64,
    /// X = A xbar e^{-1/A}, the transfer's multiplier (infinite with A).
    pub fee: f64,
}

/// Du's exponential mechanism for N bidders and c = 0, with A and xbar chosen to
/// maximise the duality certificate (see the module documentation).
///
/// # Errors
/// [`CompareError::Bidders`] for N = 0 or N > [`DU_MAX_BIDDERS`];
/// [`CompareError::Cost`] for an invalid cost; [`CompareError::CostNotSupported`]
/// for c > 0; [`CompareError::Numerical`] if the parameter search fails.
pub fn du_exponential_mechanism(
    prior: &Prior,
    bidders: u64,
    cost: f64,
) -> Result<ExponentialMechanism, CompareError> {
    check_inputs(bidders, cost)?;
    let expectation = Expectation::new(prior, bidders);
    let mean = prior.mean();
    if mean <= 0.0 {
        return Ok(ExponentialMechanism {
            guarantee: 0.0,
            scale: 1.0,
            top_marginal_price: 0.0,
            fee: 0.0,
        });
    }
    let n = bidders as f64;
    let (_, v_hi) = prior.support();
    let top = if v_hi.is_finite() {
        v_hi
    } else {
        prior.quantile_upper(UPPER_TAIL)
    };
    let lo = (XBAR_LOW_FACTOR * mean / n).ln();
    let hi = top.ln();
    let grid: Vec<f64> = (0..=GRID_POINTS)
        .map(|i| lo + (hi - lo) * i as f64 / GRID_POINTS as f64)
        .collect();
    let (ln_xbar, guarantee) = grid_maximise(
        |t| {
            let (m, b) = expectation.best_exponent(t.exp());
            m / (1.0 + b)
        },
        &grid,
    );
    if !(guarantee.is_finite() && guarantee > 0.0) {
        return Err(CompareError::Numerical {
            mechanism: MECHANISM,
            detail: format!("the search over xbar for N = {bidders} ended at {guarantee}"),
        });
    }
    let xbar = ln_xbar.exp();
    let (_, b) = expectation.best_exponent(xbar);
    let scale = 1.0 / b;
    Ok(ExponentialMechanism {
        guarantee,
        scale,
        top_marginal_price: xbar,
        fee: scale * xbar * (-b).exp(),
    })
}

/// The duality certificate Pi_Du(A, xbar) of Du's exponential mechanism at given
/// parameters A = `scale` > 0 and xbar = `top_marginal_price` > 0, for c = 0.
///
/// # Errors
/// As [`du_exponential_mechanism`], and [`CompareError::Parameter`] for a parameter
/// that is not a finite positive number.
pub fn du_certificate(
    prior: &Prior,
    bidders: u64,
    cost: f64,
    scale: f64,
    top_marginal_price: f64,
) -> Result<f64, CompareError> {
    check_inputs(bidders, cost)?;
    for (what, value) in [
        ("scale A", scale),
        ("top marginal price xbar", top_marginal_price),
    ] {
        if !(value.is_finite() && value > 0.0) {
            return Err(CompareError::Parameter { what, value });
        }
    }
    let m = Expectation::new(prior, bidders).value(top_marginal_price);
    let n = bidders as f64;
    Ok(scale * (m - n * top_marginal_price * (-1.0 / scale).exp()))
}

fn check_inputs(bidders: u64, cost: f64) -> Result<(), CompareError> {
    check_bidders(MECHANISM, bidders, DU_MAX_BIDDERS)?;
    check_cost(cost)?;
    if cost > 0.0 {
        return Err(CompareError::CostNotSupported {
            mechanism: MECHANISM,
            cost,
            why: "its duality certificate bounds revenue, not the cost of the expected \
                  aggregate allocation",
        });
    }
    Ok(())
}

/// M(xbar) = `E[min over k of (v (h_N - h_k) + k xbar)]` for one prior and N.
struct Expectation<'a> {
    prior: &'a Prior,
    n: u64,
    harmonic: f64,
    mean: f64,
    v_hi: f64,
}

impl<'a> Expectation<'a> {
    fn new(prior: &'a Prior, n: u64) -> Expectation<'a> {
        // Summed from the smallest term up, so that rounding stays at a few ulps.
        let harmonic = (1..=n).rev().map(|j| 1.0 / j as f64).sum();
        Expectation {
            prior,
            n,
            harmonic,
            mean: prior.mean(),
            v_hi: prior.support().1,
        }
    }

    /// `E[(v - a)^+]` = integral_{H(a)}^1 (H^{-1}(u) - a) du.
    fn call(&self, a: f64) -> f64 {
        if a >= self.v_hi {
            return 0.0;
        }
        let beta = self.prior.sf(a);
        (self.prior.upper_partial(beta) - a * beta).max(0.0)
    }

    /// M(xbar) = h_N `E[v]` - sum_j `E[(v - j xbar)^+]` / j.
    fn value(&self, xbar: f64) -> f64 {
        let mut sum = 0.0;
        for j in 1..=self.n {
            let a = j as f64 * xbar;
            if a >= self.v_hi {
                break;
            }
            let term = self.call(a) / j as f64;
            sum += term;
            if a > self.mean && term < SUM_TOLERANCE * self.mean {
                break;
            }
        }
        self.harmonic * self.mean - sum
    }

    /// M(xbar) and the B = 1/A that maximises the certificate for this xbar, the
    /// root of ln(1 + B) - B = ln(M / (N xbar)).
    fn best_exponent(&self, xbar: f64) -> (f64, f64) {
        let m = self.value(xbar);
        let top = self.n as f64 * xbar;
        // ln r, with r = M / (N xbar) in (0, 1]: through ln_1p where r is near 1.
        let ln_r = (-(top - m) / top).ln_1p();
        if ln_r.is_nan() || ln_r >= 0.0 {
            return (m, 0.0);
        }
        let f = |b: f64| b - b.ln_1p() + ln_r;
        let mut hi = 2.0 * (1.0 - ln_r);
        while f(hi) < 0.0 {
            hi *= 2.0;
        }
        let root = find_root(f, 0.0, hi, 0.0);
        (m, root.x)
    }
}
