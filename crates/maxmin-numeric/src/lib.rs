//! Generic numerical building blocks shared by the auction layers: adaptive
//! Gauss–Kronrod quadrature with break points and a bracketed scalar root finder.
//!
//! This crate knows nothing about auctions or distributions. It exists so that the
//! grading layer (and the mechanism layer after it) integrate and solve with one
//! implementation whose accuracy is tested here, against closed forms, once.
//!
//! Both routines are infallible kernels: callers pass finite brackets and finite
//! intervals, and every routine reports how well it did instead of failing.

mod chebyshev;
mod quadrature;
mod roots;

pub use chebyshev::Chebyshev;
pub use quadrature::{Integral, integrate};
pub use roots::{Root, find_root};

/// Splits [a, b] at the break points strictly inside it (in any order, repeats
/// allowed) into consecutive intervals; shared by the quadrature and the
/// interpolation, which both must never straddle a kink or jump.
fn split_at(a: f64, b: f64, breakpoints: &[f64]) -> Vec<(f64, f64)> {
    let mut cuts: Vec<f64> = breakpoints
        .iter()
        .copied()
        .filter(|&p| p > a && p < b)
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut lo = a;
    for cut in cuts.into_iter().chain(std::iter::once(b)) {
        if cut > lo {
            out.push((lo, cut));
        }
        lo = cut;
    }
    out
}
