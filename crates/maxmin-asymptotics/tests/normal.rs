//! The standard normal functions against 50-digit mpmath values, and the quantile
//! against the CDF (round trips), symmetry and the ends.

// The reference values keep the 17 digits mpmath printed.
#![allow(clippy::excessive_precision)]

use maxmin_asymptotics::normal;

/// (x, Phi(x), phi(x)), made with mpmath at 50 digits:
/// `mp.mp.dps = 50; [(x, mp.ncdf(x), mp.npdf(x)) for x in XS]`, printed to 17 digits.
const CDF_TABLE: [(f64, f64, f64); 17] = [
    (
        -37.5,
        4.605_353_009_581_954_8e-308,
        1.728_233_732_284_105_2e-306,
    ),
    (
        -30.0,
        4.906_713_927_148_187_1e-198,
        1.473_646_134_878_547_5e-196,
    ),
    (
        -20.0,
        2.753_624_118_606_233_7e-89,
        5.520_948_362_159_763_2e-88,
    ),
    (
        -10.0,
        7.619_853_024_160_526_1e-24,
        7.694_598_626_706_419_3e-23,
    ),
    (
        -8.0,
        6.220_960_574_271_784_1e-16,
        5.052_271_083_536_892_3e-15,
    ),
    (-5.0, 2.866_515_718_791_939_1e-7, 1.486_719_514_734_297_7e-6),
    (-3.0, 1.349_898_031_630_094_5e-3, 4.431_848_411_938_007_2e-3),
    (-2.0, 2.275_013_194_817_920_7e-2, 5.399_096_651_318_805_2e-2),
    (-1.0, 1.586_552_539_314_570_5e-1, 2.419_707_245_191_433_5e-1),
    (-0.5, 3.085_375_387_259_869e-1, 3.520_653_267_642_994_8e-1),
    (
        -0.001,
        4.996_010_577_860_889_4e-1,
        3.989_420_809_303_423_5e-1,
    ),
    (0.0, 0.5, 3.989_422_804_014_326_8e-1),
    (0.3, 6.179_114_221_889_526_3e-1, 3.813_878_154_605_240_9e-1),
    (1.0, 8.413_447_460_685_429_5e-1, 2.419_707_245_191_433_5e-1),
    (2.0, 9.772_498_680_518_207_9e-1, 5.399_096_651_318_805_2e-2),
    (5.0, 9.999_997_133_484_281_2e-1, 1.486_719_514_734_297_7e-6),
    (8.0, 9.999_999_999_999_993_8e-1, 5.052_271_083_536_892_3e-15),
];

/// (p, Phi^{-1}(p)), made with mpmath at 60 digits by 220 bisection steps of
/// `mp.ncdf(t) < p` on [-40, 5], printed to 17 digits.
const QUANTILE_TABLE: [(f64, f64); 13] = [
    (1e-300, -3.704_709_629_936_119_9e1),
    (1e-200, -3.020_559_417_957_964_3e1),
    (1e-100, -2.127_345_356_096_532_4e1),
    (1e-50, -1.493_333_753_478_848_9e1),
    (1e-20, -9.262_340_089_798_407_6),
    (1e-10, -6.361_340_902_404_056_2),
    (1e-5, -4.264_890_793_922_824_6),
    (0.001, -3.090_232_306_167_813_5),
    (0.02425, -1.972_961_051_311_884_8),
    (0.1, -1.281_551_565_544_600_4),
    (0.3, -5.244_005_127_080_408_2e-1),
    (0.7, 5.244_005_127_080_406_6e-1),
    (0.975, 1.959_963_984_540_053_9),
];

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn cdf_sf_and_pdf_match_mpmath() {
    for (x, cdf, pdf) in CDF_TABLE {
        assert!(
            relative(normal::cdf(x), cdf) < 3e-16,
            "Phi({x}) = {} vs {cdf}",
            normal::cdf(x)
        );
        assert!(relative(normal::sf(-x), cdf) < 3e-16, "sf({})", -x);
        assert!(
            relative(normal::pdf(x), pdf) < 3e-16,
            "phi({x}) = {} vs {pdf}",
            normal::pdf(x)
        );
    }
}

#[test]
fn quantile_matches_mpmath() {
    for (p, x) in QUANTILE_TABLE {
        let q = normal::quantile(p);
        assert!(relative(q, x) < 4e-16, "Phi^-1({p}) = {q} vs {x}");
    }
    assert_eq!(normal::quantile(0.5), 0.0);
    assert!((normal::quantile_sf(1e-10) - 6.361_340_902_404_056_2).abs() < 3e-15);
}

#[test]
fn quantile_inverts_the_cdf_everywhere() {
    // Round trips over 600 levels per decade from 1e-300 to 1/2 and, by the upper
    // quantile, from the top.
    let mut worst: f64 = 0.0;
    for k in 0..=180_000 {
        let p = 10f64.powf(-300.0 + k as f64 * (300.0 - 0.31) / 180_000.0);
        let x = normal::quantile(p);
        // Compare in x: Phi(x) - p over phi(x) is the error of x, up to second order,
        // plus the CDF's own rounding (which dominates near x = 0, where Phi(x) ~ 1/2).
        let error_in_x = (normal::cdf(x) - p) / normal::pdf(x);
        worst = worst.max((error_in_x / x).abs());
        assert!(normal::quantile_sf(p) == -x);
    }
    assert!(
        worst < 1.5e-15,
        "worst relative error of the quantile {worst}"
    );
}

#[test]
fn ends_symmetry_and_invalid_input() {
    assert_eq!(normal::quantile(0.0), f64::NEG_INFINITY);
    assert_eq!(normal::quantile(1.0), f64::INFINITY);
    assert!(normal::quantile(-0.1).is_nan() && normal::quantile(1.1).is_nan());
    assert!(normal::quantile(f64::NAN).is_nan() && normal::cdf(f64::NAN).is_nan());
    assert_eq!(normal::cdf(f64::NEG_INFINITY), 0.0);
    assert_eq!(normal::cdf(f64::INFINITY), 1.0);
    assert_eq!(normal::pdf(f64::INFINITY), 0.0);
    for x in [0.1, 0.7, 1.3, 4.0, 9.0] {
        assert_eq!(normal::pdf(x), normal::pdf(-x));
        assert!((normal::cdf(x) + normal::cdf(-x) - 1.0).abs() < 2e-16);
        assert!(relative(-normal::quantile(normal::cdf(-x)), x) < 1e-15);
    }
}
