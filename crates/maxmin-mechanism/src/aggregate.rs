//! The aggregate objects of Section 4.1.2 that depend only on the graded
//! intervals: C(a, b), D(a, b), the aggregate supply bar Q (15) and the aggregate
//! allocation sensitivity bar mu (16).
//!
//! With t = a/b, C(a, b) = (N/b)(1 - t^{N-1})/(1 - t^N) and, on [a, b],
//! bar Q(x) = [(x/b)(1 - t^{N-1}) + (1 - t)(a/x)^{N-1}] / (1 - t^N), the paper's
//! formulas divided through by b^N, so that nothing overflows for large N.

use maxmin_grading::GradedInterval;

/// One graded interval with its constants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interval {
    pub(crate) a: f64,
    pub(crate) b: f64,
    /// C(a, b), the allocation sensitivity on the interval.
    pub(crate) c: f64,
    /// 1 - t^{N-1} and 1 - t^N with t = a/b.
    one_minus_t_n1: f64,
    one_minus_t_n: f64,
}

/// The aggregate supply and allocation sensitivity for N bidders and a set of
/// graded intervals (none for the must-sell mechanism).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Aggregate {
    pub(crate) n: f64,
    pub(crate) intervals: Vec<Interval>,
}

impl Aggregate {
    pub(crate) fn new(n: u64, graded: &[GradedInterval]) -> Aggregate {
        let n = n as f64;
        let intervals = graded
            .iter()
            .map(|g| {
                let (a, b) = (g.start, g.end);
                let ln_t = (a / b).ln();
                // 1 - t^k = -expm1(k ln t), exact also when t^k underflows.
                let one_minus_t_n1 = -((n - 1.0) * ln_t).exp_m1();
                let one_minus_t_n = -(n * ln_t).exp_m1();
                Interval {
                    a,
                    b,
                    c: (n / b) * one_minus_t_n1 / one_minus_t_n,
                    one_minus_t_n1,
                    one_minus_t_n,
                }
            })
            .collect();
        Aggregate { n, intervals }
    }

    /// The graded interval [a, b] containing x, if any.
    pub(crate) fn interval_at(&self, x: f64) -> Option<&Interval> {
        let k = self.intervals.partition_point(|i| i.b < x);
        self.intervals.get(k).filter(|i| i.a <= x)
    }

    /// bar Q(x), equation (15): 1 off the graded intervals.
    pub(crate) fn supply(&self, x: f64) -> f64 {
        match self.interval_at(x) {
            None => 1.0,
            Some(i) if i.a == 0.0 => x / i.b,
            Some(i) => {
                let t = i.a / i.b;
                let linear = (x / i.b) * i.one_minus_t_n1;
                let power = (1.0 - t) * ((self.n - 1.0) * (i.a / x).ln()).exp();
                (linear + power) / i.one_minus_t_n
            }
        }
    }

    /// bar mu(x), equation (16): C(a, b) on a graded interval, (N - 1)/x elsewhere
    /// (infinite at 0 when 0 is not graded).
    pub(crate) fn sensitivity(&self, x: f64) -> f64 {
        match self.interval_at(x) {
            Some(i) => i.c,
            None => (self.n - 1.0) / x,
        }
    }

    /// The jumps of bar mu: (point, size, whether the jump happens at the point
    /// itself or just after it). bar mu drops at each a (from (N-1)/a to C) and
    /// just after each b (from C to (N-1)/b); both drops are <= 0 (Lemma 4).
    pub(crate) fn jumps(&self) -> Vec<(f64, f64, bool)> {
        let mut out = Vec::with_capacity(2 * self.intervals.len());
        for i in &self.intervals {
            if i.a > 0.0 {
                out.push((i.a, i.c - (self.n - 1.0) / i.a, true));
            }
            out.push((i.b, (self.n - 1.0) / i.b - i.c, false));
        }
        out
    }

    /// Whether x is strictly inside no graded interval (so bar mu = (N-1)/x there).
    pub(crate) fn is_graded(&self, x: f64) -> bool {
        self.interval_at(x).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interval(a: f64, b: f64) -> GradedInterval {
        GradedInterval {
            start: a,
            end: b,
            ln_end_gains: 0.0,
        }
    }

    #[test]
    fn matches_the_paper_formulas_for_small_n() {
        // C(a,b) = N (b^{N-1} - a^{N-1})/(b^N - a^N), D = (b - a) a^{N-1} b^{N-1}/(b^N - a^N).
        let (n, a, b) = (3_u64, 0.7, 2.5);
        let agg = Aggregate::new(n, &[interval(a, b)]);
        let nf = n as f64;
        let c = nf * (b.powf(nf - 1.0) - a.powf(nf - 1.0)) / (b.powf(nf) - a.powf(nf));
        let d = (b - a) * a.powf(nf - 1.0) * b.powf(nf - 1.0) / (b.powf(nf) - a.powf(nf));
        assert!((agg.sensitivity(1.0) - c).abs() < 1e-15);
        for x in [0.7, 1.0, 1.9, 2.5] {
            let q = c * x / nf + d / x.powf(nf - 1.0);
            assert!((agg.supply(x) - q).abs() < 1e-14, "{x}");
        }
        assert!((agg.supply(a) - 1.0).abs() < 1e-15);
        assert!((agg.supply(b) - 1.0).abs() < 1e-15);
        assert_eq!(agg.supply(3.0), 1.0);
        assert_eq!(agg.sensitivity(4.0), 0.5);
    }

    #[test]
    fn bottom_interval_is_linear_and_large_n_does_not_overflow() {
        let agg = Aggregate::new(2, &[interval(0.0, 1.8)]);
        assert_eq!(agg.supply(0.9), 0.5);
        assert!((agg.sensitivity(0.3) - 2.0 / 1.8).abs() < 1e-15);
        let big = Aggregate::new(100_000, &[interval(99_000.0, 100_500.0)]);
        for x in [99_000.0, 99_500.0, 100_500.0] {
            let q = big.supply(x);
            assert!(q.is_finite() && q > 0.0 && q <= 1.0 + 1e-12, "{x}: {q}");
        }
    }

    #[test]
    fn supply_solves_its_differential_equation() {
        // (23): Q'(x) = mu(x) - (N - 1) Q(x) / x inside a graded interval.
        let agg = Aggregate::new(4, &[interval(1.0, 3.0)]);
        for x in [1.2, 2.0, 2.8] {
            let h = 1e-6;
            let dq = (agg.supply(x + h) - agg.supply(x - h)) / (2.0 * h);
            let rhs = agg.sensitivity(x) - 3.0 * agg.supply(x) / x;
            assert!((dq - rhs).abs() < 1e-8, "{x}: {dq} vs {rhs}");
        }
    }
}
