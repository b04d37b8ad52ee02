//! Random valid priors for property tests (feature `arbitrary`).
//!
//! A generated prior has 1 to [`MAX_PIECES`] pieces mixing atoms and segments of
//! uniform density, with or without a gap before each piece, values in
//! `[0, MAX_VALUE]` and every piece's probability at least [`MIN_PROBABILITY`]. Lengths
//! are drawn on an integer grid, so touching pieces and atoms at segment ends occur
//! often, as they do in hand-written priors.

use arbitrary::{Arbitrary, Unstructured};

use crate::Prior;
use crate::piecewise::{Piece, Piecewise};

/// The most pieces a generated prior has.
const MAX_PIECES: usize = 6;

/// The largest value a generated prior puts mass on.
const MAX_VALUE: f64 = 10.0;

/// The smallest probability of a generated piece.
const MIN_PROBABILITY: f64 = 0.01;

/// The longest gap or segment, in grid steps.
const MAX_LENGTH_STEPS: u32 = 20;

/// A layout spanning fewer grid steps is not stretched: each step is then
/// `MAX_VALUE / MIN_SPAN_STEPS` long.
const MIN_SPAN_STEPS: u32 = 100;

/// The largest raw weight; probabilities are proportional to weights above the floor.
const MAX_WEIGHT: u32 = 100;

/// One piece as drawn, in grid steps.
struct Drawn {
    gap_before: u32,
    width: u32,
    weight: u32,
}

impl<'a> Arbitrary<'a> for Prior {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Prior> {
        let count = u.int_in_range(1..=MAX_PIECES)?;
        let mut drawn: Vec<Drawn> = Vec::with_capacity(count);
        for _ in 0..count {
            let is_atom = u.arbitrary::<bool>()?;
            let has_gap = u.arbitrary::<bool>()?;
            let mut gap_before = if has_gap {
                u.int_in_range(1..=MAX_LENGTH_STEPS)?
            } else {
                0
            };
            // Two atoms at one value would merge into one; a gap keeps them apart so
            // the piece count matches the draw.
            let previous_is_atom = drawn.last().is_some_and(|previous| previous.width == 0);
            if is_atom && previous_is_atom && gap_before == 0 {
                gap_before = 1;
            }
            let width = if is_atom {
                0
            } else {
                u.int_in_range(1..=MAX_LENGTH_STEPS)?
            };
            let weight = u.int_in_range(0..=MAX_WEIGHT)?;
            drawn.push(Drawn {
                gap_before,
                width,
                weight,
            });
        }

        let span: u32 = drawn.iter().map(|d| d.gap_before + d.width).sum();
        let step = MAX_VALUE / f64::from(span.max(MIN_SPAN_STEPS));
        let total_weight: u32 = drawn.iter().map(|d| d.weight).sum();
        let free = 1.0 - count as f64 * MIN_PROBABILITY;
        let mut position = 0;
        let mut pieces = Vec::with_capacity(count);
        for d in &drawn {
            let share = if total_weight == 0 {
                (count as f64).recip()
            } else {
                f64::from(d.weight) / f64::from(total_weight)
            };
            let prob = MIN_PROBABILITY + free * share;
            position += d.gap_before;
            let lo = f64::from(position) * step;
            position += d.width;
            let hi = f64::from(position) * step;
            pieces.push(Piece::segment(lo, hi, prob));
        }
        let pieces = Piecewise::new(pieces);
        let (lo, hi) = pieces.support();
        let description = format!("generated piecewise prior with {count} pieces on [{lo}, {hi}]");
        Ok(Prior::bounded(pieces, description))
    }
}
