//! Globally adaptive 21-point Gauss–Kronrod quadrature (the QUADPACK `qag` rule),
//! with caller-supplied break points.
//!
//! The integrand is assumed smooth between break points; kinks and jumps must be
//! passed as break points so that no panel straddles them. The error estimate is the
//! usual |Kronrod − Gauss| heuristic (QUADPACK's scaling), which is an estimate and
//! not a bound: a feature narrower than a panel can go unseen.

/// Kronrod abscissae on [-1, 1] (non-negative half, outermost first); the odd
/// entries (1, 3, ...) are the 10-point Gauss nodes.
#[allow(clippy::excessive_precision)]
const NODES: [f64; 11] = [
    0.995_657_163_025_808_080_735_527_280_689_003,
    0.973_906_528_517_171_720_077_964_012_084_452,
    0.930_157_491_355_708_226_001_207_180_059_508,
    0.865_063_366_688_984_510_732_096_688_423_493,
    0.780_817_726_586_416_897_063_717_578_345_042,
    0.679_409_568_299_024_406_234_327_365_114_874,
    0.562_757_134_668_604_683_339_000_099_272_694,
    0.433_395_394_129_247_190_799_265_943_165_784,
    0.294_392_862_701_460_198_131_126_603_103_866,
    0.148_874_338_981_631_210_884_826_001_129_720,
    0.0,
];

/// Kronrod weights for [`NODES`].
#[allow(clippy::excessive_precision)]
const KRONROD_WEIGHTS: [f64; 11] = [
    0.011_694_638_867_371_874_278_064_396_062_192,
    0.032_558_162_307_964_727_478_818_972_459_390,
    0.054_755_896_574_351_996_031_381_300_244_580,
    0.075_039_674_810_919_952_767_043_140_916_190,
    0.093_125_454_583_697_605_535_065_465_083_366,
    0.109_387_158_802_297_641_899_210_590_325_805,
    0.123_491_976_262_065_851_077_958_109_831_074,
    0.134_709_217_311_473_325_928_054_001_771_707,
    0.142_775_938_577_060_080_797_094_273_138_717,
    0.147_739_104_901_338_491_374_841_515_972_068,
    0.149_445_554_002_916_905_664_936_468_389_821,
];

/// Weights of the embedded 10-point Gauss rule, for the odd entries of [`NODES`].
#[allow(clippy::excessive_precision)]
const GAUSS_WEIGHTS: [f64; 5] = [
    0.066_671_344_308_688_137_593_568_809_893_332,
    0.149_451_349_150_580_593_145_776_339_657_697,
    0.219_086_362_515_982_043_995_534_934_228_163,
    0.269_266_719_309_996_355_091_226_921_569_469,
    0.295_524_224_714_752_870_173_892_994_651_338,
];

/// Panels are never split below this many ulps of their midpoint: past it the
/// Kronrod rule cannot resolve anything new and splitting only burns evaluations.
const MIN_PANEL_ULPS: f64 = 64.0;

/// The result of [`integrate`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Integral {
    /// The estimate of the integral.
    pub value: f64,
    /// The estimated absolute error (QUADPACK's heuristic), summed over panels.
    pub error: f64,
    /// Number of integrand evaluations spent.
    pub evaluations: usize,
    /// Whether the error estimate met the requested tolerance, or every panel's
    /// estimate fell to the rounding floor of its sum (where bisection cannot help),
    /// within the panel budget.
    pub converged: bool,
}

/// Integrates `f` over `[a, b]` (finite, `a <= b`) to the tolerance
/// `max(abs_tol, rel_tol * |value|)`, splitting first at every break point that
/// lies strictly inside the interval and then bisecting the panel with the
/// largest error estimate, at most `max_panels` panels in all.
///
/// Break points need not be sorted; those outside `(a, b)` are ignored.
/// A non-finite integrand value makes the result non-finite (it is not hidden).
pub fn integrate<F: FnMut(f64) -> f64>(
    mut f: F,
    a: f64,
    b: f64,
    breakpoints: &[f64],
    abs_tol: f64,
    rel_tol: f64,
    max_panels: usize,
) -> Integral {
    let mut panels: Vec<Panel> = crate::split_at(a, b, breakpoints)
        .into_iter()
        .map(|(lo, hi)| Panel::new(&mut f, lo, hi))
        .collect();
    let mut evaluations = 21 * panels.len();

    let max_panels = max_panels.max(panels.len());
    loop {
        let value: f64 = panels.iter().map(|p| p.value).sum();
        let error: f64 = panels.iter().map(|p| p.error).sum();
        let tolerance = abs_tol.max(rel_tol * value.abs());
        let worst = panels
            .iter()
            .enumerate()
            .filter(|(_, p)| p.splittable() && !p.at_rounding_floor)
            .max_by(|(_, p), (_, q)| p.error.total_cmp(&q.error))
            .map(|(i, _)| i);
        let converged = error <= tolerance || worst.is_none();
        let stop = converged || panels.len() >= max_panels || !value.is_finite();
        match worst {
            Some(i) if !stop => {
                let panel = panels.swap_remove(i);
                let mid = 0.5 * (panel.lo + panel.hi);
                panels.push(Panel::new(&mut f, panel.lo, mid));
                panels.push(Panel::new(&mut f, mid, panel.hi));
                evaluations += 42;
            }
            _ => {
                return Integral {
                    value,
                    error,
                    evaluations,
                    converged,
                };
            }
        }
    }
}

/// One panel of the adaptive scheme with its 21-point estimate.
struct Panel {
    lo: f64,
    hi: f64,
    value: f64,
    error: f64,
    /// Whether the error estimate is only the rounding floor of the sum: the rule
    /// has resolved the panel, and splitting it would not lower the estimate.
    at_rounding_floor: bool,
}

impl Panel {
    fn new<F: FnMut(f64) -> f64>(f: &mut F, lo: f64, hi: f64) -> Panel {
        let center = 0.5 * (lo + hi);
        let half = 0.5 * (hi - lo);
        let f_center = f(center);
        let mut kronrod = KRONROD_WEIGHTS[10] * f_center;
        let mut gauss = 0.0;
        let mut values = [0.0_f64; 21];
        values[10] = f_center;
        for (j, &node) in NODES[..10].iter().enumerate() {
            let dx = half * node;
            let left = f(center - dx);
            let right = f(center + dx);
            values[j] = left;
            values[20 - j] = right;
            kronrod += KRONROD_WEIGHTS[j] * (left + right);
            if j % 2 == 1 {
                gauss += GAUSS_WEIGHTS[j / 2] * (left + right);
            }
        }
        let value = kronrod * half;
        // QUADPACK's error heuristic: scale the Kronrod–Gauss difference by the
        // integrand's variation over the panel, and never claim less than the
        // rounding noise of the sum itself.
        let mean = 0.5 * kronrod;
        let mut variation = KRONROD_WEIGHTS[10] * (f_center - mean).abs();
        let mut magnitude = KRONROD_WEIGHTS[10] * f_center.abs();
        for j in 0..10 {
            variation +=
                KRONROD_WEIGHTS[j] * ((values[j] - mean).abs() + (values[20 - j] - mean).abs());
            magnitude += KRONROD_WEIGHTS[j] * (values[j].abs() + values[20 - j].abs());
        }
        let variation = variation * half.abs();
        let magnitude = magnitude * half.abs();
        let mut error = ((kronrod - gauss) * half).abs();
        if variation != 0.0 && error != 0.0 {
            error = variation * (200.0 * error / variation).powf(1.5).min(1.0);
        }
        let rounding = 50.0 * f64::EPSILON * magnitude;
        let at_rounding_floor = error <= rounding;
        if magnitude > f64::MIN_POSITIVE / (50.0 * f64::EPSILON) {
            error = error.max(rounding);
        }
        Panel {
            lo,
            hi,
            value,
            error,
            at_rounding_floor,
        }
    }

    fn splittable(&self) -> bool {
        let mid = 0.5 * (self.lo + self.hi);
        self.hi - self.lo > MIN_PANEL_ULPS * f64::EPSILON * mid.abs().max(f64::MIN_POSITIVE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polynomials_of_degree_up_to_31_are_exact_on_one_panel() {
        // The 21-point Kronrod rule integrates polynomials of degree 31 exactly.
        let r = integrate(|x: f64| x.powi(31), 0.0, 1.0, &[], 0.0, 0.0, 1);
        assert!((r.value - 1.0 / 32.0).abs() < 1e-16);
        assert_eq!(r.evaluations, 21);
    }

    #[test]
    fn smooth_integrands_reach_full_precision() {
        // The error estimate never drops below 50 ulps of the integral (the
        // rounding floor), so ask for 1e-13 and check the value to 4e-16.
        let r = integrate(f64::sin, 0.0, std::f64::consts::PI, &[], 0.0, 1e-13, 200);
        assert!(r.converged);
        assert!((r.value - 2.0).abs() < 4e-16, "{r:?}");
        let r = integrate(|x: f64| (-x).exp(), 0.0, 50.0, &[], 0.0, 1e-13, 200);
        assert!(r.converged);
        assert!((r.value - (1.0 - (-50.0_f64).exp())).abs() < 4e-16, "{r:?}");
    }

    #[test]
    fn break_points_handle_kinks_and_jumps() {
        // |x - 1/3| has a kink, and the step a jump, exactly at a break point.
        let third = 1.0 / 3.0;
        let r = integrate(
            |x: f64| (x - third).abs(),
            0.0,
            1.0,
            &[third],
            0.0,
            1e-13,
            10,
        );
        let exact = (third * third + (1.0 - third) * (1.0 - third)) / 2.0;
        assert!((r.value - exact).abs() < 1e-16, "{r:?}");
        // Two panels, each integrating a linear function exactly: no bisection.
        assert!(r.converged);
        assert_eq!(r.evaluations, 42);
        let step = |x: f64| if x < 0.7 { 1.0 } else { 3.0 };
        let r = integrate(step, 0.0, 1.0, &[0.7, 5.0, -1.0], 0.0, 1e-13, 10);
        assert!(r.converged);
        assert!((r.value - (0.7 + 0.9)).abs() < 1e-15, "{r:?}");
    }

    #[test]
    fn endpoint_singularities_converge_by_bisection() {
        // 1/sqrt(x) on (0, 1] integrates to 2; the rule never evaluates the endpoint.
        let r = integrate(|x: f64| x.sqrt().recip(), 0.0, 1.0, &[], 0.0, 1e-12, 2000);
        assert!((r.value - 2.0).abs() < 1e-10, "{r:?}");
    }

    #[test]
    fn a_cancelling_integral_stops_at_the_rounding_floor() {
        // The integral of sin over [0, 2 pi] is 0: no relative tolerance can be met,
        // but one panel resolves it to rounding, so bisection must stop at once.
        let r = integrate(
            f64::sin,
            0.0,
            2.0 * std::f64::consts::PI,
            &[],
            0.0,
            1e-13,
            1000,
        );
        assert!(r.converged);
        assert!(r.value.abs() < 1e-15, "{r:?}");
        assert!(r.evaluations <= 21 * 4, "{r:?}");
    }

    #[test]
    fn unmet_tolerance_is_reported() {
        let r = integrate(|x: f64| (1.0 / x).sin(), 1e-6, 1.0, &[], 0.0, 1e-15, 3);
        assert!(!r.converged);
        assert!(r.error > 0.0);
    }

    #[test]
    fn peaked_integrands_concentrated_far_from_the_origin() {
        // A narrow Gaussian bump at 1e5 with width 300, like the Erlang density at
        // n = 1e5: the integral over a wide window is sqrt(2 pi) * 300.
        let f = |x: f64| (-0.5 * ((x - 1e5) / 300.0).powi(2)).exp();
        let r = integrate(f, 9e4, 1.1e5, &[], 0.0, 1e-14, 500);
        let exact = (2.0 * std::f64::consts::PI).sqrt() * 300.0;
        assert!(((r.value - exact) / exact).abs() < 1e-13, "{r:?}");
    }
}
