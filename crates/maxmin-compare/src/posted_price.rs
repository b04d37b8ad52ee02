//! The best posted price and its guarantee (Section 6.1, footnote 18; Figure 4's
//! solid line).
//!
//! At a posted price p every bidder buys when her expected value is above p; the
//! seller sells to one of the buyers and earns p - c. The worst information for the
//! seller is public (a bidder's no-buy event already has conditional mean at most p,
//! so private information cannot make "nobody buys" likelier): nature pools the
//! lowest values into one message whose conditional mean equals p, where nobody
//! buys, and reveals the rest, where everybody does. The largest pool with mean at
//! most p is the lowest q-quantile with m(q) = (1/q) integral_0^q H^{-1} <= p (atoms
//! split fractionally), so the seller's best guarantee is
//!
//!   Pi_PP = max over q in [0, 1] of (m(q) - c)(1 - q),
//!
//! at the price m(q), whatever the number of bidders (and 0 when not selling is
//! better). For U[0,1] and c = 0 this is 1/8 at price 1/4 (footnote 18); for
//! U[0,1] and c < 1/2 it is (1/2 - c)^2 / 2 at price 1/4 + c/2.

use maxmin_prior::Prior;

use maxmin_numeric::find_root;

use crate::{CompareError, check_cost, grid_maximise};

/// Uniform grid points of the search over q, before golden-section refinement.
const GRID_POINTS: usize = 4096;
/// Powers of two of the logarithmic grids near q = 0 and q = 1 (down to 2^-50).
const END_GRID_POWERS: i32 = 50;
/// Relative half-width of the bracket around the golden-section maximiser in which
/// the first-order condition is solved; golden section leaves the maximiser about
/// sqrt(machine epsilon) off, because the profit is flat at its maximum.
const POLISH_WIDTH: f64 = 1e-6;
/// The relative rounding of the profit, within which the polished maximum may fall
/// below the golden-section one.
const POLISH_ROUNDING: f64 = 8.0 * f64::EPSILON;

/// The best posted price and its guarantee.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostedPrice {
    /// The profit guarantee max over q of (m(q) - c)(1 - q), or 0 when no price
    /// beats keeping the good.
    pub guarantee: f64,
    /// The optimal price m(q); `None` when the seller should not sell at all.
    pub price: Option<f64>,
    /// The probability of a sale under the worst-case information, 1 - q.
    pub sale_probability: f64,
}

/// The best posted price for the prior and cost c >= 0 (footnote 18), valid for
/// every number of bidders.
///
/// # Errors
/// [`CompareError::Cost`] for a negative, NaN or infinite cost.
pub fn best_posted_price(prior: &Prior, cost: f64) -> Result<PostedPrice, CompareError> {
    check_cost(cost)?;
    let mean = prior.mean();
    let v_lo = prior.support().0;
    // (m(q) - c)(1 - q), with the pooled mean from the top when q > 1/2.
    let profit = |q: f64| -> f64 {
        if q <= 0.0 {
            v_lo - cost
        } else if q >= 1.0 {
            0.0
        } else if q <= 0.5 {
            (prior.lower_partial(q) / q - cost) * (1.0 - q)
        } else {
            let beta = 1.0 - q;
            ((mean - prior.upper_partial(beta)) / q - cost) * beta
        }
    };
    let mut grid: Vec<f64> = (0..=GRID_POINTS)
        .map(|i| i as f64 / GRID_POINTS as f64)
        .collect();
    for k in 1..=END_GRID_POWERS {
        let tiny = 2f64.powi(-k);
        grid.extend([tiny, 1.0 - tiny]);
    }
    grid.extend(prior.breakpoints());
    grid.push(prior.cdf(cost));
    grid.retain(|q| (0.0..=1.0).contains(q));
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    let (q, best) = grid_maximise(profit, &grid);
    let (q, best) = polish(prior, cost, q, best, profit);
    if best <= 0.0 {
        return Ok(PostedPrice {
            guarantee: 0.0,
            price: None,
            sale_probability: 0.0,
        });
    }
    let price = best / (1.0 - q) + cost;
    Ok(PostedPrice {
        guarantee: best,
        price: Some(price),
        sale_probability: 1.0 - q,
    })
}

/// Refines the maximiser found by golden section, which is only accurate to about
/// 1e-8 because the profit is flat at its maximum, by solving the first-order
/// condition (H^{-1}(q) - m(q))(1 - q)/q = m(q) - c with Brent's method in a small
/// bracket around it. Keeps the golden-section answer where the derivative does not
/// change sign there (a maximum at a kink of H^{-1}).
fn polish(prior: &Prior, cost: f64, q: f64, best: f64, profit: impl Fn(f64) -> f64) -> (f64, f64) {
    let mean = prior.mean();
    let derivative = |q: f64| -> f64 {
        let (pooled, quantile) = if q <= 0.5 {
            (prior.lower_partial(q) / q, prior.quantile(q))
        } else {
            let beta = 1.0 - q;
            (
                (mean - prior.upper_partial(beta)) / q,
                prior.quantile_upper(beta),
            )
        };
        (quantile - pooled) * (1.0 - q) / q - (pooled - cost)
    };
    let lo = (q * (1.0 - POLISH_WIDTH)).max(f64::MIN_POSITIVE);
    let hi = (q + POLISH_WIDTH * q.min(1.0 - q)).min(1.0);
    if !(lo < hi && derivative(lo) > 0.0 && derivative(hi) < 0.0) {
        return (q, best);
    }
    let root = find_root(derivative, lo, hi, 0.0);
    let value = profit(root.x);
    // The two values agree up to the rounding of the profit; the root is the better
    // maximiser, so it is kept unless it is worse by more than that rounding.
    if value >= best - POLISH_ROUNDING * best.abs() {
        (root.x, value)
    } else {
        (q, best)
    }
}
