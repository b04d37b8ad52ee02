//! Piecewise Chebyshev interpolation, adaptive in the panel widths, with exact
//! integration of the interpolant.
//!
//! A function that is smooth between known break points is sampled at the
//! Chebyshev points of each panel; a panel whose trailing coefficients are not
//! negligible is halved. Evaluation is a binary search and Clenshaw's recurrence,
//! so a table built once answers in tens of nanoseconds. The antiderivative of a
//! Chebyshev series is again one, which gives cumulative integrals with the same
//! accuracy as the fit (Trefethen, "Approximation Theory and Approximation
//! Practice", chapters 3 and 19).

use std::f64::consts::PI;

/// Points per panel (degree + 1).
const POINTS: usize = 24;
/// Panels are not split below this relative width.
const MIN_RELATIVE_WIDTH: f64 = 1e-12;

/// A piecewise Chebyshev interpolant on [a, b].
#[derive(Debug, Clone, PartialEq)]
pub struct Chebyshev {
    /// Panel boundaries, increasing; panel k is [breaks[k], breaks[k + 1]].
    breaks: Vec<f64>,
    /// Chebyshev coefficients of each panel.
    coefs: Vec<Vec<f64>>,
    /// Whether every panel met the tail tolerance within the panel budget.
    converged: bool,
}

impl Chebyshev {
    /// Fits `f` on [a, b] (finite, a < b), starting from panels split at the break
    /// points strictly inside (a, b), halving any panel whose last three Chebyshev
    /// coefficients exceed `tolerance` times the largest value seen, until at most
    /// `max_panels` panels. Panels are split breadth first, so a spent budget leaves
    /// the error spread evenly rather than concentrated at the right end.
    ///
    /// `tolerance` should not be below the relative noise of `f` (about 1e-15 for a
    /// closed form, the quadrature tolerance for a function computed by quadrature):
    /// noise does not decay with the degree, and chasing it spends the budget.
    ///
    /// `f` is evaluated at interior Chebyshev points only (first kind), never at
    /// the panel ends, so a jump exactly at a break point is never sampled.
    pub fn fit<F: FnMut(f64) -> f64>(
        mut f: F,
        a: f64,
        b: f64,
        breakpoints: &[f64],
        tolerance: f64,
        max_panels: usize,
    ) -> Chebyshev {
        let mut pending: std::collections::VecDeque<(f64, f64)> =
            crate::split_at(a, b, breakpoints).into();
        let mut done: Vec<(f64, f64, Vec<f64>)> = Vec::new();
        let mut scale = 0.0_f64;
        let mut converged = true;
        while let Some((lo, hi)) = pending.pop_front() {
            let values = sample(&mut f, lo, hi);
            scale = values.iter().fold(scale, |m, v| m.max(v.abs()));
            let coefs = coefficients(&values);
            let tail = coefs[POINTS - 3..]
                .iter()
                .fold(0.0_f64, |m, c| m.max(c.abs()));
            let narrow = hi - lo <= MIN_RELATIVE_WIDTH * lo.abs().max(hi.abs()).max(1.0);
            let budget = done.len() + pending.len() + 2 > max_panels;
            let resolved = tail <= tolerance * scale.max(f64::MIN_POSITIVE);
            if resolved || narrow || budget {
                converged &= resolved;
                done.push((lo, hi, coefs));
            } else {
                let mid = 0.5 * (lo + hi);
                pending.push_back((lo, mid));
                pending.push_back((mid, hi));
            }
        }
        done.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut breaks = Vec::with_capacity(done.len() + 1);
        let mut coefs = Vec::with_capacity(done.len());
        for (lo, hi, c) in done {
            if breaks.is_empty() {
                breaks.push(lo);
            }
            breaks.push(hi);
            coefs.push(c);
        }
        Chebyshev {
            breaks,
            coefs,
            converged,
        }
    }

    /// The interval [a, b] covered.
    pub fn domain(&self) -> (f64, f64) {
        (self.breaks[0], self.breaks[self.breaks.len() - 1])
    }

    /// Whether every panel met the tolerance (otherwise the panel budget ran out).
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Number of panels.
    pub fn panels(&self) -> usize {
        self.coefs.len()
    }

    /// The interpolant at x, clamped to the domain. At a break point the panel to
    /// the right is used (the value from the left is [`Chebyshev::eval_left`]).
    pub fn eval(&self, x: f64) -> f64 {
        let k = self.breaks[1..self.breaks.len() - 1].partition_point(|&p| p <= x);
        self.eval_panel(k, x)
    }

    /// The interpolant at x using the panel to the left of a break point.
    pub fn eval_left(&self, x: f64) -> f64 {
        let k = self.breaks[1..self.breaks.len() - 1].partition_point(|&p| p < x);
        self.eval_panel(k, x)
    }

    fn eval_panel(&self, k: usize, x: f64) -> f64 {
        let (lo, hi) = (self.breaks[k], self.breaks[k + 1]);
        let t = ((2.0 * x - lo - hi) / (hi - lo)).clamp(-1.0, 1.0);
        clenshaw(&self.coefs[k], t)
    }

    /// The antiderivative x -> integral_a^x of the interpolant, as another
    /// interpolant on the same panels (continuous across them).
    pub fn integral(&self) -> Chebyshev {
        let mut offset = 0.0;
        let mut coefs = Vec::with_capacity(self.coefs.len());
        for (k, c) in self.coefs.iter().enumerate() {
            let half = 0.5 * (self.breaks[k + 1] - self.breaks[k]);
            let mut d = integrate_series(c, half);
            // The antiderivative is fixed to `offset` at the panel's left end (t = -1).
            let at_left = clenshaw(&d, -1.0);
            d[0] += offset - at_left;
            offset = clenshaw(&d, 1.0);
            coefs.push(d);
        }
        Chebyshev {
            breaks: self.breaks.clone(),
            coefs,
            converged: self.converged,
        }
    }
}

/// f at the first-kind Chebyshev points of [lo, hi], in the order of increasing k
/// (decreasing x): x_k = mid + half cos(pi (k + 1/2) / n).
fn sample<F: FnMut(f64) -> f64>(f: &mut F, lo: f64, hi: f64) -> Vec<f64> {
    let (mid, half) = (0.5 * (lo + hi), 0.5 * (hi - lo));
    (0..POINTS)
        .map(|k| f(mid + half * (PI * (k as f64 + 0.5) / POINTS as f64).cos()))
        .collect()
}

/// Chebyshev coefficients from values at first-kind points (a direct DCT-II; n is
/// small, so O(n^2) costs nothing next to the function evaluations).
fn coefficients(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    (0..n)
        .map(|j| {
            let s: f64 = values
                .iter()
                .enumerate()
                .map(|(k, v)| v * (PI * j as f64 * (k as f64 + 0.5) / n as f64).cos())
                .sum();
            if j == 0 {
                s / n as f64
            } else {
                2.0 * s / n as f64
            }
        })
        .collect()
}

/// Clenshaw's recurrence for sum c_j T_j(t).
fn clenshaw(c: &[f64], t: f64) -> f64 {
    let (mut b1, mut b2) = (0.0, 0.0);
    for &cj in c.iter().skip(1).rev() {
        let b0 = 2.0 * t * b1 - b2 + cj;
        b2 = b1;
        b1 = b0;
    }
    t * b1 - b2 + c[0]
}

/// Coefficients of an antiderivative (in x, with dx = half dt) of sum c_j T_j(t),
/// up to a constant: C_j = half (c_{j-1} - c_{j+1}) / (2 j), with c_0 counted twice.
fn integrate_series(c: &[f64], half: f64) -> Vec<f64> {
    let n = c.len();
    let at = |j: usize| if j < n { c[j] } else { 0.0 };
    let mut out = vec![0.0; n + 1];
    for (j, slot) in out.iter_mut().enumerate().skip(1) {
        let prev = if j == 1 { 2.0 * at(0) } else { at(j - 1) };
        *slot = half * (prev - at(j + 1)) / (2.0 * j as f64);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_functions_to_rounding() {
        let cheb = Chebyshev::fit(f64::exp, 0.0, 3.0, &[], 1e-15, 64);
        assert!(cheb.converged());
        for i in 0..=300 {
            let x = 3.0 * i as f64 / 300.0;
            // Accurate to rounding relative to the function's scale (e^3 here).
            assert!((cheb.eval(x) - x.exp()).abs() < 1e-14 * 3f64.exp(), "{x}");
        }
    }

    #[test]
    fn antiderivative_matches_closed_form() {
        let cheb = Chebyshev::fit(|x: f64| x.cos(), 0.0, 10.0, &[], 1e-15, 64).integral();
        for i in 0..=100 {
            let x = 10.0 * i as f64 / 100.0;
            assert!((cheb.eval(x) - x.sin()).abs() < 1e-14, "{x}");
        }
    }

    #[test]
    fn jumps_at_break_points_are_kept_on_both_sides() {
        let step = |x: f64| if x < 1.0 { x } else { 2.0 + x * x };
        let cheb = Chebyshev::fit(step, 0.0, 2.0, &[1.0], 1e-15, 64);
        assert!(cheb.converged());
        assert!((cheb.eval_left(1.0) - 1.0).abs() < 1e-13);
        assert!((cheb.eval(1.0) - 3.0).abs() < 1e-13, "{}", cheb.eval(1.0));
        let integral = cheb.integral();
        // integral_0^2 = 1/2 + (2 + 8/3) - (2 + 1/3)
        let exact = 0.5 + 2.0 + 7.0 / 3.0;
        assert!((integral.eval(2.0) - exact).abs() < 1e-13);
    }

    #[test]
    fn kinks_without_break_points_are_resolved_by_splitting() {
        let kink = |x: f64| (x - 0.3).abs();
        let cheb = Chebyshev::fit(kink, 0.0, 1.0, &[], 1e-15, 200);
        assert!(cheb.panels() > 4);
        for i in 0..=100 {
            let x = i as f64 / 100.0;
            assert!((cheb.eval(x) - kink(x)).abs() < 1e-12, "{x}");
        }
    }

    #[test]
    fn noisy_functions_stop_at_their_noise_level() {
        // A function with relative noise 1e-13 (like a quadrature's output) is fitted
        // to that level with a tolerance that admits it, without spending the budget.
        let mut state = 1_u64;
        let noisy = |x: f64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let noise = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
            x.sin() * (1.0 + 1e-13 * noise)
        };
        let cheb = Chebyshev::fit(noisy, 0.0, 50.0, &[], 1e-12, 400);
        assert!(cheb.converged(), "{} panels", cheb.panels());
        for i in 0..=500 {
            let x = 50.0 * i as f64 / 500.0;
            assert!((cheb.eval(x) - x.sin()).abs() < 1e-11, "{x}");
        }
    }

    #[test]
    fn a_spent_budget_is_reported() {
        let wild = |x: f64| (1.0 / (x + 1e-9)).sin();
        let cheb = Chebyshev::fit(wild, 0.0, 1.0, &[], 1e-15, 8);
        assert!(!cheb.converged());
    }
}
