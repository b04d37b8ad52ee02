//! The shared representation of every bounded prior: an ordered list of pieces, each
//! an atom or a segment of uniform density.
//!
//! The quantile H^{-1}(alpha) = min{v | H(v) >= alpha} of Section 2.1 of the paper is
//! affine in alpha on each piece (constant on an atom), so the quantile and its partial
//! integrals have closed forms per piece. Prefix sums of probability and of first moment
//! locate a piece by binary search; suffix sums, accumulated from the top, keep the
//! upper-tail functions accurate when the tail probability is tiny.

/// Two touching segments whose densities differ by at most this relative amount are
/// merged into one, so that collinear CDF points or touching intervals do not report a
/// break point where the quantile has no kink.
const MERGE_DENSITY_RELATIVE_TOLERANCE: f64 = 1e-12;

/// One piece of a bounded prior: an atom when `lo == hi`, otherwise a segment of
/// uniform density on `[lo, hi]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Piece {
    /// The piece's lowest value.
    pub(crate) lo: f64,
    /// The piece's highest value (equal to `lo` for an atom).
    pub(crate) hi: f64,
    /// The piece's probability, positive.
    pub(crate) prob: f64,
}

impl Piece {
    /// An atom of probability `prob` at `value`.
    pub(crate) fn atom(value: f64, prob: f64) -> Piece {
        Piece {
            lo: value,
            hi: value,
            prob,
        }
    }

    /// A segment of uniform density carrying probability `prob` on `[lo, hi]`.
    pub(crate) fn segment(lo: f64, hi: f64, prob: f64) -> Piece {
        Piece { lo, hi, prob }
    }

    /// Whether the piece is an atom.
    pub(crate) fn is_atom(&self) -> bool {
        self.lo == self.hi
    }

    /// The quantile at relative position `t` in `[0, 1]` of the piece's probability,
    /// counted from the bottom; exactly `hi` at `t = 1`.
    fn value_from_bottom(&self, t: f64) -> f64 {
        if t >= 1.0 {
            self.hi
        } else {
            (self.lo + t * (self.hi - self.lo)).min(self.hi)
        }
    }

    /// The quantile at relative position `t` in `[0, 1]` of the piece's probability,
    /// counted from the top; exactly `lo` at `t = 1`.
    fn value_from_top(&self, t: f64) -> f64 {
        if t >= 1.0 {
            self.lo
        } else {
            (self.hi - t * (self.hi - self.lo)).max(self.lo)
        }
    }

    /// The piece's mean value, computed without overflowing for values near `f64::MAX`.
    fn midpoint(&self) -> f64 {
        0.5 * self.lo + 0.5 * self.hi
    }

    /// The integral of the quantile over the lowest `mass` of the piece's probability.
    fn lower_moment(&self, mass: f64) -> f64 {
        mass * (self.lo + 0.5 * (mass / self.prob) * (self.hi - self.lo))
    }

    /// The integral of the quantile over the highest `mass` of the piece's probability.
    fn upper_moment(&self, mass: f64) -> f64 {
        mass * (self.hi - 0.5 * (mass / self.prob) * (self.hi - self.lo))
    }

    /// The slope of the quantile on the piece: the inverse density, 0 on an atom.
    fn quantile_slope(&self) -> f64 {
        if self.is_atom() {
            0.0
        } else {
            (self.hi - self.lo) / self.prob
        }
    }

    /// The piece's density (infinite for an atom).
    fn density(&self) -> f64 {
        self.prob / (self.hi - self.lo)
    }
}

/// A bounded prior as an ordered list of pieces with prefix and suffix sums.
///
/// Invariants: `pieces` is non-empty, each piece has `lo <= hi` and positive
/// probability, consecutive pieces satisfy `previous.hi <= next.lo`, no two atoms share
/// a value, and no two touching segments share a density.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piecewise {
    pieces: Vec<Piece>,
    /// `below[i]` is the probability of pieces `0..i`; `below[0] = 0`, `below[n] = 1`.
    below: Vec<f64>,
    /// `above[i]` is the probability of pieces `i..n`, summed from the top;
    /// `above[0] = 1`, `above[n] = 0`.
    above: Vec<f64>,
    /// `moment_below[i]` is the integral of the quantile over pieces `0..i`.
    moment_below: Vec<f64>,
    /// `moment_above[i]` is the integral of the quantile over pieces `i..n`, summed
    /// from the top.
    moment_above: Vec<f64>,
}

impl Piecewise {
    /// Builds the prior from pieces that are sorted, non-overlapping, have positive
    /// probabilities and values that are finite and non-negative.
    ///
    /// The probabilities are renormalised to sum to one; atoms at the same value and
    /// touching segments of equal density are merged.
    pub(crate) fn new(pieces: Vec<Piece>) -> Piecewise {
        let total: f64 = pieces.iter().map(|piece| piece.prob).sum();
        let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
        for piece in pieces {
            let piece = Piece {
                prob: piece.prob / total,
                ..piece
            };
            if let Some(last) = merged.last_mut() {
                if let Some(combined) = merge(last, &piece) {
                    *last = combined;
                    continue;
                }
            }
            merged.push(piece);
        }
        let pieces = merged;
        let n = pieces.len();

        let mut below = Vec::with_capacity(n + 1);
        let mut moment_below = Vec::with_capacity(n + 1);
        let (mut probability, mut moment) = (0.0, 0.0);
        below.push(0.0);
        moment_below.push(0.0);
        for piece in &pieces {
            probability += piece.prob;
            moment += piece.prob * piece.midpoint();
            // Rounding may push a partial sum a hair above one; a cumulative
            // probability above one would make the quantile's search inconsistent.
            below.push(f64::min(probability, 1.0));
            moment_below.push(moment);
        }
        below[n] = 1.0;

        let mut above = vec![0.0; n + 1];
        let mut moment_above = vec![0.0; n + 1];
        let (mut probability, mut moment) = (0.0, 0.0);
        for (i, piece) in pieces.iter().enumerate().rev() {
            probability += piece.prob;
            moment += piece.prob * piece.midpoint();
            above[i] = f64::min(probability, 1.0);
            moment_above[i] = moment;
        }
        above[0] = 1.0;

        Piecewise {
            pieces,
            below,
            above,
            moment_below,
            moment_above,
        }
    }

    /// The pieces, in increasing order of value.
    pub(crate) fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The cumulative probability `H` just below piece `i` (and `1` for `i = n`).
    pub(crate) fn probability_below(&self, i: usize) -> f64 {
        self.below[i]
    }

    /// H(v), right-continuous; NaN for NaN.
    pub(crate) fn cdf(&self, v: f64) -> f64 {
        if v.is_nan() {
            return f64::NAN;
        }
        // The pieces starting at or below v; the last of them decides H(v). An atom
        // sorted before a segment starting at the same value is thereby counted.
        let count = self.pieces.partition_point(|piece| piece.lo <= v);
        if count == 0 {
            return 0.0;
        }
        let i = count - 1;
        let piece = &self.pieces[i];
        if v >= piece.hi {
            return self.below[i + 1];
        }
        let inside = piece.prob * ((v - piece.lo) / (piece.hi - piece.lo));
        (self.below[i] + inside).min(self.below[i + 1])
    }

    /// 1 - H(v), summed from the top so that it keeps its digits where H(v) is
    /// close to 1; NaN for NaN.
    pub(crate) fn sf(&self, v: f64) -> f64 {
        if v.is_nan() {
            return f64::NAN;
        }
        let count = self.pieces.partition_point(|piece| piece.lo <= v);
        if count == 0 {
            return 1.0;
        }
        let i = count - 1;
        let piece = &self.pieces[i];
        if v >= piece.hi {
            return self.above[i + 1];
        }
        let inside = piece.prob * ((piece.hi - v) / (piece.hi - piece.lo));
        (self.above[i + 1] + inside).min(self.above[i])
    }

    /// H^{-1}(alpha) for alpha in `[0, 1]`.
    pub(crate) fn quantile(&self, alpha: f64) -> f64 {
        if alpha <= 0.0 {
            return self.pieces[0].lo;
        }
        // The top piece's relative position is computed from a rounded complement,
        // which could land an ulp short of the support's upper end.
        if alpha >= 1.0 {
            return self.pieces[self.pieces.len() - 1].hi;
        }
        let (i, mass) = self.locate_from_below(alpha);
        let piece = &self.pieces[i];
        piece.value_from_bottom(mass / piece.prob)
    }

    /// H^{-1}(1 - beta) for beta in `[0, 1]`, resolved from the top.
    pub(crate) fn quantile_upper(&self, beta: f64) -> f64 {
        if beta >= 1.0 {
            return self.pieces[0].lo;
        }
        let (i, mass) = self.locate_from_above(beta);
        let piece = &self.pieces[i];
        piece.value_from_top(mass / piece.prob)
    }

    /// The integral of H^{-1} over `[0, alpha]` for alpha in `[0, 1]`.
    pub(crate) fn lower_partial(&self, alpha: f64) -> f64 {
        if alpha <= 0.0 {
            return 0.0;
        }
        if alpha >= 1.0 {
            return self.mean();
        }
        let (i, mass) = self.locate_from_below(alpha);
        self.moment_below[i] + self.pieces[i].lower_moment(mass)
    }

    /// The integral of H^{-1} over `[1 - beta, 1]` for beta in `[0, 1]`.
    pub(crate) fn upper_partial(&self, beta: f64) -> f64 {
        if beta <= 0.0 {
            return 0.0;
        }
        if beta >= 1.0 {
            return self.mean();
        }
        let (i, mass) = self.locate_from_above(beta);
        self.moment_above[i + 1] + self.pieces[i].upper_moment(mass)
    }

    /// dH^{-1}/dalpha on the piece holding alpha (min convention): the inverse
    /// density on a segment, 0 on an atom.
    pub(crate) fn quantile_slope(&self, alpha: f64) -> f64 {
        let (i, _) = self.locate_from_below(alpha.clamp(0.0, 1.0));
        self.pieces[i].quantile_slope()
    }

    /// dH^{-1}/dalpha at 1 - beta, located from the top.
    pub(crate) fn quantile_slope_upper(&self, beta: f64) -> f64 {
        if beta >= 1.0 {
            return self.pieces[0].quantile_slope();
        }
        let (i, _) = self.locate_from_above(beta.max(0.0));
        self.pieces[i].quantile_slope()
    }

    /// ln(H^{-1}(alpha) - v_lo) for alpha = exp(ln_alpha): in closed form inside the
    /// lowest piece (where alpha may be far below the smallest double), directly above it.
    pub(crate) fn ln_lower_excess(&self, ln_alpha: f64) -> f64 {
        let first = &self.pieces[0];
        if ln_alpha <= first.prob.ln() {
            if first.is_atom() {
                f64::NEG_INFINITY
            } else {
                (first.hi - first.lo).ln() - first.prob.ln() + ln_alpha
            }
        } else {
            (self.quantile(ln_alpha.exp()) - first.lo).ln()
        }
    }

    /// ln of the integral of (H^{-1} - v_lo) over [0, alpha] for alpha = exp(ln_alpha),
    /// in closed form inside the lowest piece.
    pub(crate) fn ln_lower_partial_excess(&self, ln_alpha: f64) -> f64 {
        let first = &self.pieces[0];
        if ln_alpha <= first.prob.ln() {
            if first.is_atom() {
                f64::NEG_INFINITY
            } else {
                (first.hi - first.lo).ln() - (2.0 * first.prob).ln() + 2.0 * ln_alpha
            }
        } else {
            let alpha = ln_alpha.exp();
            (self.lower_partial(alpha) - first.lo * alpha).max(0.0).ln()
        }
    }

    /// The mean value.
    pub(crate) fn mean(&self) -> f64 {
        self.moment_below[self.pieces.len()]
    }

    /// The lowest and highest values of the support.
    pub(crate) fn support(&self) -> (f64, f64) {
        (self.pieces[0].lo, self.pieces[self.pieces.len() - 1].hi)
    }

    /// The cumulative probabilities in (0, 1) at which one piece ends and the next begins.
    pub(crate) fn breakpoints(&self) -> Vec<f64> {
        let n = self.pieces.len();
        let mut alphas: Vec<f64> = self.below[1..n]
            .iter()
            .copied()
            .filter(|&alpha| alpha > 0.0 && alpha < 1.0)
            .collect();
        alphas.dedup();
        alphas
    }

    /// Every piece's end points, sorted and deduplicated.
    pub(crate) fn value_breakpoints(&self) -> Vec<f64> {
        let mut values: Vec<f64> = self
            .pieces
            .iter()
            .flat_map(|piece| [piece.lo, piece.hi])
            .collect();
        values.dedup();
        values
    }

    /// The piece holding the quantile at alpha in (0, 1] under the min convention
    /// (the first piece whose cumulative probability reaches alpha), and the
    /// probability mass of that piece lying below alpha.
    ///
    /// At the piece's upper break point the mass is the piece's whole probability, so
    /// that the quantile there is exactly the piece's upper end rather than a value an
    /// ulp away computed from a rounded difference of cumulative sums.
    fn locate_from_below(&self, alpha: f64) -> (usize, f64) {
        let i = self.below[1..].partition_point(|&cumulative| cumulative < alpha);
        let prob = self.pieces[i].prob;
        let mass = if alpha >= self.below[i + 1] {
            prob
        } else {
            (alpha - self.below[i]).clamp(0.0, prob)
        };
        (i, mass)
    }

    /// The piece holding the quantile at 1 - beta for beta in [0, 1), found through the
    /// suffix sums, and the probability mass of that piece lying above 1 - beta.
    ///
    /// Under the min convention 1 - beta lies in piece i when
    /// `above[i + 1] <= beta < above[i]`.
    fn locate_from_above(&self, beta: f64) -> (usize, f64) {
        let i = self.above[1..].partition_point(|&tail| tail > beta);
        let mass = (beta - self.above[i + 1]).clamp(0.0, self.pieces[i].prob);
        (i, mass)
    }
}

/// The piece combining `last` and `next` when they describe one piece (two atoms at the
/// same value, or touching segments of equal density), otherwise `None`.
fn merge(last: &Piece, next: &Piece) -> Option<Piece> {
    if last.hi != next.lo {
        return None;
    }
    let prob = last.prob + next.prob;
    if last.is_atom() && next.is_atom() {
        return Some(Piece::atom(last.lo, prob));
    }
    if last.is_atom() || next.is_atom() {
        return None;
    }
    let (a, b) = (last.density(), next.density());
    if (a - b).abs() <= MERGE_DENSITY_RELATIVE_TOLERANCE * a.max(b) {
        Some(Piece::segment(last.lo, next.hi, prob))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_equal_atoms_and_collinear_segments_but_not_kinks() {
        let prior = Piecewise::new(vec![
            Piece::atom(1.0, 0.1),
            Piece::atom(1.0, 0.1),
            Piece::segment(1.0, 2.0, 0.2),
            Piece::segment(2.0, 3.0, 0.2),
            Piece::segment(3.0, 4.0, 0.4),
        ]);
        assert_eq!(
            prior.pieces(),
            &[
                Piece::atom(1.0, 0.2),
                Piece::segment(1.0, 3.0, 0.4),
                Piece::segment(3.0, 4.0, 0.4),
            ]
        );
    }

    #[test]
    fn sums_are_normalised_at_both_ends() {
        let prior = Piecewise::new(vec![
            Piece::atom(0.0, 0.1),
            Piece::atom(1.0, 0.2),
            Piece::atom(2.0, 0.7),
        ]);
        assert_eq!(prior.below[0], 0.0);
        assert_eq!(prior.below[3], 1.0);
        assert_eq!(prior.above[0], 1.0);
        assert_eq!(prior.above[3], 0.0);
    }
}
