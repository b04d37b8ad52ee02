//! Invariants every prior must satisfy, checked against independent computations
//! (brute-force midpoint sums of the quantile, the CDF, and identities between the
//! lower and upper functions).

use maxmin_prior::Prior;

/// Relative tolerance for identities that hold exactly in real arithmetic and are
/// only disturbed by rounding in a handful of operations.
pub const ROUNDING_TOLERANCE: f64 = 1e-12;

/// Cells of the brute-force midpoint sum over [0, alpha].
const MIDPOINT_CELLS: usize = 4096;

/// Cells of the midpoint sum inside each stretch between break points.
const CELLS_PER_STRETCH: usize = 4;

/// Probabilities at which the identities are checked (besides the break points).
const ALPHAS: [f64; 12] = [
    0.0, 1e-300, 1e-12, 0.001, 0.1, 0.25, 0.3, 0.5, 0.77, 0.9, 0.999, 1.0,
];

/// The largest alpha used where the exponential's quantile must stay finite.
const FINITE_ALPHA_CAP: f64 = 0.999;

/// Asserts `a` and `b` agree to `tolerance` relative to `scale` (or absolutely near 0).
#[track_caller]
pub fn assert_close(a: f64, b: f64, tolerance: f64, scale: f64, what: &str) {
    let bound = tolerance * (1.0 + scale.abs());
    assert!(
        (a - b).abs() <= bound,
        "{what}: {a} vs {b} differ by {} > {bound}",
        (a - b).abs()
    );
}

/// Checks every invariant of the public API on `prior`, naming it on failure.
pub fn check_invariants(prior: &Prior) {
    let name = prior.description();
    let (v_lo, v_hi) = prior.support();
    let mean = prior.mean();
    let breakpoints = prior.breakpoints();
    let scale = if v_hi.is_finite() { v_hi } else { mean };

    // Support ends and degeneracy.
    assert_eq!(prior.quantile(0.0), v_lo, "{name}: quantile(0)");
    assert_eq!(prior.quantile(1.0), v_hi, "{name}: quantile(1)");
    assert_eq!(prior.quantile_upper(0.0), v_hi, "{name}: quantile_upper(0)");
    assert_eq!(prior.quantile_upper(1.0), v_lo, "{name}: quantile_upper(1)");
    assert_eq!(prior.is_degenerate(), v_lo == v_hi, "{name}: degenerate");
    assert!(
        v_lo >= 0.0 && v_lo <= mean && mean <= v_hi,
        "{name}: mean {mean} outside support"
    );

    // Break points: sorted, strictly inside (0, 1), and the quantile is affine between them.
    assert!(
        breakpoints.windows(2).all(|w| w[0] < w[1]),
        "{name}: break points not strictly increasing: {breakpoints:?}"
    );
    assert!(
        breakpoints.iter().all(|&b| b > 0.0 && b < 1.0),
        "{name}: break point outside (0, 1): {breakpoints:?}"
    );
    let mut edges = vec![0.0];
    edges.extend(&breakpoints);
    edges.push(1.0);
    let stretches: Vec<(f64, f64)> = edges.windows(2).map(|w| (w[0], w[1])).collect();
    if v_hi.is_finite() {
        for &(a, b) in &stretches {
            let q = |t: f64| prior.quantile(a + t * (b - a));
            let (q1, q2, q3) = (q(0.25), q(0.5), q(0.75));
            assert_close(
                q2,
                0.5 * q1 + 0.5 * q3,
                ROUNDING_TOLERANCE,
                scale,
                &format!("{name}: kink inside ({a}, {b})"),
            );
        }
        // Every break point is a genuine kink or jump: the affine pieces on either side
        // differ in value at the break point or in slope.
        for pair in stretches.windows(2) {
            let ((a, b), (c, d)) = (pair[0], pair[1]);
            let left_slope = (prior.quantile(a + 0.75 * (b - a))
                - prior.quantile(a + 0.25 * (b - a)))
                / (0.5 * (b - a));
            let right_slope = (prior.quantile(c + 0.75 * (d - c))
                - prior.quantile(c + 0.25 * (d - c)))
                / (0.5 * (d - c));
            let left_end = prior.quantile(a + 0.75 * (b - a)) + left_slope * 0.25 * (b - a);
            let right_start = prior.quantile(c + 0.25 * (d - c)) - right_slope * 0.25 * (d - c);
            let jump = right_start - left_end;
            let kink = right_slope - left_slope;
            assert!(
                jump.abs() > 1e-9 * (1.0 + scale)
                    || kink.abs() > 1e-9 * (1.0 + left_slope.abs().max(right_slope.abs())),
                "{name}: break point {b} is neither a jump nor a kink"
            );
        }
    }

    // Atoms and gaps are delimited by break points (or by 0 and 1), and H is flat on gaps.
    let is_edge = |alpha: f64| alpha <= 0.0 || alpha >= 1.0 || breakpoints.contains(&alpha);
    let value_breakpoints = prior.value_breakpoints();
    assert!(
        value_breakpoints.windows(2).all(|w| w[0] < w[1]),
        "{name}: value break points not increasing"
    );
    assert_eq!(
        value_breakpoints[0], v_lo,
        "{name}: value break points start at the support"
    );
    if v_hi.is_finite() {
        assert_eq!(
            *value_breakpoints.last().unwrap(),
            v_hi,
            "{name}: value break points end at the support"
        );
    }
    let mut atom_mass = 0.0;
    for atom in prior.atoms() {
        assert!(
            is_edge(atom.alpha_lo) && is_edge(atom.alpha_hi),
            "{name}: atom {atom:?} not at break points"
        );
        assert!(
            value_breakpoints.contains(&atom.value),
            "{name}: atom {atom:?} not a value break point"
        );
        assert_close(
            atom.alpha_hi - atom.alpha_lo,
            atom.probability,
            ROUNDING_TOLERANCE,
            0.0,
            &format!("{name}: atom mass"),
        );
        assert_eq!(
            prior.cdf(atom.value),
            atom.alpha_hi,
            "{name}: H at atom {atom:?}"
        );
        let mid = 0.5 * (atom.alpha_lo + atom.alpha_hi);
        assert_eq!(
            prior.quantile(mid),
            atom.value,
            "{name}: quantile inside atom {atom:?}"
        );
        assert_eq!(
            prior.quantile(atom.alpha_hi),
            atom.value,
            "{name}: quantile at top of atom {atom:?}"
        );
        atom_mass += atom.probability;
    }
    assert!(
        atom_mass <= 1.0 + ROUNDING_TOLERANCE,
        "{name}: atoms carry {atom_mass}"
    );
    for gap in prior.gaps() {
        assert!(
            is_edge(gap.alpha) && gap.alpha > 0.0 && gap.alpha < 1.0,
            "{name}: gap {gap:?} not at a break point"
        );
        assert!(
            value_breakpoints.contains(&gap.lo) && value_breakpoints.contains(&gap.hi),
            "{name}: gap {gap:?} ends"
        );
        assert_eq!(
            prior.cdf(gap.lo),
            gap.alpha,
            "{name}: H at gap bottom {gap:?}"
        );
        assert_eq!(
            prior.cdf(0.5 * gap.lo + 0.5 * gap.hi),
            gap.alpha,
            "{name}: H inside gap {gap:?}"
        );
        assert_eq!(
            prior.quantile(gap.alpha),
            gap.lo,
            "{name}: min convention at gap {gap:?}"
        );
        assert!(
            prior.quantile(gap.alpha + 1e-12) >= gap.hi,
            "{name}: quantile above gap {gap:?}"
        );
    }

    // Probabilities to check: the fixed list, break points, and points next to them.
    let mut alphas: Vec<f64> = ALPHAS.to_vec();
    for &b in &breakpoints {
        alphas.extend([b, b - 1e-13, b + 1e-13, 0.5 * b]);
    }
    alphas.retain(|a| (0.0..=1.0).contains(a));
    alphas.sort_by(f64::total_cmp);

    let mut previous = f64::NEG_INFINITY;
    for &alpha in &alphas {
        let q = prior.quantile(alpha);
        assert!(q >= previous, "{name}: quantile decreases at {alpha}");
        previous = q;
        // cdf(quantile(a)) >= a: the quantile is the least value reaching a.
        assert!(
            prior.cdf(q) >= alpha - ROUNDING_TOLERANCE,
            "{name}: H(H^-1({alpha})) = {} < alpha",
            prior.cdf(q)
        );
        // The identity between lower and upper partial integrals and the mean.
        let beta = 1.0 - alpha;
        assert_close(
            prior.lower_partial(alpha) + prior.upper_partial(beta),
            mean,
            ROUNDING_TOLERANCE,
            mean,
            &format!("{name}: lower({alpha}) + upper({beta}) vs mean"),
        );
        // The upper quantile agrees with the quantile away from jumps.
        let near_jump = breakpoints.iter().any(|&b| (b - alpha).abs() < 1e-9);
        if !near_jump && alpha < 1.0 && q.is_finite() {
            assert_close(
                prior.quantile_upper(beta),
                q,
                1e-9,
                scale,
                &format!("{name}: quantile_upper({beta})"),
            );
        }
    }
    assert_eq!(prior.lower_partial(0.0), 0.0, "{name}: lower_partial(0)");
    assert_eq!(prior.upper_partial(0.0), 0.0, "{name}: upper_partial(0)");
    assert_eq!(prior.lower_partial(1.0), mean, "{name}: lower_partial(1)");
    assert_eq!(prior.upper_partial(1.0), mean, "{name}: upper_partial(1)");

    // lower_partial against two brute-force midpoint sums of the quantile.
    for &alpha in &[0.05, 0.3, 0.5, 0.8, FINITE_ALPHA_CAP] {
        let exact = prior.lower_partial(alpha);
        // Uniform cells: for an increasing integrand each cell errs by at most
        // h (q(right) - q(left)), so the whole sum errs by at most h (q(alpha) - q(0)).
        let h = alpha / MIDPOINT_CELLS as f64;
        // Each term is weighted before summing so that values near f64::MAX cannot
        // overflow the sum.
        let sum: f64 = (0..MIDPOINT_CELLS)
            .map(|k| prior.quantile((k as f64 + 0.5) * h) * h)
            .sum();
        let bound = h * (prior.quantile(alpha) - v_lo) + ROUNDING_TOLERANCE * (1.0 + scale);
        assert!(
            (sum - exact).abs() <= bound,
            "{name}: lower_partial({alpha}) = {exact}, midpoint sum {sum}"
        );
        // Cells aligned with the break points: exact for a piecewise-affine quantile.
        if v_hi.is_finite() {
            let mut aligned = 0.0;
            for &(a, b) in &stretches {
                let b = b.min(alpha);
                if b <= a {
                    continue;
                }
                let h = (b - a) / CELLS_PER_STRETCH as f64;
                aligned += (0..CELLS_PER_STRETCH)
                    .map(|k| prior.quantile(a + (k as f64 + 0.5) * h) * h)
                    .sum::<f64>();
            }
            assert_close(
                aligned,
                exact,
                ROUNDING_TOLERANCE,
                scale,
                &format!("{name}: lower_partial({alpha}) vs aligned sum"),
            );
        }
    }

    // quantile(cdf(v)) <= v, and the CDF is monotone within [0, 1].
    let top = if v_hi.is_finite() {
        v_hi
    } else {
        prior.quantile(FINITE_ALPHA_CAP)
    };
    let mut values: Vec<f64> = (0..=220)
        .map(|k| (top + 1.0) * (k as f64 / 200.0))
        .collect();
    values.extend(&value_breakpoints);
    values.sort_by(f64::total_cmp);
    let mut previous = 0.0;
    for &v in &values {
        let h = prior.cdf(v);
        assert!(
            (0.0..=1.0).contains(&h) && h >= previous,
            "{name}: H({v}) = {h}"
        );
        previous = h;
        // Below the support H = 0, and quantile(0) is the support's lower end by
        // convention rather than min{v | H(v) >= 0}, so the check starts there.
        if v < v_lo {
            continue;
        }
        // For an unbounded support H(v) rounds to 1 at finite v, and quantile(1) is
        // the infinite upper end; the upper tail is what quantile_upper is for.
        if h == 1.0 && v_hi.is_infinite() {
            continue;
        }
        let back = prior.quantile(h);
        assert!(
            back <= v + ROUNDING_TOLERANCE * (1.0 + v),
            "{name}: H^-1(H({v})) = {back} > v"
        );
    }

    // Arguments outside the domain give NaN; nothing panics on special values.
    for bad in [f64::NAN, -0.1, 1.1, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(prior.quantile(bad).is_nan(), "{name}: quantile({bad})");
        assert!(
            prior.quantile_upper(bad).is_nan(),
            "{name}: quantile_upper({bad})"
        );
        assert!(
            prior.lower_partial(bad).is_nan(),
            "{name}: lower_partial({bad})"
        );
        assert!(
            prior.upper_partial(bad).is_nan(),
            "{name}: upper_partial({bad})"
        );
    }
    assert!(prior.cdf(f64::NAN).is_nan(), "{name}: cdf(NaN)");
    assert_eq!(prior.cdf(f64::NEG_INFINITY), 0.0, "{name}: cdf(-inf)");
    assert_eq!(prior.cdf(f64::INFINITY), 1.0, "{name}: cdf(inf)");
    for special in [
        -0.0,
        5e-324,
        f64::MIN_POSITIVE,
        1.0 - f64::EPSILON / 2.0,
        f64::EPSILON,
        f64::MAX,
        -f64::MAX,
    ] {
        let _ = (
            prior.cdf(special),
            prior.quantile(special),
            prior.quantile_upper(special),
            prior.lower_partial(special),
            prior.upper_partial(special),
        );
    }
}
