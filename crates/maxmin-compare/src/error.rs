//! The comparison layer's one error type.

/// Why a comparison mechanism's guarantee could not be computed.
///
/// Every variant carries the offending value and says what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// The number of bidders is zero or beyond what the computation supports.
    #[error(
        "number of bidders {bidders} is out of range for the {mechanism}; it must be an integer from 1 to {max}"
    )]
    Bidders {
        /// The mechanism asked for.
        mechanism: &'static str,
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
    /// The mechanism's guarantee is known here only for a zero cost.
    #[error("the {mechanism}'s guarantee is derived only for cost c = 0, not c = {cost}: {why}")]
    CostNotSupported {
        /// The mechanism asked for.
        mechanism: &'static str,
        /// The cost given.
        cost: f64,
        /// Why the formula does not extend.
        why: &'static str,
    },
    /// A mechanism parameter is not a finite positive number.
    #[error("{what} {value} is not valid; it must be a finite number > 0")]
    Parameter {
        /// The parameter's name.
        what: &'static str,
        /// The value given.
        value: f64,
    },
    /// A quadrature did not converge; the answer would not be trustworthy.
    #[error("numerical failure in the {mechanism}: {detail}; the result would not be accurate")]
    Numerical {
        /// The mechanism being computed.
        mechanism: &'static str,
        /// What went wrong.
        detail: String,
    },
}
