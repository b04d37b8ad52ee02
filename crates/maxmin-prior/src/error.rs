//! The one error type of this crate: every way a prior's description can be invalid.
//!
//! Each variant carries the offending value(s) and its message says what would have
//! been valid, so that a command-line user can fix the input from the message alone.

/// Why a prior could not be built from the given parameters, spec string or file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PriorError {
    /// A parameter was NaN; `what` names the kind of parameter ("value", "probability", ...).
    #[error("NaN is not a valid {what}")]
    NotANumber {
        /// The kind of parameter that was NaN.
        what: &'static str,
    },

    /// A parameter was infinite where a finite number is required.
    #[error("{what} {value} is not finite; a prior's {what}s must be finite")]
    Infinite {
        /// The kind of parameter that was infinite.
        what: &'static str,
        /// The offending value (plus or minus infinity).
        value: f64,
    },

    /// A value (a point of the support) was negative.
    #[error("value {value} is negative; prior values must be >= 0")]
    NegativeValue {
        /// The offending value.
        value: f64,
    },

    /// An interval (for `uniform` or `intervals`) had `lo >= hi`.
    #[error("interval [{lo}, {hi}] is empty; an interval needs lo < hi")]
    EmptyInterval {
        /// The interval's lower end.
        lo: f64,
        /// The interval's upper end.
        hi: f64,
    },

    /// Two intervals of an `intervals` prior overlap (sharing only an end point is fine).
    #[error(
        "intervals [{}, {}] and [{}, {}] overlap; intervals may touch but not overlap",
        first.0, first.1, second.0, second.1
    )]
    OverlappingIntervals {
        /// The interval with the smaller lower end, as `(lo, hi)`.
        first: (f64, f64),
        /// The interval it overlaps, as `(lo, hi)`.
        second: (f64, f64),
    },

    /// An atom of a discrete prior had a probability that is zero or negative.
    #[error(
        "probability {probability} of value {value} is not positive; atom probabilities must be > 0"
    )]
    NonPositiveProbability {
        /// The atom's value.
        value: f64,
        /// The offending probability.
        probability: f64,
    },

    /// The probabilities of a discrete prior do not add up to one.
    #[error("probabilities sum to {sum}, not 1 (tolerance {tolerance:e})")]
    ProbabilitiesDoNotSumToOne {
        /// The sum of the given probabilities.
        sum: f64,
        /// The accepted distance from one.
        tolerance: f64,
    },

    /// A list that must not be empty (atoms, intervals, samples, CDF points) was empty.
    #[error("no {what} given; the {family} family needs at least one")]
    Empty {
        /// What was missing ("atoms", "intervals", "samples").
        what: &'static str,
        /// The prior family that needed them.
        family: &'static str,
    },

    /// A piecewise-linear CDF was given fewer than two points.
    #[error("a piecewise-linear CDF needs at least 2 points (v, F), got {count}")]
    TooFewCdfPoints {
        /// How many points were given.
        count: usize,
    },

    /// The values of a piecewise-linear CDF were not strictly increasing.
    #[error(
        "CDF points not increasing: v = {value} follows v = {previous}; values must be strictly increasing"
    )]
    CdfValuesNotIncreasing {
        /// The value of the earlier point.
        previous: f64,
        /// The value that should have been larger.
        value: f64,
    },

    /// The CDF values of a piecewise-linear CDF decreased.
    #[error("CDF points not increasing: F = {cdf} at v = {value} follows F = {previous_cdf}")]
    CdfDecreasing {
        /// The value at which the CDF decreased.
        value: f64,
        /// The CDF value given there.
        cdf: f64,
        /// The larger CDF value of the preceding point.
        previous_cdf: f64,
    },

    /// A CDF value lay outside `[0, 1]`.
    #[error("CDF value F = {cdf} at v = {value} is outside [0, 1]")]
    CdfOutOfRange {
        /// The value of the offending point.
        value: f64,
        /// The offending CDF value.
        cdf: f64,
    },

    /// The first point of a piecewise-linear CDF did not have `F = 0`.
    #[error(
        "the first CDF point has F = {cdf}, not 0 (tolerance {tolerance:e}); put the support's lower end first"
    )]
    CdfDoesNotStartAtZero {
        /// The first CDF value given.
        cdf: f64,
        /// The accepted distance from zero.
        tolerance: f64,
    },

    /// The last point of a piecewise-linear CDF did not have `F = 1`.
    #[error(
        "the last CDF point has F = {cdf}, not 1 (tolerance {tolerance:e}); put the support's upper end last"
    )]
    CdfDoesNotEndAtOne {
        /// The last CDF value given.
        cdf: f64,
        /// The accepted distance from one.
        tolerance: f64,
    },

    /// An exponential rate that is not positive, or so small that the mean overflows.
    #[error(
        "exponential rate {rate} is invalid; the rate must be positive and finite with a finite mean 1/rate"
    )]
    InvalidRate {
        /// The offending rate.
        rate: f64,
    },

    /// A spec string named a family this crate does not know.
    #[error(
        "unknown prior family '{family}'; expected one of uniform, intervals, discrete, exponential, pwl-cdf, samples"
    )]
    UnknownFamily {
        /// The family name as given.
        family: String,
    },

    /// A spec string had no `:` between the family and its parameters.
    #[error("prior spec '{spec}' has no ':'; expected FAMILY:PARAMETERS, e.g. uniform:0,1")]
    MissingFamilySeparator {
        /// The whole spec string.
        spec: String,
    },

    /// A spec string had the wrong number of parameters for its family.
    #[error("a {family} prior spec needs {expected}, got {found}")]
    WrongParameterCount {
        /// The family named in the spec.
        family: &'static str,
        /// What the family needs, in words ("2 numbers (uniform:A,B)").
        expected: &'static str,
        /// How many comma-separated parameters were given.
        found: usize,
    },

    /// A parameter of a spec string was not a number.
    #[error("'{text}' in the prior spec is not a number")]
    SpecNotANumber {
        /// The offending parameter text.
        text: String,
    },

    /// A parameter of a `discrete` or `pwl-cdf` spec was not of the form `X@Y`.
    #[error("'{text}' in the prior spec is not a pair {expected}")]
    SpecNotAPair {
        /// The offending parameter text.
        text: String,
        /// The expected form ("V@P" or "V@F").
        expected: &'static str,
    },

    /// A samples file could not be read.
    #[error("cannot read '{path}': {message}")]
    Io {
        /// The file's path as given.
        path: String,
        /// The operating system's explanation.
        message: String,
    },

    /// A samples file held no values (only blank lines, comments or a header).
    #[error("empty data file '{path}': it holds no values")]
    EmptyFile {
        /// The file's path as given.
        path: String,
    },

    /// A line of a samples file did not start with a number.
    #[error("line {line} of '{path}': '{text}' is not a number")]
    FileNotANumber {
        /// The file's path as given.
        path: String,
        /// The 1-based line number.
        line: usize,
        /// The text that should have been a number.
        text: String,
    },

    /// A line of a samples file held a number that is not a valid value.
    #[error("line {line} of '{path}': {reason}")]
    InvalidSample {
        /// The file's path as given.
        path: String,
        /// The 1-based line number.
        line: usize,
        /// Why the value is invalid.
        reason: Box<PriorError>,
    },
}
