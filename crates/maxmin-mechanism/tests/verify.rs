//! `verify` on the maxmin mechanisms of the test priors, the shape of its reports, and
//! mechanisms that are wrong in one respect each, which the checks must reject.

use maxmin_grading::{Solution, solve};
use maxmin_mechanism::verify::{ProportionalRule, Report, verify, verify_proportional};
use maxmin_mechanism::{Mechanism, MechanismError, Outcome, ProportionalMechanism};
use maxmin_prior::Prior;

/// The checks for N = 2 and 3, in report order; the first eight also run for N > 3.
const ALL_CHECKS: [&str; 11] = [
    "supply_bounds",
    "sensitivity_monotone",
    "multiplier_concave",
    "lemma_7",
    "lemma_8",
    "lemma_9",
    "dual_inequality",
    "dual_equality",
    "proposition_3",
    "truthful_profit",
    "interim_transfer",
];

fn uniform() -> Prior {
    Prior::uniform(0.0, 1.0).unwrap()
}

fn figure_3() -> Prior {
    Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap()
}

fn failures(report: &Report) -> String {
    report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| {
            format!(
                "{}: residual {:e} > tolerance {:e}; {}",
                c.name, c.residual, c.tolerance, c.description
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn names(report: &Report) -> Vec<&'static str> {
    report.checks.iter().map(|c| c.name).collect()
}

fn assert_passes(prior: &Prior, n: u64, c: f64) -> Report {
    let solution = solve(prior, n, c).unwrap();
    let report = verify(&solution);
    assert!(
        report.passed(),
        "{} N={n} c={c}:\n{}",
        prior.description(),
        failures(&report)
    );
    for check in &report.checks {
        assert!(check.residual >= 0.0 && check.tolerance > 0.0, "{check:?}");
    }
    report
}

fn proportional(solution: &Solution) -> Box<ProportionalMechanism> {
    match Mechanism::maxmin(solution) {
        Mechanism::Proportional(m) => m,
        other => panic!("expected a proportional mechanism, got {other:?}"),
    }
}

#[test]
fn uniform_prior_passes_for_two_three_and_five_bidders() {
    for c in [0.0, 0.2] {
        for n in [2, 3] {
            let report = assert_passes(&uniform(), n, c);
            assert_eq!(names(&report), ALL_CHECKS);
            assert!(report.skipped.is_empty());
        }
        let report = assert_passes(&uniform(), 5, c);
        // Lemma 9 still runs for five bidders; the integrals over the others do not.
        assert_eq!(names(&report), ALL_CHECKS[..8]);
        let skipped: Vec<&str> = report.skipped.iter().map(|s| s.name).collect();
        assert_eq!(skipped, ALL_CHECKS[8..]);
        assert!(report.skipped.iter().all(|s| s.reason.contains("N = 5")));
    }
}

#[test]
fn figure_3_prior_passes_for_two_and_three_bidders() {
    for n in [2, 3] {
        assert_passes(&figure_3(), n, 0.2);
    }
}

#[test]
fn two_point_and_exponential_priors_pass() {
    let two_point = Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap();
    for n in [2, 3] {
        assert_passes(&two_point, n, 0.0);
        // The exponential is unbounded: no infinite report, and the tails reach far.
        let report = assert_passes(&Prior::exponential(1.0).unwrap(), n, 0.1);
        let incentives = &report.check("proposition_3").unwrap().description;
        assert!(!incentives.contains("infinity"), "{incentives}");
    }
}

#[test]
fn one_bidder_checks_du_conditions_and_skips_the_rest() {
    for prior in [
        uniform(),
        figure_3(),
        Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap(),
    ] {
        let solution = solve(&prior, 1, 0.1).unwrap();
        let report = verify(&solution);
        assert!(report.passed(), "{}", failures(&report));
        assert_eq!(
            names(&report),
            ["guarantee_at_zero", "du_condition", "du_tangency"]
        );
        assert_eq!(report.skipped.len(), 11);
    }
}

#[test]
fn no_gains_from_trade_is_one_trivial_check() {
    for n in [1, 3] {
        let solution = solve(&uniform(), n, 0.8).unwrap();
        let report = verify(&solution);
        assert!(report.passed(), "{}", failures(&report));
        assert_eq!(names(&report), ["no_sale"]);
    }
}

/// The maxmin mechanism with its premium transfers scaled by 1 + `error`: allocation,
/// bar Q, bar mu, bar lambda and bar Xi^p are untouched.
struct ScaledPremium {
    inner: Box<ProportionalMechanism>,
    v_lo: f64,
    error: f64,
}

impl ProportionalRule for ScaledPremium {
    fn aggregate_supply(&self, x: f64) -> f64 {
        self.inner.aggregate_supply(x)
    }

    fn allocation_sensitivity(&self, x: f64) -> f64 {
        self.inner.allocation_sensitivity(x)
    }

    fn value_multiplier(&self, v: f64) -> f64 {
        self.inner.value_multiplier(v)
    }

    fn premium_excess_growth(&self, x: f64) -> f64 {
        self.inner.premium_excess_growth(x)
    }

    fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError> {
        let mut outcome = self.inner.outcome(bids)?;
        for (t, q) in outcome.transfers.iter_mut().zip(&outcome.allocation) {
            *t = self.v_lo * q + (1.0 + self.error) * (*t - self.v_lo * q);
        }
        Ok(outcome)
    }
}

#[test]
fn a_premium_one_percent_off_fails_the_transfer_checks() {
    let prior = Prior::uniform(0.5, 1.5).unwrap();
    let solution = solve(&prior, 2, 0.2).unwrap();
    let wrong = ScaledPremium {
        inner: proportional(&solution),
        v_lo: 0.5,
        error: 0.01,
    };
    let report = verify_proportional(&solution, &wrong);
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name)
        .collect();
    assert_eq!(
        failed,
        [
            "lemma_9",
            "proposition_3",
            "truthful_profit",
            "interim_transfer"
        ],
        "{report:#?}"
    );
    // A one percent error is far outside every tolerance, not at its edge.
    for name in failed {
        let check = report.check(name).unwrap();
        assert!(check.residual > 100.0 * check.tolerance, "{check:?}");
    }
    // The same wrapper with no error passes: the failures come from the error.
    let right = ScaledPremium {
        error: 0.0,
        ..wrong
    };
    let report = verify_proportional(&solution, &right);
    assert!(report.passed(), "{}", failures(&report));
}

/// A change to one aggregate object: the new value from (x, the original value).
type Change = fn(f64, f64) -> f64;

/// The maxmin mechanism with aggregate objects changed.
struct Altered {
    inner: Box<ProportionalMechanism>,
    supply: Option<Change>,
    sensitivity: Option<Change>,
    multiplier: Option<Change>,
}

impl Altered {
    fn new(solution: &Solution) -> Altered {
        Altered {
            inner: proportional(solution),
            supply: None,
            sensitivity: None,
            multiplier: None,
        }
    }
}

fn apply(change: Option<Change>, x: f64, original: f64) -> f64 {
    change.map_or(original, |f| f(x, original))
}

impl ProportionalRule for Altered {
    fn aggregate_supply(&self, x: f64) -> f64 {
        apply(self.supply, x, self.inner.aggregate_supply(x))
    }

    fn allocation_sensitivity(&self, x: f64) -> f64 {
        apply(self.sensitivity, x, self.inner.allocation_sensitivity(x))
    }

    fn value_multiplier(&self, v: f64) -> f64 {
        apply(self.multiplier, v, self.inner.value_multiplier(v))
    }

    fn premium_excess_growth(&self, x: f64) -> f64 {
        self.inner.premium_excess_growth(x)
    }

    fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError> {
        self.inner.outcome(bids)
    }
}

fn failed_checks(report: &Report) -> Vec<&'static str> {
    report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name)
        .collect()
}

#[test]
fn altered_aggregate_objects_fail_their_checks() {
    // Five bidders: only the aggregate checks and Lemma 9 run, which keeps this fast.
    let solution = solve(&uniform(), 5, 0.2).unwrap();
    let end = solution.graded_intervals()[0].end;
    assert!(
        end < 8.0,
        "the changes below sit above the graded interval [0, {end}]"
    );
    // A supply above 1 by one part in a billion, on a stretch where it is 1.
    let mut rule = Altered::new(&solution);
    rule.supply = Some(|x, q| if x > 8.0 && x < 9.0 { q + 1e-9 } else { q });
    let report = verify_proportional(&solution, &rule);
    assert!(
        failed_checks(&report).contains(&"supply_bounds"),
        "{report:#?}"
    );
    // A sensitivity that jumps up by five percent (more than it falls between
    // neighbouring grid points there, about one percent).
    let mut rule = Altered::new(&solution);
    rule.sensitivity = Some(|x, mu| if x > 8.0 { mu * 1.05 } else { mu });
    let report = verify_proportional(&solution, &rule);
    let failed = failed_checks(&report);
    assert!(failed.contains(&"sensitivity_monotone"), "{report:#?}");
    assert!(!failed.contains(&"supply_bounds"), "{report:#?}");
    // A small convex term in the value multiplier breaks concavity, Lemma 7 and the
    // dual inequality.
    let mut rule = Altered::new(&solution);
    rule.multiplier = Some(|v, lambda| lambda + 1e-3 * (v - 0.5) * (v - 0.5));
    let report = verify_proportional(&solution, &rule);
    let failed = failed_checks(&report);
    for name in ["multiplier_concave", "lemma_7", "dual_inequality"] {
        assert!(failed.contains(&name), "{name}: {report:#?}");
    }
}

#[test]
fn the_must_sell_mechanism_is_not_the_maxmin_mechanism() {
    // Verified against the maxmin solution, the must-sell mechanism of Theorem 2 keeps
    // its own identities but earns hat Pi = 1/4 < bar Pi on the minmax information
    // structure, and its bar lambda averages hat Pi.
    let solution = solve(&uniform(), 2, 0.0).unwrap();
    let Mechanism::Proportional(must_sell) = Mechanism::must_sell(&solution) else {
        panic!("two bidders give a proportional mechanism");
    };
    let report = verify_proportional(&solution, must_sell.as_ref());
    let failed = failed_checks(&report);
    for name in ["lemma_7", "truthful_profit"] {
        assert!(failed.contains(&name), "{name}: {report:#?}");
    }
    let profit = report.check("truthful_profit").unwrap();
    assert!((profit.residual - (solution.profit_guarantee() - 0.25)).abs() < 1e-8);
}

/// A rule whose outcome is always refused: the checks that need it must fail with a
/// NaN residual, not panic and not pass.
struct Refusing(Box<ProportionalMechanism>);

impl ProportionalRule for Refusing {
    fn aggregate_supply(&self, x: f64) -> f64 {
        self.0.aggregate_supply(x)
    }

    fn allocation_sensitivity(&self, x: f64) -> f64 {
        self.0.allocation_sensitivity(x)
    }

    fn value_multiplier(&self, v: f64) -> f64 {
        self.0.value_multiplier(v)
    }

    fn premium_excess_growth(&self, x: f64) -> f64 {
        self.0.premium_excess_growth(x)
    }

    fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError> {
        Err(MechanismError::BidCount {
            given: bids.len(),
            bidders: 0,
        })
    }
}

#[test]
fn failed_evaluations_fail_their_checks() {
    let solution = solve(&uniform(), 2, 0.2).unwrap();
    let report = verify_proportional(&solution, &Refusing(proportional(&solution)));
    for name in [
        "lemma_9",
        "proposition_3",
        "truthful_profit",
        "interim_transfer",
    ] {
        let check = report.check(name).unwrap();
        assert!(!check.passed && check.residual.is_nan(), "{check:?}");
    }
    assert!(report.check("lemma_8").unwrap().passed);
}
