//! Every kind of bad input is rejected with the variant that names it.

use std::path::PathBuf;

use maxmin_prior::{CDF_END_TOLERANCE, PROBABILITY_SUM_TOLERANCE, Prior, PriorError};

/// A file under the temporary directory, unique to this test process and `name`.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("maxmin-prior-errors-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn bad_values() {
    assert_eq!(
        Prior::uniform(f64::NAN, 1.0),
        Err(PriorError::NotANumber { what: "value" })
    );
    assert_eq!(
        Prior::uniform(0.0, f64::INFINITY),
        Err(PriorError::Infinite {
            what: "value",
            value: f64::INFINITY
        })
    );
    let error = Prior::uniform(-0.3, 1.0).unwrap_err();
    assert_eq!(error, PriorError::NegativeValue { value: -0.3 });
    assert_eq!(
        error.to_string(),
        "value -0.3 is negative; prior values must be >= 0"
    );
    assert_eq!(
        Prior::empirical(&[1.0, -2.0]),
        Err(PriorError::NegativeValue { value: -2.0 })
    );
    assert_eq!(
        Prior::discrete(&[(f64::NAN, 1.0)]),
        Err(PriorError::NotANumber { what: "value" })
    );
}

#[test]
fn bad_intervals() {
    assert_eq!(
        Prior::uniform(1.0, 1.0),
        Err(PriorError::EmptyInterval { lo: 1.0, hi: 1.0 })
    );
    assert_eq!(
        Prior::intervals(&[(0.0, 1.0), (3.0, 2.0)]),
        Err(PriorError::EmptyInterval { lo: 3.0, hi: 2.0 })
    );
    assert_eq!(
        Prior::intervals(&[(1.0, 3.0), (0.0, 2.0)]),
        Err(PriorError::OverlappingIntervals {
            first: (0.0, 2.0),
            second: (1.0, 3.0)
        })
    );
    assert_eq!(
        Prior::intervals(&[]),
        Err(PriorError::Empty {
            what: "intervals",
            family: "intervals"
        })
    );
}

#[test]
fn bad_probabilities() {
    assert_eq!(
        Prior::discrete(&[]),
        Err(PriorError::Empty {
            what: "atoms",
            family: "discrete"
        })
    );
    assert_eq!(
        Prior::discrete(&[(1.0, 0.0), (2.0, 1.0)]),
        Err(PriorError::NonPositiveProbability {
            value: 1.0,
            probability: 0.0
        })
    );
    assert_eq!(
        Prior::discrete(&[(1.0, f64::NAN)]),
        Err(PriorError::NotANumber {
            what: "probability"
        })
    );
    assert_eq!(
        Prior::discrete(&[(1.0, f64::INFINITY)]),
        Err(PriorError::Infinite {
            what: "probability",
            value: f64::INFINITY
        })
    );
    let error = Prior::discrete(&[(1.0, 0.4), (2.0, 0.5)]).unwrap_err();
    assert_eq!(
        error,
        PriorError::ProbabilitiesDoNotSumToOne {
            sum: 0.9,
            tolerance: PROBABILITY_SUM_TOLERANCE
        }
    );
    assert_eq!(
        error.to_string(),
        "probabilities sum to 0.9, not 1 (tolerance 1e-9)"
    );
}

#[test]
fn bad_cdf_points() {
    assert_eq!(
        Prior::piecewise_linear_cdf(&[(0.0, 0.0)]),
        Err(PriorError::TooFewCdfPoints { count: 1 })
    );
    assert_eq!(
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (0.0, 1.0)]),
        Err(PriorError::CdfValuesNotIncreasing {
            previous: 0.0,
            value: 0.0
        })
    );
    let error =
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 0.8), (2.0, 0.7), (3.0, 1.0)]).unwrap_err();
    assert_eq!(
        error,
        PriorError::CdfDecreasing {
            value: 2.0,
            cdf: 0.7,
            previous_cdf: 0.8
        }
    );
    assert_eq!(
        error.to_string(),
        "CDF points not increasing: F = 0.7 at v = 2 follows F = 0.8"
    );
    assert_eq!(
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 1.5)]),
        Err(PriorError::CdfOutOfRange {
            value: 1.0,
            cdf: 1.5
        })
    );
    assert_eq!(
        Prior::piecewise_linear_cdf(&[(0.0, f64::NAN), (1.0, 1.0)]),
        Err(PriorError::NotANumber { what: "CDF value" })
    );
    assert_eq!(
        Prior::piecewise_linear_cdf(&[(0.0, 0.1), (1.0, 1.0)]),
        Err(PriorError::CdfDoesNotStartAtZero {
            cdf: 0.1,
            tolerance: CDF_END_TOLERANCE
        })
    );
    assert_eq!(
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 0.9)]),
        Err(PriorError::CdfDoesNotEndAtOne {
            cdf: 0.9,
            tolerance: CDF_END_TOLERANCE
        })
    );
    // Within the tolerance the ends are accepted.
    assert!(Prior::piecewise_linear_cdf(&[(0.0, 1e-13), (1.0, 1.0 + 1e-13)]).is_ok());
}

#[test]
fn bad_rates() {
    assert_eq!(
        Prior::exponential(f64::NAN),
        Err(PriorError::NotANumber { what: "rate" })
    );
    for rate in [0.0, -1.0, f64::INFINITY, 1e-310] {
        assert_eq!(
            Prior::exponential(rate),
            Err(PriorError::InvalidRate { rate })
        );
    }
}

#[test]
fn empty_samples() {
    assert_eq!(
        Prior::empirical(&[]),
        Err(PriorError::Empty {
            what: "samples",
            family: "empirical"
        })
    );
}

#[test]
fn bad_specs() {
    assert_eq!(
        Prior::parse("uniform"),
        Err(PriorError::MissingFamilySeparator {
            spec: "uniform".into()
        })
    );
    let error = Prior::parse("foo:1").unwrap_err();
    assert_eq!(
        error,
        PriorError::UnknownFamily {
            family: "foo".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "unknown prior family 'foo'; expected one of uniform, intervals, discrete, exponential, pwl-cdf, samples"
    );
    assert!(matches!(
        Prior::parse("uniform:1"),
        Err(PriorError::WrongParameterCount {
            family: "uniform",
            found: 1,
            ..
        })
    ));
    assert!(matches!(
        Prior::parse("uniform:"),
        Err(PriorError::WrongParameterCount {
            family: "uniform",
            found: 0,
            ..
        })
    ));
    assert!(matches!(
        Prior::parse("intervals:0,1,2"),
        Err(PriorError::WrongParameterCount {
            family: "intervals",
            found: 3,
            ..
        })
    ));
    assert!(matches!(
        Prior::parse("exponential:1,2"),
        Err(PriorError::WrongParameterCount {
            family: "exponential",
            found: 2,
            ..
        })
    ));
    assert_eq!(
        Prior::parse("uniform:0,abc"),
        Err(PriorError::SpecNotANumber { text: "abc".into() })
    );
    assert_eq!(
        Prior::parse("uniform:0,,1"),
        Err(PriorError::SpecNotANumber { text: "".into() })
    );
    assert_eq!(
        Prior::parse("discrete:1@0.5,2"),
        Err(PriorError::SpecNotAPair {
            text: "2".into(),
            expected: "V@P"
        })
    );
    assert_eq!(
        Prior::parse("pwl-cdf:0@0,1"),
        Err(PriorError::SpecNotAPair {
            text: "1".into(),
            expected: "V@F"
        })
    );
    assert_eq!(
        Prior::parse("discrete:1@x"),
        Err(PriorError::SpecNotANumber { text: "x".into() })
    );
    // The constructors' validation applies to specs too.
    assert_eq!(
        Prior::parse("uniform:1,0"),
        Err(PriorError::EmptyInterval { lo: 1.0, hi: 0.0 })
    );
    assert_eq!(
        "exponential:0".parse::<Prior>(),
        Err(PriorError::InvalidRate { rate: 0.0 })
    );
}

#[test]
fn bad_sample_files() {
    let missing = std::env::temp_dir().join("maxmin-prior-errors-no-such-file.csv");
    assert!(matches!(
        Prior::from_samples_file(&missing),
        Err(PriorError::Io { path, .. }) if path == missing.display().to_string()
    ));

    let path = temp_file("empty.csv", b"# only a comment\n\nvalue\n");
    let shown = path.display().to_string();
    let error = Prior::from_samples_file(&path).unwrap_err();
    assert_eq!(
        error,
        PriorError::EmptyFile {
            path: shown.clone()
        }
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("empty data file '{shown}'"))
    );
    std::fs::remove_file(&path).unwrap();

    let path = temp_file("bad.csv", b"value\n1\n2\n3\n4\n5\nabc\n");
    let shown = path.display().to_string();
    let error = Prior::from_samples_file(&path).unwrap_err();
    assert_eq!(
        error,
        PriorError::FileNotANumber {
            path: shown.clone(),
            line: 7,
            text: "abc".into()
        }
    );
    assert_eq!(
        error.to_string(),
        format!("line 7 of '{shown}': 'abc' is not a number")
    );
    std::fs::remove_file(&path).unwrap();

    let path = temp_file("negative.txt", b"1\n-3\n");
    let shown = path.display().to_string();
    let error = Prior::from_samples_file(&path).unwrap_err();
    assert_eq!(
        error,
        PriorError::InvalidSample {
            path: shown.clone(),
            line: 2,
            reason: Box::new(PriorError::NegativeValue { value: -3.0 }),
        }
    );
    assert_eq!(
        error.to_string(),
        format!("line 2 of '{shown}': value -3 is negative; prior values must be >= 0")
    );
    std::fs::remove_file(&path).unwrap();

    let path = temp_file("nan.txt", b"1\nNaN\n");
    assert!(matches!(
        Prior::from_samples_file(&path),
        Err(PriorError::InvalidSample { line: 2, reason, .. }) if *reason == PriorError::NotANumber { what: "value" }
    ));
    std::fs::remove_file(&path).unwrap();

    let path = temp_file("binary.bin", &[0xff, 0xfe, 0x00, 0x31]);
    assert!(matches!(
        Prior::from_samples_file(&path),
        Err(PriorError::Io { .. })
    ));
    std::fs::remove_file(&path).unwrap();

    assert!(matches!(
        Prior::parse("samples:/nonexistent/maxmin-prior/x.csv"),
        Err(PriorError::Io { .. })
    ));
}
