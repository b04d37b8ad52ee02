//! The grading layer's one error type.

/// Why a problem could not be solved.
///
/// Every variant carries the offending value and says what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GradingError {
    /// The number of bidders is zero or beyond what the Erlang layer supports.
    #[error("number of bidders {bidders} is out of range; it must be an integer from 1 to {max}")]
    Bidders {
        /// The number given.
        bidders: u64,
        /// The largest supported number of bidders.
        max: u64,
    },
    /// The production cost is negative, NaN or infinite.
    #[error("cost {cost} is not valid; the production cost must be a finite number >= 0")]
    Cost {
        /// The cost given.
        cost: f64,
    },
    /// A numerical step failed to converge; the answer would not be trustworthy.
    ///
    /// This is a bug or an extreme input (please report the prior, N and c).
    #[error(
        "numerical failure while {stage} (N = {bidders}, c = {cost}): {detail}; the result would not be accurate"
    )]
    Numerical {
        /// What the solver was doing.
        stage: &'static str,
        /// The number of bidders.
        bidders: u64,
        /// The cost.
        cost: f64,
        /// What went wrong.
        detail: String,
    },
}
