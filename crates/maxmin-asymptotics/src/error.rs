//! The asymptotics layer's one error type.

use maxmin_grading::GradingError;

/// Why a guarantee sequence, a limit or a misspecified guarantee could not be computed.
///
/// Every variant carries the offending value and says what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AsymptoticsError {
    /// Solving the grading problem failed (the variant names N or the cost).
    #[error(transparent)]
    Grading(#[from] GradingError),
    /// A list of numbers of bidders was empty.
    #[error("no numbers of bidders given; give at least one")]
    NoBidders,
    /// The production cost is negative, NaN or infinite.
    #[error("cost {cost} is not valid; the production cost must be a finite number >= 0")]
    Cost {
        /// The cost given.
        cost: f64,
    },
    /// The ex ante gains are not positive, so the limits of Section 6.2 do not apply.
    #[error(
        "the ex ante gains E[v] - c = {gains} are not positive: the seller keeps the good for \
         every N, and the central-limit objects of Section 6.2 are not defined"
    )]
    NoGainsFromTrade {
        /// E\[v\] - c.
        gains: f64,
    },
    /// The true prior puts mass below the design prior's support, where the
    /// designed mechanism has no finite value multiplier.
    #[error(
        "the true prior puts probability on values down to {true_bottom}, below {design_bottom}, \
         the lowest value of the design prior, where the mechanism designed for it has no finite \
         value multiplier (Proposition 7 gives no bound); use a true prior supported on \
         [{design_bottom}, inf)"
    )]
    BelowDesignSupport {
        /// The lowest value of the true prior.
        true_bottom: f64,
        /// The lowest value of the design prior.
        design_bottom: f64,
    },
    /// A quadrature or root search failed; the answer would not be trustworthy.
    #[error("numerical failure while {stage}: {detail}; the result would not be accurate")]
    Numerical {
        /// What was being computed.
        stage: &'static str,
        /// What went wrong.
        detail: String,
    },
}
