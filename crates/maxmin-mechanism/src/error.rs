//! The mechanism layer's one error type.

/// Why a mechanism could not be built or evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MechanismError {
    /// The profile has the wrong number of messages.
    #[error("{given} bids given for {bidders} bidders; give exactly one bid per bidder")]
    BidCount {
        /// Number of bids given.
        given: usize,
        /// Number of bidders.
        bidders: u64,
    },
    /// A bid is negative or NaN.
    #[error("bid {value} of bidder {bidder} is not valid; bids must be numbers >= 0 (or inf)")]
    Bid {
        /// The bidder (1-based).
        bidder: usize,
        /// The bid.
        value: f64,
    },
    /// Infinite bids need the premium's limit at infinity, which exists only when
    /// the prior's support is bounded.
    #[error(
        "bid inf of bidder {bidder} is not valid with an unbounded prior; infinite bids need a bounded support"
    )]
    InfiniteBidUnboundedPrior {
        /// The bidder (1-based).
        bidder: usize,
    },
}
