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
