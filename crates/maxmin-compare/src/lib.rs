//! The mechanisms that Brooks and Du (2019) compare the maxmin auction against in
//! Section 6.1 and Figure 4, each with its profit guarantee over all information
//! structures and equilibria, for any prior:
//!
//! * [`best_posted_price`]: the best posted price (footnote 18), for any N and c;
//! * [`first_price_guarantee`]: the first-price auction without a reserve price
//!   (Bergemann, Brooks and Morris 2017), for c = 0;
//! * [`du_exponential_mechanism`]: Du's (2018) exponential mechanism with its two
//!   parameters optimised, its guarantee given by its duality certificate, for c = 0.
//!
//! ```
//! use maxmin_compare::{best_posted_price, first_price_guarantee};
//! use maxmin_prior::Prior;
//!
//! let prior = Prior::uniform(0.0, 1.0).unwrap();
//! // Footnote 18: price 1/4, guarantee 1/8, whatever the number of bidders.
//! let posted = best_posted_price(&prior, 0.0).unwrap();
//! assert!((posted.guarantee - 0.125).abs() < 1e-12);
//! // The paper's (N - 1)/(4N - 2) at N = 3.
//! let first_price = first_price_guarantee(&prior, 3, 0.0).unwrap();
//! assert!((first_price - 0.2).abs() < 1e-12);
//! ```
//!
//! This crate sits beside the grading layer and knows nothing of the maxmin
//! construction: it sees the prior only through its quantile function, its partial
//! integrals, its CDF and its break points. The formulas were re-derived from the
//! cited characterisations (each module says how); the tests check each against an
//! independent computation.

mod error;
mod exponential;
mod first_price;
mod posted_price;

pub use error::CompareError;
pub use exponential::{
    DU_MAX_BIDDERS, ExponentialMechanism, du_certificate, du_exponential_mechanism,
};
pub use first_price::first_price_guarantee;
pub use posted_price::{PostedPrice, best_posted_price};

/// Checks that a cost is a finite number >= 0.
fn check_cost(cost: f64) -> Result<(), CompareError> {
    if cost.is_finite() && cost >= 0.0 {
        Ok(())
    } else {
        Err(CompareError::Cost { cost })
    }
}

/// Checks that a number of bidders lies in `1..=max`.
fn check_bidders(mechanism: &'static str, bidders: u64, max: u64) -> Result<(), CompareError> {
    if (1..=max).contains(&bidders) {
        Ok(())
    } else {
        Err(CompareError::Bidders {
            mechanism,
            bidders,
            max,
        })
    }
}

/// H^{-1}(u) for u in [0, 1], computed from the top when u > 1/2 so that it keeps
/// its digits near u = 1 (`upper` = 1 - u is passed exactly by the caller there).
fn quantile_split(prior: &maxmin_prior::Prior, u: f64, upper: f64) -> f64 {
    if u <= 0.5 {
        prior.quantile(u)
    } else {
        prior.quantile_upper(upper)
    }
}

/// Golden-section iterations of [`grid_maximise`]: the bracket shrinks by 0.618 per
/// step, so 80 steps take a bracket of width 1 below 1e-16.
const GOLDEN_ITERATIONS: usize = 80;

/// Maximises `f` over a sorted grid, then refines around the best grid point by
/// golden-section search between its neighbours. Returns the maximiser and the
/// maximum. The grid must be fine enough that the global maximum's basin contains
/// a grid point; `f` must be continuous.
fn grid_maximise<F: FnMut(f64) -> f64>(mut f: F, grid: &[f64]) -> (f64, f64) {
    let values: Vec<f64> = grid.iter().map(|&x| f(x)).collect();
    let best = values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .expect("the grid is not empty");
    let mut lo = grid[best.saturating_sub(1)];
    let mut hi = grid[(best + 1).min(grid.len() - 1)];
    let ratio = 0.5 * (5.0_f64.sqrt() - 1.0);
    let mut x1 = hi - ratio * (hi - lo);
    let mut x2 = lo + ratio * (hi - lo);
    let (mut f1, mut f2) = (f(x1), f(x2));
    for _ in 0..GOLDEN_ITERATIONS {
        if f1 >= f2 {
            hi = x2;
            (x2, f2) = (x1, f1);
            x1 = hi - ratio * (hi - lo);
            f1 = f(x1);
        } else {
            lo = x1;
            (x1, f1) = (x2, f2);
            x2 = lo + ratio * (hi - lo);
            f2 = f(x2);
        }
    }
    [(grid[best], values[best]), (x1, f1), (x2, f2)]
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("three candidates")
}
