//! Brent's bracketed root finder (inverse quadratic interpolation, secant and
//! bisection), as in Brent (1973), "Algorithms for Minimization without
//! Derivatives", chapter 4.
//!
//! The bracket is kept at every step, so the answer is never outside it, and the
//! method falls back to bisection often enough to converge in at most about
//! (log2 of bracket / tolerance)^2 steps even on discontinuous functions.

/// The result of [`find_root`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Root {
    /// The best estimate of the root: the end of the final bracket with the
    /// smaller |f|.
    pub x: f64,
    /// The final bracket `[lo, hi]`, over which f changes sign (or is zero at an end).
    pub bracket: (f64, f64),
    /// Function evaluations spent.
    pub evaluations: usize,
    /// False when the initial bracket did not straddle a sign change; `x` is then
    /// the end with the smaller |f| and nothing else is claimed.
    pub bracketed: bool,
}

/// Relative width at which a bracket counts as converged, in units of machine epsilon.
const X_TOLERANCE_ULPS: f64 = 2.0;
/// An iteration cap far above what Brent's method needs on doubles; it only guards
/// against a function that is not a function (NaN for part of the bracket).
const MAX_ITERATIONS: usize = 400;

/// Finds a root of `f` in `[a, b]`, a sign change of f, to the absolute tolerance
/// `x_tol` plus two ulps of the root.
///
/// `f(a)` and `f(b)` must have opposite signs (or one of them be zero); otherwise
/// the result has `bracketed == false`.
pub fn find_root<F: FnMut(f64) -> f64>(mut f: F, a: f64, b: f64, x_tol: f64) -> Root {
    let (mut a, mut b) = (a, b);
    let mut fa = f(a);
    let mut fb = f(b);
    let mut evaluations = 2;
    if fa == 0.0 || fb == 0.0 || fa.signum() != fb.signum() {
        // Proceed below.
    } else {
        let x = if fa.abs() < fb.abs() { a } else { b };
        return Root {
            x,
            bracket: (a.min(b), a.max(b)),
            evaluations,
            bracketed: false,
        };
    }
    if fa.abs() < fb.abs() {
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut fa, &mut fb);
    }
    // Invariant: the root lies between b (best so far) and c; |f(b)| <= |f(c)|.
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..MAX_ITERATIONS {
        if fb == 0.0 {
            break;
        }
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 0.5 * x_tol + X_TOLERANCE_ULPS * f64::EPSILON * b.abs();
        let m = 0.5 * (c - b);
        if m.abs() <= tol {
            break;
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            // Try interpolation: secant when only two points are distinct,
            // inverse quadratic otherwise.
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qa = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
        evaluations += 1;
    }
    Root {
        x: b,
        bracket: (b.min(c), b.max(c)),
        evaluations,
        bracketed: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_simple_roots_to_the_last_ulps() {
        let r = find_root(|x: f64| x * x - 2.0, 0.0, 2.0, 0.0);
        assert!(r.bracketed);
        assert!((r.x - 2.0_f64.sqrt()).abs() <= 4.0 * f64::EPSILON, "{r:?}");
        let r = find_root(|x: f64| x.cos() - x, 0.0, 1.0, 0.0);
        assert!((r.x - 0.739_085_133_215_160_6).abs() < 4e-16, "{r:?}");
    }

    #[test]
    fn works_on_functions_with_jumps() {
        // The sign change of a step function is found to the tolerance.
        let r = find_root(|x: f64| if x < 0.3 { -1.0 } else { 1.0 }, 0.0, 1.0, 1e-14);
        assert!((r.x - 0.3).abs() < 2e-14, "{r:?}");
        assert!(r.evaluations < 100);
    }

    #[test]
    fn reports_a_missing_sign_change() {
        let r = find_root(|x: f64| x * x + 1.0, -1.0, 2.0, 0.0);
        assert!(!r.bracketed);
        assert_eq!(r.x, -1.0);
    }

    #[test]
    fn roots_at_the_bracket_ends_are_returned() {
        let r = find_root(|x: f64| x - 1.0, 1.0, 3.0, 0.0);
        assert_eq!(r.x, 1.0);
        let r = find_root(|x: f64| x - 3.0, 1.0, 3.0, 0.0);
        assert_eq!(r.x, 3.0);
    }

    #[test]
    fn badly_scaled_roots_keep_relative_accuracy() {
        // A root near 1e5 (the scale of the Erlang mode at n = 1e5).
        let r = find_root(|x: f64| (x / 1e5).ln() - 1e-3, 9e4, 1.2e5, 0.0);
        let exact = 1e5 * (1e-3_f64).exp();
        assert!(((r.x - exact) / exact).abs() < 4e-16, "{r:?}");
    }
}
