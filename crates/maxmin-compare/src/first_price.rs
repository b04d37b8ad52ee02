//! The first-price auction's guarantee (Bergemann, Brooks and Morris 2017), the
//! gray dots of Figure 4.
//!
//! For a pure common value and c = 0 the lowest revenue over all information
//! structures and equilibria of the first-price auction without a reserve price is
//!
//!   Pi_FPA(N) = (N - 1) integral_0^1 (u^{-1/N} - 1) H^{-1}(u) du.
//!
//! It is the integral of the lowest winning bid beta(u) consistent with the
//! bidders' uniform upward deviations, which solves
//! beta'(u) = (N - 1)/(N u) (H^{-1}(u) - beta(u)) with beta(0) = v_lo (the tests
//! integrate this ODE as an independent route). The weights (N - 1)(u^{-1/N} - 1)
//! integrate to 1 and tend to -ln u as N grows; for U[0,1] the guarantee is
//! (N - 1)/(4N - 2), as the paper says, and with one bidder it is 0 (she bids 0).
//!
//! The integral is computed in s = -ln u, where the weight becomes the smooth
//! (N - 1) expm1(s/N) e^{-s}, by adaptive Gauss–Kronrod quadrature with the prior's
//! break points.
//!
//! With a cost the seller of a first-price auction without a reserve price still
//! always sells, so its profit would be Pi_FPA - c; the comparison that matters
//! then is with a reserve price, whose guarantee is not derived here. A positive
//! cost is therefore an error.

use maxmin_numeric::integrate;
use maxmin_prior::Prior;

use crate::{CompareError, check_bidders, check_cost, quantile_split};

/// The name used in errors.
const MECHANISM: &str = "first-price auction";
/// Relative tolerance of the quadrature.
const RELATIVE_TOLERANCE: f64 = 1e-13;
/// Absolute tolerance of the quadrature, relative to the prior's mean.
const ABSOLUTE_TOLERANCE: f64 = 1e-15;
/// A quadrature whose error estimate exceeds this (relative to the mean) fails.
const FAILURE_TOLERANCE: f64 = 1e-9;
/// Panel budget of the quadrature, on top of one panel per break point.
const PANELS: usize = 2000;
/// The integral in s stops where the weight's tail mass falls below e^-40.
const TAIL_EXPONENT: f64 = 40.0;

/// The first-price auction's guarantee for N bidders and c = 0 (Bergemann, Brooks
/// and Morris 2017): (N - 1) integral_0^1 (u^{-1/N} - 1) H^{-1}(u) du.
///
/// # Errors
/// [`CompareError::Bidders`] for N = 0, [`CompareError::Cost`] for an invalid cost,
/// [`CompareError::CostNotSupported`] for c > 0, [`CompareError::Numerical`] if the
/// quadrature does not converge.
pub fn first_price_guarantee(prior: &Prior, bidders: u64, cost: f64) -> Result<f64, CompareError> {
    check_bidders(MECHANISM, bidders, u64::MAX)?;
    check_cost(cost)?;
    if cost > 0.0 {
        return Err(CompareError::CostNotSupported {
            mechanism: MECHANISM,
            cost,
            why: "without a reserve price the good is always sold, and the guarantee \
                  with a reserve price is not known in closed form",
        });
    }
    if bidders == 1 {
        return Ok(0.0);
    }
    let n = bidders as f64;
    let weight = |s: f64| (n - 1.0) * (s / n).exp_m1() * (-s).exp();
    let quantile = |s: f64| quantile_split(prior, (-s).exp(), -(-s).exp_m1());
    // Beyond s_max the weight's remaining mass, N e^{-s(N-1)/N} - (N-1) e^{-s}, is
    // below e^-40 and H^{-1} is within that of v_lo.
    let s_max = n / (n - 1.0) * (n.ln() + TAIL_EXPONENT);
    let tail = n * (-s_max * (n - 1.0) / n).exp() - (n - 1.0) * (-s_max).exp();
    let cuts: Vec<f64> = prior.breakpoints().iter().map(|a| -a.ln()).collect();
    let scale = prior.mean();
    let r = integrate(
        |s| {
            let w = weight(s);
            if w == 0.0 { 0.0 } else { w * quantile(s) }
        },
        0.0,
        s_max,
        &cuts,
        ABSOLUTE_TOLERANCE * scale,
        RELATIVE_TOLERANCE,
        PANELS + cuts.len(),
    );
    if !(r.value.is_finite() && r.error <= FAILURE_TOLERANCE * scale) {
        return Err(CompareError::Numerical {
            mechanism: MECHANISM,
            detail: format!(
                "the weighted quantile integral for N = {bidders} came to {} with error estimate {}",
                r.value, r.error
            ),
        });
    }
    Ok(r.value + tail * prior.support().0)
}
