//! The prior H of the common value v, as Section 2.1 of Brooks and Du (2019) uses it:
//! a distribution on [0, inf) known through its quantile function
//! H^{-1}(alpha) = min{v | H(v) >= alpha}, which is increasing, continuous from the
//! right, and jumps where the support has gaps.
//!
//! The layers above use a prior only through that quantile and its partial integrals:
//! the fully revealing value is H^{-1}(G_N(x)), and the integrated gains are
//! integral_0^alpha H^{-1}(u) du - c alpha. They also need the exact points where
//! H^{-1} has kinks or jumps, to place quadrature break points and polish roots. This
//! crate provides exactly those, with closed forms per piece; it knows nothing about
//! auctions.
//!
//! # Families
//!
//! - [`Prior::uniform`]: uniform density on one interval `[lo, hi]`.
//! - [`Prior::intervals`]: uniform density on a union of disjoint intervals (the gaps
//!   between them carry no mass).
//! - [`Prior::discrete`]: finitely many atoms with given probabilities; a single atom
//!   is a degenerate prior.
//! - [`Prior::piecewise_linear_cdf`]: a CDF interpolated linearly between given
//!   points, so a piecewise-constant density; flat pieces are gaps.
//! - [`Prior::exponential`]: H(v) = 1 - exp(-rate v), the one family with unbounded
//!   support.
//! - [`Prior::empirical`] and [`Prior::from_samples_file`]: the empirical distribution
//!   of observed values, each observation weighing 1/n.
//!
//! [`Prior::parse`] reads the command line's SPEC strings for all of them.
//!
//! Every family but the exponential is stored as one ordered list of pieces, each an
//! atom or a segment of uniform density, so the quantile is piecewise affine and its
//! partial integrals piecewise quadratic.
//!
//! ```
//! use maxmin_prior::Prior;
//!
//! let prior: Prior = "discrete:0@0.5,1@0.5".parse()?;
//! // At the jump the quantile takes the lower value (the min convention).
//! assert_eq!(prior.quantile(0.5), 0.0);
//! assert_eq!(prior.breakpoints(), vec![0.5]);
//! assert_eq!(prior.upper_partial(0.25), 0.25);
//! # Ok::<(), maxmin_prior::PriorError>(())
//! ```
//!
//! # Kernels
//!
//! Constructors validate their input and return a [`PriorError`] naming the bad value.
//! After that, every method is infallible and never panics: an argument outside its
//! domain (a probability outside `[0, 1]`, or NaN) yields NaN.
//!
//! # Features
//!
//! `arbitrary` implements `arbitrary::Arbitrary` for [`Prior`], generating valid
//! piecewise priors (1 to 6 pieces mixing atoms, segments and gaps, values in [0, 10],
//! every piece's probability at least 0.01) for property tests.

mod error;
mod exponential;
mod piecewise;
mod spec;

#[cfg(feature = "arbitrary")]
mod arbitrary;

use std::path::Path;
use std::str::FromStr;

pub use error::PriorError;

use piecewise::{Piece, Piecewise};

/// How far the probabilities of a discrete prior may sum from one before they are
/// rejected; within it they are renormalised.
pub const PROBABILITY_SUM_TOLERANCE: f64 = 1e-9;

/// How far the first and last points of a piecewise-linear CDF may lie from 0 and 1.
pub const CDF_END_TOLERANCE: f64 = 1e-12;

/// Descriptions list at most this many atoms or intervals before summarising.
const DESCRIPTION_MAX_ITEMS: usize = 4;

/// A prior distribution H of the common value on [0, inf).
///
/// Two priors are equal when they were built by the same family from the same
/// parameters (the description is part of the comparison).
#[derive(Debug, Clone, PartialEq)]
pub struct Prior {
    shape: Shape,
    description: String,
}

/// The two internal representations: bounded priors are piecewise, the exponential is
/// a closed form.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Bounded(Piecewise),
    Exponential { rate: f64 },
}

/// An atom (point mass) of a prior.
///
/// The quantile equals `value` for every alpha in `(alpha_lo, alpha_hi]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Atom {
    /// Where the mass sits.
    pub value: f64,
    /// The mass, `alpha_hi - alpha_lo` up to rounding.
    pub probability: f64,
    /// H just below the atom.
    pub alpha_lo: f64,
    /// H at the atom.
    pub alpha_hi: f64,
}

/// A gap in the support: an open interval `(lo, hi)` with no mass inside the support's
/// range.
///
/// H equals `alpha` on `[lo, hi)`, and the quantile jumps from `lo` to `hi` at `alpha`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// The gap's lower end, the highest value with mass below the gap.
    pub lo: f64,
    /// The gap's upper end, the lowest value with mass above the gap.
    pub hi: f64,
    /// H on the gap.
    pub alpha: f64,
}

impl Prior {
    /// The uniform prior on `[lo, hi]`.
    ///
    /// Requires finite `0 <= lo < hi`.
    pub fn uniform(lo: f64, hi: f64) -> Result<Prior, PriorError> {
        let (lo, hi) = check_interval(lo, hi)?;
        Ok(Prior::bounded(
            Piecewise::new(vec![Piece::segment(lo, hi, 1.0)]),
            format!("uniform on [{lo}, {hi}]"),
        ))
    }

    /// The prior with uniform density on the union of `intervals`, each `(lo, hi)`.
    ///
    /// Each interval needs finite `0 <= lo < hi`; intervals may be given in any order
    /// and may touch but not overlap. Each carries probability proportional to its
    /// length.
    pub fn intervals(intervals: &[(f64, f64)]) -> Result<Prior, PriorError> {
        if intervals.is_empty() {
            return Err(PriorError::Empty {
                what: "intervals",
                family: "intervals",
            });
        }
        let mut sorted = intervals
            .iter()
            .map(|&(lo, hi)| check_interval(lo, hi))
            .collect::<Result<Vec<_>, _>>()?;
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in sorted.windows(2) {
            if pair[0].1 > pair[1].0 {
                return Err(PriorError::OverlappingIntervals {
                    first: pair[0],
                    second: pair[1],
                });
            }
        }
        // Lengths are scaled by the longest before they are added, so that intervals
        // near f64::MAX cannot overflow the total; the pieces are renormalised anyway.
        let longest = sorted.iter().map(|&(lo, hi)| hi - lo).fold(0.0, f64::max);
        let pieces = sorted
            .iter()
            .map(|&(lo, hi)| Piece::segment(lo, hi, (hi - lo) / longest))
            .collect();
        let description = if sorted.len() <= DESCRIPTION_MAX_ITEMS {
            let listed: Vec<String> = sorted
                .iter()
                .map(|(lo, hi)| format!("[{lo}, {hi}]"))
                .collect();
            format!("uniform on {}", listed.join(" and "))
        } else {
            format!(
                "uniform on {} intervals within [{}, {}]",
                sorted.len(),
                sorted[0].0,
                sorted[sorted.len() - 1].1
            )
        };
        Ok(Prior::bounded(Piecewise::new(pieces), description))
    }

    /// The discrete prior with the given `(value, probability)` atoms.
    ///
    /// Values must be finite and `>= 0`, probabilities positive and summing to one
    /// within [`PROBABILITY_SUM_TOLERANCE`] (they are then renormalised). Atoms at
    /// equal values are merged; a single atom gives a degenerate prior.
    pub fn discrete(atoms: &[(f64, f64)]) -> Result<Prior, PriorError> {
        if atoms.is_empty() {
            return Err(PriorError::Empty {
                what: "atoms",
                family: "discrete",
            });
        }
        let mut checked = atoms
            .iter()
            .map(|&(value, probability)| {
                let value = check_value(value)?;
                check_probability(value, probability)?;
                Ok((value, probability))
            })
            .collect::<Result<Vec<_>, PriorError>>()?;
        let sum: f64 = checked.iter().map(|&(_, probability)| probability).sum();
        // The probabilities are finite and positive, so the sum is never NaN; an
        // overflowing sum is infinite and rejected here.
        if (sum - 1.0).abs() > PROBABILITY_SUM_TOLERANCE {
            return Err(PriorError::ProbabilitiesDoNotSumToOne {
                sum,
                tolerance: PROBABILITY_SUM_TOLERANCE,
            });
        }
        checked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let description = if checked.len() <= DESCRIPTION_MAX_ITEMS {
            let listed: Vec<String> = checked
                .iter()
                .map(|(value, probability)| format!("{value} (p = {probability})"))
                .collect();
            format!("discrete on {{{}}}", listed.join(", "))
        } else {
            format!(
                "discrete with {} atoms on [{}, {}]",
                checked.len(),
                checked[0].0,
                checked[checked.len() - 1].0
            )
        };
        let pieces = checked
            .iter()
            .map(|&(value, probability)| Piece::atom(value, probability))
            .collect();
        Ok(Prior::bounded(Piecewise::new(pieces), description))
    }

    /// The prior whose CDF interpolates the `(v, F)` points linearly.
    ///
    /// Values must be finite, `>= 0` and strictly increasing; CDF values must be
    /// non-decreasing, the first 0 and the last 1 within [`CDF_END_TOLERANCE`]. H is 0
    /// below the first point and 1 above the last; a flat stretch is a gap.
    pub fn piecewise_linear_cdf(points: &[(f64, f64)]) -> Result<Prior, PriorError> {
        if points.len() < 2 {
            return Err(PriorError::TooFewCdfPoints {
                count: points.len(),
            });
        }
        let mut checked: Vec<(f64, f64)> = Vec::with_capacity(points.len());
        for &(value, cdf) in points {
            let value = check_value(value)?;
            if cdf.is_nan() {
                return Err(PriorError::NotANumber { what: "CDF value" });
            }
            if !(-CDF_END_TOLERANCE..=1.0 + CDF_END_TOLERANCE).contains(&cdf) {
                return Err(PriorError::CdfOutOfRange { value, cdf });
            }
            if let Some(&(previous, previous_cdf)) = checked.last() {
                if value <= previous {
                    return Err(PriorError::CdfValuesNotIncreasing { previous, value });
                }
                if cdf < previous_cdf {
                    return Err(PriorError::CdfDecreasing {
                        value,
                        cdf,
                        previous_cdf,
                    });
                }
            }
            checked.push((value, cdf));
        }
        let first = checked[0].1;
        if first.abs() > CDF_END_TOLERANCE {
            return Err(PriorError::CdfDoesNotStartAtZero {
                cdf: first,
                tolerance: CDF_END_TOLERANCE,
            });
        }
        let last = checked[checked.len() - 1].1;
        if (last - 1.0).abs() > CDF_END_TOLERANCE {
            return Err(PriorError::CdfDoesNotEndAtOne {
                cdf: last,
                tolerance: CDF_END_TOLERANCE,
            });
        }
        let pieces = checked
            .windows(2)
            .filter(|pair| pair[1].1 > pair[0].1)
            .map(|pair| Piece::segment(pair[0].0, pair[1].0, pair[1].1 - pair[0].1))
            .collect();
        let description = format!(
            "piecewise-linear CDF through {} points on [{}, {}]",
            checked.len(),
            checked[0].0,
            checked[checked.len() - 1].0
        );
        Ok(Prior::bounded(Piecewise::new(pieces), description))
    }

    /// The exponential prior H(v) = 1 - exp(-rate v) on [0, inf), with mean 1/rate.
    ///
    /// Requires a positive, finite rate whose reciprocal is finite.
    pub fn exponential(rate: f64) -> Result<Prior, PriorError> {
        if rate.is_nan() {
            return Err(PriorError::NotANumber { what: "rate" });
        }
        if !(rate > 0.0 && rate.is_finite() && rate.recip().is_finite()) {
            return Err(PriorError::InvalidRate { rate });
        }
        Ok(Prior {
            shape: Shape::Exponential { rate },
            description: format!("exponential with rate {rate} (mean {})", rate.recip()),
        })
    }

    /// The empirical distribution of `samples`, each observation weighing 1/n.
    ///
    /// Samples must be finite and `>= 0`, and there must be at least one. Construction
    /// sorts the samples and merges equal values, so it takes O(n log n) time.
    pub fn empirical(samples: &[f64]) -> Result<Prior, PriorError> {
        let checked = samples
            .iter()
            .map(|&value| check_value(value))
            .collect::<Result<Vec<_>, _>>()?;
        Prior::empirical_from_checked(checked, "")
    }

    /// The empirical distribution of the values in the file at `path`.
    ///
    /// The file holds one value per line, or is a CSV whose first line is a header and
    /// whose first column holds the values. Blank lines and lines starting with `#` are
    /// skipped; the first remaining line is taken as a header exactly when its first
    /// field is not a number. Errors name the file and the line.
    pub fn from_samples_file(path: &Path) -> Result<Prior, PriorError> {
        let samples = spec::read_samples(path)?;
        let source = format!(" from '{}'", path.display());
        Prior::empirical_from_checked(samples, &source)
    }

    /// Parses a SPEC string as the command line takes it:
    /// `uniform:A,B`, `intervals:A1,B1,A2,B2,...`, `discrete:V1@P1,V2@P2,...`,
    /// `exponential:RATE`, `pwl-cdf:V1@F1,V2@F2,...` or `samples:PATH`.
    ///
    /// The numbers are validated by the family's constructor, with the same errors.
    pub fn parse(spec: &str) -> Result<Prior, PriorError> {
        spec::parse(spec)
    }

    /// A short human description, e.g. "uniform on [0, 1]".
    pub fn description(&self) -> String {
        self.description.clone()
    }

    /// The CDF H(v), continuous from the right.
    ///
    /// Defined for every `v` (0 below the support, 1 above it); NaN for NaN. For the
    /// exponential, H(v) rounds to 1 once exp(-rate v) falls below half an ulp of 1
    /// (v above about 37 / rate), so upper-tail work should go through
    /// [`Prior::quantile_upper`] and [`Prior::upper_partial`] instead.
    pub fn cdf(&self, v: f64) -> f64 {
        match &self.shape {
            Shape::Bounded(pieces) => pieces.cdf(v),
            Shape::Exponential { rate } => exponential::cdf(*rate, v),
        }
    }

    /// The slope dH^{-1}/dalpha of the quantile function, the inverse of the density
    /// at H^{-1}(alpha): constant on each segment, 0 on an atom (where the quantile is
    /// flat), 1/(rate (1 - alpha)) for the exponential. At a break point the piece
    /// holding alpha under the min convention decides. NaN outside [0, 1].
    pub fn quantile_slope(&self, alpha: f64) -> f64 {
        if !(0.0..=1.0).contains(&alpha) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.quantile_slope(alpha),
            Shape::Exponential { rate } => exponential::quantile_slope(*rate, alpha),
        }
    }

    /// The slope of the quantile function at 1 - beta, located from the top so that
    /// it stays accurate for tiny beta. NaN outside [0, 1].
    pub fn quantile_slope_upper(&self, beta: f64) -> f64 {
        if !(0.0..=1.0).contains(&beta) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.quantile_slope_upper(beta),
            Shape::Exponential { rate } => exponential::quantile_slope_upper(*rate, beta),
        }
    }

    /// The survival function 1 - H(v), computed from the top (exp(-rate v) for the
    /// exponential), so that it keeps its digits where H(v) rounds to 1.
    pub fn sf(&self, v: f64) -> f64 {
        match &self.shape {
            Shape::Bounded(pieces) => pieces.sf(v),
            Shape::Exponential { rate } => exponential::sf(*rate, v),
        }
    }

    /// The quantile H^{-1}(alpha) = min{v | H(v) >= alpha} of Section 2.1.
    ///
    /// At a cumulative probability where the quantile jumps (the top of an atom or the
    /// bottom of a gap), it returns the lower value. `quantile(0)` is the support's
    /// lower end and `quantile(1)` its upper end (infinite for the exponential). NaN
    /// for alpha outside `[0, 1]` or NaN.
    #[doc(alias = "inverse CDF")]
    #[doc(alias = "quantile function")]
    pub fn quantile(&self, alpha: f64) -> f64 {
        if !(0.0..=1.0).contains(&alpha) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.quantile(alpha),
            Shape::Exponential { rate } => exponential::quantile(*rate, alpha),
        }
    }

    /// The upper quantile H^{-1}(1 - beta), computed from the top so that it stays
    /// accurate for tiny beta (for the exponential, -ln(beta) / rate).
    ///
    /// `quantile_upper(0)` is the support's upper end and `quantile_upper(1)` its lower
    /// end. NaN for beta outside `[0, 1]` or NaN.
    pub fn quantile_upper(&self, beta: f64) -> f64 {
        if !(0.0..=1.0).contains(&beta) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.quantile_upper(beta),
            Shape::Exponential { rate } => exponential::quantile_upper(*rate, beta),
        }
    }

    /// The lower partial integral of the quantile, integral_0^alpha H^{-1}(u) du, in
    /// closed form per piece.
    ///
    /// `lower_partial(1)` is the mean. NaN for alpha outside `[0, 1]` or NaN.
    pub fn lower_partial(&self, alpha: f64) -> f64 {
        if !(0.0..=1.0).contains(&alpha) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.lower_partial(alpha),
            Shape::Exponential { rate } => exponential::lower_partial(*rate, alpha),
        }
    }

    /// The upper partial integral of the quantile, integral_{1-beta}^1 H^{-1}(u) du, in
    /// closed form per piece and summed from the top, so it stays accurate for tiny
    /// beta (for the exponential, beta (1 - ln beta) / rate).
    ///
    /// `upper_partial(1)` is the mean. NaN for beta outside `[0, 1]` or NaN.
    pub fn upper_partial(&self, beta: f64) -> f64 {
        if !(0.0..=1.0).contains(&beta) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.upper_partial(beta),
            Shape::Exponential { rate } => exponential::upper_partial(*rate, beta),
        }
    }

    /// ln(H^{-1}(alpha) - v_lo) for alpha = exp(ln_alpha): how far the quantile has
    /// risen above the bottom of the support, in log form, so that it stays accurate
    /// when alpha itself is far below the smallest double (ln_alpha = -10^5, say).
    ///
    /// Exact inside the lowest piece of a bounded prior (an affine quantile, or -inf on
    /// an atom) and for the exponential by its series; elsewhere computed from
    /// [`Prior::quantile`]. NaN for ln_alpha > 0 or NaN.
    pub fn ln_lower_excess(&self, ln_alpha: f64) -> f64 {
        if ln_alpha.is_nan() || ln_alpha > 0.0 {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.ln_lower_excess(ln_alpha),
            Shape::Exponential { rate } => exponential::ln_lower_excess(*rate, ln_alpha),
        }
    }

    /// ln of integral_0^alpha (H^{-1}(u) - v_lo) du for alpha = exp(ln_alpha): the lower
    /// partial integral in excess of the bottom of the support, in log form, accurate in
    /// the same deep tail as [`Prior::ln_lower_excess`]. NaN for ln_alpha > 0 or NaN.
    pub fn ln_lower_partial_excess(&self, ln_alpha: f64) -> f64 {
        if ln_alpha.is_nan() || ln_alpha > 0.0 {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Bounded(pieces) => pieces.ln_lower_partial_excess(ln_alpha),
            Shape::Exponential { rate } => exponential::ln_lower_partial_excess(*rate, ln_alpha),
        }
    }

    /// The mean value, integral_0^1 H^{-1}(u) du.
    pub fn mean(&self) -> f64 {
        match &self.shape {
            Shape::Bounded(pieces) => pieces.mean(),
            Shape::Exponential { rate } => rate.recip(),
        }
    }

    /// The support's lowest and highest values `(v_lo, v_hi)`; `v_hi` is infinite for
    /// the exponential.
    pub fn support(&self) -> (f64, f64) {
        match &self.shape {
            Shape::Bounded(pieces) => pieces.support(),
            Shape::Exponential { .. } => (0.0, f64::INFINITY),
        }
    }

    /// Whether the prior is a single atom (`v_lo == v_hi`), so the value is common
    /// knowledge.
    pub fn is_degenerate(&self) -> bool {
        let (lo, hi) = self.support();
        lo == hi
    }

    /// The cumulative probabilities alpha in (0, 1) where H^{-1} has a kink or a jump,
    /// sorted and deduplicated: the boundaries between pieces (atom edges, segment
    /// ends, gaps, density changes). Empty for the exponential.
    ///
    /// Between consecutive break points (and 0 and 1) the quantile is affine.
    pub fn breakpoints(&self) -> Vec<f64> {
        match &self.shape {
            Shape::Bounded(pieces) => pieces.breakpoints(),
            Shape::Exponential { .. } => Vec::new(),
        }
    }

    /// The atoms (point masses), in increasing order of value. Empty for the
    /// exponential.
    pub fn atoms(&self) -> Vec<Atom> {
        let Shape::Bounded(pieces) = &self.shape else {
            return Vec::new();
        };
        pieces
            .pieces()
            .iter()
            .enumerate()
            .filter(|(_, piece)| piece.is_atom())
            .map(|(i, piece)| Atom {
                value: piece.lo,
                probability: piece.prob,
                alpha_lo: pieces.probability_below(i),
                alpha_hi: pieces.probability_below(i + 1),
            })
            .collect()
    }

    /// The gaps inside the support's range, in increasing order. Empty for the
    /// exponential.
    pub fn gaps(&self) -> Vec<Gap> {
        let Shape::Bounded(pieces) = &self.shape else {
            return Vec::new();
        };
        pieces
            .pieces()
            .windows(2)
            .enumerate()
            .filter(|(_, pair)| pair[0].hi < pair[1].lo)
            .map(|(i, pair)| Gap {
                lo: pair[0].hi,
                hi: pair[1].lo,
                alpha: pieces.probability_below(i + 1),
            })
            .collect()
    }

    /// The values where H has a kink or a jump, sorted and deduplicated: every piece's
    /// end points, including the support's ends (`[0]` for the exponential, whose
    /// density jumps there). Useful as break points when integrating over v.
    pub fn value_breakpoints(&self) -> Vec<f64> {
        match &self.shape {
            Shape::Bounded(pieces) => pieces.value_breakpoints(),
            Shape::Exponential { .. } => vec![0.0],
        }
    }

    /// Wraps a piecewise representation.
    fn bounded(pieces: Piecewise, description: String) -> Prior {
        Prior {
            shape: Shape::Bounded(pieces),
            description,
        }
    }

    /// The empirical distribution of samples already checked by [`check_value`];
    /// `source` is appended to the count in the description.
    fn empirical_from_checked(mut samples: Vec<f64>, source: &str) -> Result<Prior, PriorError> {
        if samples.is_empty() {
            return Err(PriorError::Empty {
                what: "samples",
                family: "empirical",
            });
        }
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        let weight = (n as f64).recip();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut start = 0;
        while start < n {
            let value = samples[start];
            let run = samples[start..].partition_point(|&sample| sample == value);
            pieces.push(Piece::atom(value, run as f64 * weight));
            start += run;
        }
        let description = format!(
            "empirical distribution of {n} samples{source} ({} distinct on [{}, {}])",
            pieces.len(),
            samples[0],
            samples[n - 1]
        );
        Ok(Prior::bounded(Piecewise::new(pieces), description))
    }
}

impl FromStr for Prior {
    type Err = PriorError;

    /// Same as [`Prior::parse`].
    fn from_str(spec: &str) -> Result<Prior, PriorError> {
        Prior::parse(spec)
    }
}

/// Checks that `value` is a valid point of a support (finite and `>= 0`), and returns
/// it with a negative zero made positive so that printed supports read "[0, 1]".
fn check_value(value: f64) -> Result<f64, PriorError> {
    if value.is_nan() {
        return Err(PriorError::NotANumber { what: "value" });
    }
    if value.is_infinite() {
        return Err(PriorError::Infinite {
            what: "value",
            value,
        });
    }
    if value < 0.0 {
        return Err(PriorError::NegativeValue { value });
    }
    Ok(value + 0.0)
}

/// Checks that an atom at `value` has a finite, positive `probability`.
fn check_probability(value: f64, probability: f64) -> Result<(), PriorError> {
    if probability.is_nan() {
        return Err(PriorError::NotANumber {
            what: "probability",
        });
    }
    if probability.is_infinite() {
        return Err(PriorError::Infinite {
            what: "probability",
            value: probability,
        });
    }
    if probability <= 0.0 {
        return Err(PriorError::NonPositiveProbability { value, probability });
    }
    Ok(())
}

/// Checks both ends of an interval and that it is not empty.
fn check_interval(lo: f64, hi: f64) -> Result<(f64, f64), PriorError> {
    let (lo, hi) = (check_value(lo)?, check_value(hi)?);
    if lo >= hi {
        return Err(PriorError::EmptyInterval { lo, hi });
    }
    Ok((lo, hi))
}
