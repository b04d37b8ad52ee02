//! Many bidders and misspecified priors: Section 6 and Appendix C of Brooks and
//! Du (2019).
//!
//! * [`guarantee_sequence`]: bar Pi_N and hat Pi_N for lists of N (1 to 10^7),
//!   solved in parallel, with the scaled gaps sqrt(N) (E\[v\] - c - Pi_N) and the end
//!   x_N of the bottom graded interval in central-limit units (Proposition 6,
//!   Lemma 18).
//! * [`CentralLimit`]: the objects of Section 6.2 — the limit gains
//!   hat gamma_inf^C(x) = H^{-1}(Phi(x)) - c and its integral, the limit cutoff x*,
//!   and the limit constants of the rate, integral bar gamma_inf^C phi x dx and its
//!   must-sell twin.
//! * [`DesignedMechanism`] and [`misspecified_guarantee`]: Proposition 7, the
//!   guarantee of the mechanism designed for H when the value is distributed as H';
//!   [`value_multiplier_table`]: Proposition 8, bar lambda_N(v; H) -> v - c.
//! * [`normal`]: the standard normal CDF, density and quantile these need.
//!
//! ```
//! use maxmin_asymptotics::{CentralLimit, guarantee_sequence};
//! use maxmin_prior::Prior;
//!
//! let prior = Prior::uniform(0.0, 1.0).unwrap();
//! let limit = CentralLimit::new(&prior, 0.0).unwrap();
//! // Proposition 6 for U[0,1]: the scaled gap tends to 1 / (2 sqrt(pi)).
//! let constant = 0.5 / std::f64::consts::PI.sqrt();
//! assert!((limit.scaled_gap() - constant).abs() < 1e-13);
//! let rows = guarantee_sequence(&prior, 0.0, &[10_000], |_| {}).unwrap();
//! assert!((rows[0].scaled_gap - constant).abs() < 2e-5);
//! ```

mod error;
mod limit;
mod misspecified;
pub mod normal;
mod sweep;

pub use error::AsymptoticsError;
pub use limit::CentralLimit;
pub use misspecified::{DesignedMechanism, misspecified_guarantee, value_multiplier_table};
pub use sweep::{GuaranteeRow, appendix_signal, graded_end, guarantee_sequence, normalised_signal};
