//! The grading procedure of Section 4.1.1: the concavification of
//! hat Gamma o E^{-1}, found on a sample of aggregate signals and then polished
//! to the tangency conditions.
//!
//! E(x) = x^N / N! overflows f64 for N above about 170, and for large N the bottom
//! graded interval can end where G_N(x) is far below the smallest double, so the
//! hull is never built on E or hat Gamma themselves. The sampled hull pools segments
//! of the curve (z, hat Gamma) with z = E(x) by the pool-adjacent-violators rule,
//! with every rise and run held as a signed logarithm (see `signed_log`). Each pooled
//! block spanning more than one segment is a graded interval [a, b] to grid
//! accuracy; it is then polished to the tangency conditions: on a graded interval
//! bar gamma(x) = k e^x with k the chord slope (hat Gamma(b) - hat Gamma(a)) /
//! (E(b) - E(a)), and hat gamma(b) = k e^b, hat gamma(a) = k e^a unless a = 0. The
//! polish alternates two one-dimensional tangencies (the line from a touching the
//! curve at b, the line from b touching it at a); each is a sign change of
//! ln hat gamma(x) - x - ln(chord slope), found by Brent's method, so it does not
//! depend on the sample resolving the curve's shape between grid points.
//!
//! The end points are never at a jump of hat w: hat w only jumps up (gaps in the
//! support), which is a convex kink of hat Gamma o E^{-1}, where the hull cannot
//! touch the curve.

use std::cmp::Ordering;

use maxmin_erlang::ln_add_exp;
use maxmin_numeric::find_root;

use crate::GradedInterval;
use crate::fully_revealing::{FullyRevealing, Sample};
use crate::signed_log::SignedLog;

/// The sample reaches this far into the upper tail of G_N; what lies beyond moves
/// the guarantee by less than this times the largest value.
pub(crate) const TAIL_LEVEL: f64 = 1e-40;
/// The bulk of the sample is uniform in x between these quantile levels of G_N.
const BULK_LEVEL: f64 = 1e-3;
/// The lower tail is sampled geometrically in x down to the smaller of
/// G_N^{-1}(1e-300) and this fraction of N, far enough to resolve graded intervals
/// that end where G_N underflows (U[0,1] with c = 0 grades [0, about N/2]).
const LOWEST_SIGNAL_FRACTION: f64 = 1e-3;
const LOWEST_LEVEL: f64 = 1e-300;
/// Sample sizes: geometric in the lower tail, uniform in the bulk and upper tail.
const LOWER_TAIL_POINTS: usize = 160;
const BULK_POINTS: usize = 320;
const UPPER_TAIL_POINTS: usize = 48;
/// A pooled block whose chord rises above the curve by less than this, relative to
/// the size of hat Gamma over the block, is rounding noise, not a graded interval.
const HEIGHT_NOISE: f64 = 1e-12;
/// How many grid cells either side of a sampled end point the polish searches for
/// the true tangency.
const MAX_SCAN_CELLS: usize = 12;
/// The tangency search keeps this far (relative) from the chord's anchor, where the
/// chord slope is the quotient of two differences of nearly equal numbers.
const ANCHOR_GAP: f64 = 1e-7;
/// Successive scans for a tangency: (pieces per cell, cells either side of the
/// sampled end point). Hidden sign changes sit next to a jump or kink inside the
/// nearest cells, so the finer scans look only there.
const SCANS: [(usize, usize); 3] = [(1, MAX_SCAN_CELLS), (16, 2), (256, 1)];
/// The polish stops when neither end moves by more than this, relatively. The
/// iteration converges quadratically, so the step after one this small leaves only
/// rounding noise (the tangency conditions themselves are evaluated to a few ulps,
/// which moves a root by a few ulps over the slope of ln hat gamma - x there).
const POLISH_TOLERANCE: f64 = 1e-13;
/// Below this relative movement, steps that no longer halve are rounding noise.
const POLISH_NOISE_FLOOR: f64 = 1e-10;
const MAX_POLISH_STEPS: usize = 60;
/// Relative offset at which a cell that starts at a jump of hat w is probed, so that
/// the probe sees the value to the right of the jump.
const JUMP_PROBE: f64 = 64.0 * f64::EPSILON;
/// Relative tolerance of the single-crossing test on the slope hat gamma e^{-x}.
const SINGLE_CROSSING_TOLERANCE: f64 = 1e-12;

/// The aggregate signals at which the curve is sampled: 0, a geometric lower
/// tail, a uniform bulk, a uniform upper tail and every break point of hat w.
pub(crate) fn sample_signals(fr: &FullyRevealing, breakpoints: &[f64]) -> Vec<f64> {
    let n = fr.erlang.shape() as f64;
    let x_bulk_lo = fr.erlang.quantile(BULK_LEVEL);
    let x_lowest = fr
        .erlang
        .quantile(LOWEST_LEVEL)
        .min(LOWEST_SIGNAL_FRACTION * n)
        .min(0.5 * x_bulk_lo);
    let x_bulk_hi = fr.erlang.quantile_sf(BULK_LEVEL);
    let x_tail_hi = fr.erlang.quantile_sf(TAIL_LEVEL);
    let mut xs = Vec::with_capacity(
        1 + LOWER_TAIL_POINTS + BULK_POINTS + UPPER_TAIL_POINTS + breakpoints.len(),
    );
    xs.push(0.0);
    let (l0, l1) = (x_lowest.ln(), x_bulk_lo.ln());
    xs.extend((0..LOWER_TAIL_POINTS).map(|i| {
        let t = i as f64 / LOWER_TAIL_POINTS as f64;
        (l0 + t * (l1 - l0)).exp()
    }));
    xs.extend((0..BULK_POINTS).map(|i| {
        let t = i as f64 / BULK_POINTS as f64;
        x_bulk_lo + t * (x_bulk_hi - x_bulk_lo)
    }));
    xs.extend((0..=UPPER_TAIL_POINTS).map(|i| {
        let t = i as f64 / UPPER_TAIL_POINTS as f64;
        x_bulk_hi + t * (x_tail_hi - x_bulk_hi)
    }));
    xs.extend(breakpoints.iter().copied().filter(|&x| x < x_tail_hi));
    xs.retain(|x| x.is_finite() && *x >= 0.0);
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

/// A run of consecutive segments pooled into one chord of the hull.
#[derive(Debug, Clone, Copy)]
struct Block {
    first: usize,
    last: usize,
    /// Rise of hat Gamma over the block.
    rise: SignedLog,
    /// ln of the run of E over the block.
    ln_run: f64,
}

impl Block {
    /// Orders chords by slope rise / e^{ln_run}.
    fn slope(&self) -> SignedLog {
        self.rise.shifted(-self.ln_run)
    }
}

/// Finds the graded intervals: the sampled hull, then the polish. Returns them
/// sorted and disjoint.
pub(crate) fn graded_intervals(
    fr: &FullyRevealing,
    xs: &[f64],
) -> Result<Vec<GradedInterval>, String> {
    let samples: Vec<Sample> = xs.iter().map(|&x| fr.sample(x)).collect();
    let mut blocks = pooled_blocks(fr, &samples);
    blocks.retain(|b| b.last > b.first + 1 && is_graded(fr, &samples, b));

    let mut intervals: Vec<(usize, GradedInterval)> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let mut first = block.first;
        let mut interval = polish(fr, &samples, first, block.last)?;
        // Two sampled blocks that polish into overlapping intervals are one graded
        // interval that the sample cut in two; pool them and polish again.
        while let Some(&(prev_first, prev)) = intervals.last() {
            if prev.end < interval.start {
                break;
            }
            intervals.pop();
            first = prev_first;
            interval = polish(fr, &samples, first, block.last)?;
        }
        intervals.push((first, interval));
    }
    Ok(intervals.into_iter().map(|(_, i)| i).collect())
}

/// Whether hat Gamma o E^{-1} is convex then concave on the sample (Section 4.4):
/// the slope hat gamma(x) e^{-x} rises and then falls, never rising again.
pub(crate) fn is_single_crossing(fr: &FullyRevealing, xs: &[f64]) -> bool {
    let gains: Vec<SignedLog> = xs.iter().map(|&x| fr.gains_log(x)).collect();
    let mut falling = false;
    for j in 1..xs.len() {
        // Compare s_j = gains_j e^{-x_j} with s_{j-1} without forming e^{-x}.
        let next = gains[j].shifted(xs[j - 1] - xs[j]);
        let prev = gains[j - 1];
        if !next.differs_from(prev, SINGLE_CROSSING_TOLERANCE) {
            continue;
        }
        match next.compare(prev) {
            Ordering::Less => falling = true,
            Ordering::Greater if falling => return false,
            _ => {}
        }
    }
    true
}

/// Pool-adjacent-violators over the segments: the upper concave hull of the points
/// (E(x_j), hat Gamma(x_j)), as chords whose slopes strictly decrease.
fn pooled_blocks(fr: &FullyRevealing, samples: &[Sample]) -> Vec<Block> {
    let mut stack: Vec<Block> = Vec::with_capacity(samples.len());
    for j in 0..samples.len() - 1 {
        let (a, b) = (&samples[j], &samples[j + 1]);
        let mut block = Block {
            first: j,
            last: j + 1,
            rise: fr.rise(a, b),
            ln_run: fr.ln_run(a, b, 0.0),
        };
        while let Some(prev) = stack.last() {
            if prev.slope().compare(block.slope()) == Ordering::Greater {
                break;
            }
            block = Block {
                first: prev.first,
                last: block.last,
                rise: prev.rise.add(block.rise),
                ln_run: ln_add_exp(prev.ln_run, block.ln_run),
            };
            stack.pop();
        }
        stack.push(block);
    }
    stack
}

/// Whether the block's chord rises above the sampled curve by more than rounding:
/// at some interior j, the chord's height slope (E(x_j) - E(x_first)) above
/// hat Gamma(x_first) exceeds the curve's rise hat Gamma(x_j) - hat Gamma(x_first)
/// by more than [`HEIGHT_NOISE`] times the magnitudes involved at j. (Relative to
/// the local magnitudes, not the block's: in E-space the chord's far end dominates.)
fn is_graded(fr: &FullyRevealing, samples: &[Sample], b: &Block) -> bool {
    let start = &samples[b.first];
    let ln_start = fr.level(start).ln;
    let slope = b.slope();
    (b.first + 1..b.last).any(|j| {
        let chord = slope.shifted(fr.ln_run(start, &samples[j], 0.0));
        let height = chord.sub(fr.rise(start, &samples[j]));
        let size = ln_start.max(fr.level(&samples[j]).ln).max(chord.ln);
        height.sign > 0.0 && height.ln > HEIGHT_NOISE.ln() + size
    })
}

/// Polishes the sampled block between grid points `first` and `last` to the
/// tangency conditions.
///
/// The right end b is the tangency of the line from (E(a), hat Gamma(a)) to the
/// curve: the maximiser of the chord slope from a, where hat gamma(x) e^{-x} equals
/// that chord slope. The left end a (unless it is 0) is likewise the tangency of the
/// line from b. The two steps alternate; because the chord slope is stationary in
/// each end at the bitangent, each step moves the other end only at second order and
/// the alternation converges quadratically.
fn polish(
    fr: &FullyRevealing,
    samples: &[Sample],
    first: usize,
    last: usize,
) -> Result<GradedInterval, String> {
    // Slopes are compared as ln(k e^{r}), which is of the order of ln hat gamma.
    let r = samples[last].x;
    let ln_gains_slope = |x: f64| {
        let gains = fr.gains_log(x);
        (gains.sign > 0.0).then_some(gains.ln - (x - r))
    };
    let ln_chord = |a: &Sample, b: &Sample| {
        let rise = fr.rise(a, b);
        (rise.sign > 0.0).then(|| rise.ln - fr.ln_run(a, b, r))
    };
    // Positive where the curve's slope exceeds the chord's, negative where it is
    // below; the magnitudes only guide the root finder.
    let compare = |slope: Option<f64>, chord: Option<f64>| match (slope, chord) {
        (Some(s), Some(c)) => s - c,
        (Some(_), None) => 1.0,
        (None, _) => -1.0,
    };
    let mut a = samples[first];
    let mut b = samples[last];
    let mut previous_movement = f64::INFINITY;
    for _ in 0..MAX_POLISH_STEPS {
        let anchor = a;
        let right = tangency(samples, last, anchor.x, f64::INFINITY, |x| {
            compare(ln_gains_slope(x), ln_chord(&anchor, &fr.sample(x)))
        })?;
        let new_b = fr.sample(right);
        let new_a = if first == 0 {
            a
        } else {
            let left = tangency(samples, first, 0.0, new_b.x, |x| {
                compare(ln_gains_slope(x), ln_chord(&fr.sample(x), &new_b))
            })?;
            fr.sample(left)
        };
        let movement = ((new_a.x - a.x).abs() / new_a.x.abs().max(f64::MIN_POSITIVE))
            .max((new_b.x - b.x).abs() / new_b.x.abs());
        // Converged when the ends stop moving, or when they move only at the noise
        // floor of the tangency conditions (an ill-conditioned, nearly flat
        // crossing), where the quadratic convergence has stopped shrinking the steps.
        let converged = movement <= POLISH_TOLERANCE
            || (movement <= POLISH_NOISE_FLOOR && movement > 0.5 * previous_movement);
        previous_movement = movement;
        a = new_a;
        b = new_b;
        if converged {
            let ln_theta = ln_chord(&a, &b)
                .ok_or_else(|| format!("the chord over [{}, {}] does not rise", a.x, b.x))?;
            return Ok(GradedInterval {
                start: a.x,
                end: b.x,
                ln_end_gains: ln_theta + (b.x - r),
            });
        }
    }
    Err(format!(
        "the tangency conditions of the graded interval near [{}, {}] did not converge",
        samples[first].x, samples[last].x
    ))
}

/// The downward sign change of `psi` nearest grid index `idx`, strictly inside
/// (`lower`, `upper`).
///
/// Cells are tried in order of distance from idx. A cell can hide a sign change that
/// its end points do not show (two tangencies in one cell, around a jump of hat w),
/// so when no cell shows one, the cells are tried again split into finer pieces.
fn tangency(
    samples: &[Sample],
    idx: usize,
    lower: f64,
    upper: f64,
    mut psi: impl FnMut(f64) -> f64,
) -> Result<f64, String> {
    let n = samples.len();
    for (pieces, cells) in SCANS {
        for step in 0..2 * cells {
            let offset = step / 2;
            let j = if step % 2 == 0 {
                idx.checked_sub(1 + offset)
            } else {
                Some(idx + offset)
            };
            let Some(j) = j.filter(|&j| j + 1 < n) else {
                continue;
            };
            let (lo, hi) = (samples[j].x.max(lower), samples[j + 1].x.min(upper));
            if lo >= hi {
                continue;
            }
            for k in 0..pieces {
                let t0 = k as f64 / pieces as f64;
                let t1 = (k + 1) as f64 / pieces as f64;
                let mut p0 = lo + t0 * (hi - lo);
                let mut p1 = if k + 1 == pieces {
                    hi
                } else {
                    lo + t1 * (hi - lo)
                };
                // Probe just inside the piece: its ends may be jumps of hat w (where
                // the quantile's min convention gives the left limit) or the anchor
                // of the chord (where the chord is undefined); the interior sees
                // neither, and a tangency never sits at an upward jump.
                p0 += JUMP_PROBE * p0.abs().max(f64::MIN_POSITIVE);
                p1 -= JUMP_PROBE * p1.abs();
                // Next to the chord's anchor the chord is a difference of nearly
                // equal integrated gains and its sign is noise; keep away from it.
                if p0 <= lower + ANCHOR_GAP * lower.abs().max(1.0) {
                    p0 = lower + ANCHOR_GAP * lower.abs().max(1.0);
                }
                if p1 >= upper - ANCHOR_GAP * upper.abs() {
                    p1 = upper - ANCHOR_GAP * upper.abs();
                }
                if p0 < p1 && psi(p0) > 0.0 && psi(p1) <= 0.0 {
                    return Ok(find_root(psi, p0, p1, 0.0).x);
                }
            }
        }
    }
    Err(format!(
        "no tangency found within {MAX_SCAN_CELLS} sample cells of x = {}",
        samples[idx].x
    ))
}
