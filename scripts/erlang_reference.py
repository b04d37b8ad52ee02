#!/usr/bin/env python3
"""High-precision reference data and constant tables for the `maxmin-erlang` crate.

The Erlang distribution of shape n (the sum of n unit exponentials) has the CDF
G_n(x) = P(n, x) and survival function 1 - G_n(x) = Q(n, x), the regularized
incomplete gamma functions at integer shape.  This script produces two things.

  python3 scripts/erlang_reference.py
      Writes crates/maxmin-erlang/tests/data/erlang_reference.csv: reference values of
      the CDF, survival function, their logarithms, the density, its logarithm,
      ln(x^n/n!) and the four quantile functions, computed with mpmath at 60 digits
      (each value is recomputed at 80 digits and the two must agree to 1e-40).

  python3 scripts/erlang_reference.py --rust-tables
      Writes crates/maxmin-erlang/src/tables.rs: Loader's Stirling-error table and the
      Taylor coefficients of Temme's uniform asymptotic expansion, derived here in exact
      rational arithmetic.

The reference values are computed independently of the Rust kernel: positive series in
60-digit arithmetic for whichever tail is smaller, the other tail as its complement at
60 digits, and quantiles by bracketed Newton iteration at 60 digits.  A sample of rows is
also cross-checked against mpmath's own gammainc.
"""

import math
import sys
from fractions import Fraction
from pathlib import Path

import mpmath as mp

ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = ROOT / "crates/maxmin-erlang/tests/data/erlang_reference.csv"
TABLES_PATH = ROOT / "crates/maxmin-erlang/src/tables.rs"

DIGITS = 60
CHECK_DIGITS = 80

# ---------------------------------------------------------------------------
# Rust tables
# ---------------------------------------------------------------------------

# Temme's expansion is used for shapes a >= TEMME_MIN_SHAPE and |eta| <= TEMME_ETA_MAX.
TEMME_MIN_SHAPE = 20
TEMME_ETA_MAX = Fraction(6, 10)
TEMME_TERMS = 11  # C_0 .. C_10
TEMME_SERIES_DEGREE = 70  # degree of the exact C_0 series before truncation
TRUNCATION_TARGET = 1e-18  # bound on each neglected Taylor tail, divided by a^k


def poly_mul(a, b, degree):
    out = [Fraction(0)] * (degree + 1)
    for i, ai in enumerate(a):
        if ai == 0 or i > degree:
            continue
        for j, bj in enumerate(b):
            if i + j > degree:
                break
            out[i + j] += ai * bj
    return out


def temme_coefficients():
    """Taylor coefficients d[k][j] of C_k(eta) = sum_j d[k][j] eta^j.

    With lambda = x/a, mu = lambda - 1 and eta^2/2 = mu - ln(1 + mu) (sign of mu),
    Q(a, x) = erfc(eta sqrt(a/2))/2 + exp(-a eta^2/2)/sqrt(2 pi a) * sum_k C_k(eta)/a^k,
    where C_0 = 1/mu - 1/eta and C_k = beta_k/mu + (1/eta) dC_{k-1}/deta, beta_k being
    the coefficients of the asymptotic series of 1/Gamma*(a) = sqrt(a/(2 pi)) e^a a^-a / Gamma(a).
    """
    degree = TEMME_SERIES_DEGREE + 3
    # mu = eta * w(eta) with w(0) = 1; solve 1/2 = sum_{k>=2} (-1)^k eta^(k-2) w^k / k.
    w = [Fraction(0)] * (degree + 1)
    w[0] = Fraction(1)

    def residual(w):
        res = [Fraction(0)] * (degree + 1)
        power = poly_mul(w, w, degree)
        k = 2
        while k - 2 <= degree:
            c = Fraction((-1) ** k, k)
            for i in range(0, degree + 1 - (k - 2)):
                res[i + k - 2] += c * power[i]
            power = poly_mul(power, w, degree)
            k += 1
        res[0] -= Fraction(1, 2)
        return res

    for j in range(1, degree + 1):
        w[j] = -residual(w)[j]
    assert all(c == 0 for c in residual(w))
    # 1/mu = (1/eta) * sum_i c[i] eta^i.
    c = [Fraction(0)] * (degree + 1)
    c[0] = Fraction(1)
    for i in range(1, degree + 1):
        c[i] = -sum(w[j] * c[i - j] for j in range(1, i + 1))
    # Bernoulli numbers, then beta_k from 1/Gamma* = exp(-sum_m B_2m / (2m (2m-1) a^(2m-1))).
    kmax = TEMME_TERMS + 2
    bern = [Fraction(0)] * (2 * kmax + 3)
    bern[0] = Fraction(1)
    for i in range(1, len(bern)):
        bern[i] = -sum(math.comb(i + 1, j) * bern[j] for j in range(i)) / Fraction(i + 1)
    s = [Fraction(0)] * (kmax + 1)
    for m in range(1, kmax + 2):
        if 2 * m - 1 <= kmax:
            s[2 * m - 1] = -bern[2 * m] / (2 * m * (2 * m - 1))
    beta = [Fraction(0)] * (kmax + 1)
    beta[0] = Fraction(1)
    for i in range(1, kmax + 1):
        beta[i] = sum(k * s[k] * beta[i - k] for k in range(1, i + 1)) / i
    coeffs = [[c[i + 1] for i in range(degree)]]
    for k in range(1, kmax + 1):
        prev = coeffs[-1]
        # The 1/eta poles of beta_k/mu and (1/eta) C'_{k-1} cancel exactly.
        assert beta[k] * c[0] + prev[1] == 0
        coeffs.append([beta[k] * c[i + 1] + (i + 2) * prev[i + 2] for i in range(len(prev) - 2)])
    # Known values (Temme 1979; DiDonato and Morris 1986) as a check of the derivation.
    assert coeffs[0][:3] == [Fraction(-1, 3), Fraction(1, 12), Fraction(-2, 135)]
    assert coeffs[1][0] == Fraction(-1, 540) and coeffs[2][0] == Fraction(25, 6048)
    return coeffs


def truncation_degree(ck, k):
    emax = float(TEMME_ETA_MAX)
    for d in range(len(ck)):
        tail = sum(abs(float(ck[j])) * emax**j for j in range(d, len(ck)))
        if tail / TEMME_MIN_SHAPE**k < TRUNCATION_TARGET:
            return d
    raise ValueError("series too short")


def max_abs_on_range(ck):
    mp.mp.dps = 30
    best = mp.mpf(0)
    for i in range(-120, 121):
        eta = mp.mpf(TEMME_ETA_MAX.numerator) / TEMME_ETA_MAX.denominator * i / 120
        val = mp.polyval([mp.mpf(v.numerator) / v.denominator for v in reversed(ck[:60])], eta)
        best = max(best, abs(val))
    return best


def stirlerr_table():
    mp.mp.dps = DIGITS
    out = []
    for k in range(1, 16):
        kk = mp.mpf(k)
        out.append(mp.loggamma(kk + 1) - (kk + mp.mpf(1) / 2) * mp.log(kk) + kk - mp.log(2 * mp.pi) / 2)
    return out


def fmt(v):
    """Shortest decimal that round-trips to the nearest double (Python's repr)."""
    return repr(float(v))


def write_tables():
    coeffs = temme_coefficients()
    stir = stirlerr_table()
    lines = [
        "//! Constant tables, generated by `python3 scripts/erlang_reference.py --rust-tables`",
        f"//! (mpmath {mp.__version__}, exact rational arithmetic for the Temme coefficients).",
        "//! Do not edit by hand.",
        "",
        "/// Loader's Stirling error `ln k! - (k + 1/2) ln k + k - ln sqrt(2 pi)` for `k = 1..=15`",
        "/// (entry `k - 1`).",
        "pub(crate) const STIRLERR: [f64; 15] = [",
    ]
    lines += [f"    {fmt(v)}," for v in stir]
    lines.append("];")
    lines.append("")
    lines.append(f"/// Smallest shape at which Temme's expansion is used.")
    lines.append(f"pub(crate) const TEMME_MIN_SHAPE: u64 = {TEMME_MIN_SHAPE};")
    lines.append("")
    lines.append("/// Largest `|eta|` at which the truncated Taylor series of the `C_k` are accurate.")
    lines.append(f"pub(crate) const TEMME_ETA_MAX: f64 = {float(TEMME_ETA_MAX)!r};")
    lines.append("")
    bounds = [max_abs_on_range(coeffs[k]) * mp.mpf("1.05") for k in range(TEMME_TERMS + 1)]
    # With all TEMME_TERMS terms, the first neglected one is negligible at the smallest shape.
    assert bounds[TEMME_TERMS] / TEMME_MIN_SHAPE**TEMME_TERMS < 1e-17
    lines.append("/// Upper bounds (5% margin) of `|C_k(eta)|` on `|eta| <= TEMME_ETA_MAX` for `k = 1..=10`")
    lines.append("/// (entry `k - 1`), used to decide how many terms of `sum_k C_k / a^k` a shape needs.")
    lines.append(f"/// The script checks that `|C_11| / 20^11 < 1e-17`, so 11 terms suffice from `a = 20`.")
    lines.append(f"pub(crate) const TEMME_BOUNDS: [f64; {TEMME_TERMS - 1}] = [")
    for k in range(1, TEMME_TERMS):
        lines.append(f"    {fmt(bounds[k])},")
    lines.append("];")
    lines.append("")
    lines.append("/// Taylor coefficients in `eta` of Temme's `C_k(eta)`, `k = 0..=10`, each truncated where the")
    lines.append(f"/// neglected tail is below {TRUNCATION_TARGET:g} * a^k for `|eta| <= TEMME_ETA_MAX`, a >= TEMME_MIN_SHAPE.")
    lines.append(f"pub(crate) const TEMME_COEFFS: [&[f64]; {TEMME_TERMS}] = [")
    for k in range(TEMME_TERMS):
        d = truncation_degree(coeffs[k], k)
        lines.append("    &[")
        lines += [f"        {fmt(coeffs[k][j])}," for j in range(d)]
        lines.append("    ],")
    lines.append("];")
    TABLES_PATH.write_text("\n".join(lines) + "\n")
    print(f"wrote {TABLES_PATH}")


# ---------------------------------------------------------------------------
# Reference values
# ---------------------------------------------------------------------------


def ln_pdf(n, x):
    """ln g_n(x) = (n-1) ln x - x - ln (n-1)!."""
    if n == 1:
        return -x
    return (n - 1) * mp.log(x) - x - mp.loggamma(n)


def lower_series(n, x):
    """P(n, x) = x^n e^-x / n! * sum_j x^j / ((n+1)...(n+j)); positive terms, used for x < n."""
    term = mp.mpf(1)
    total = mp.mpf(1)
    j = 1
    eps = mp.mpf(10) ** (-mp.mp.dps - 5)
    while True:
        term *= x / (n + j)
        total += term
        if term < eps * total and x < n + j:
            break
        j += 1
    return n * mp.log(x) - x - mp.loggamma(n + 1) + mp.log(total)


def upper_series(n, x):
    """Q(n, x) = e^-x x^(n-1) / (n-1)! * sum_{j<n} (n-1)...(n-j) / x^j; used for x >= n."""
    term = mp.mpf(1)
    total = mp.mpf(1)
    eps = mp.mpf(10) ** (-mp.mp.dps - 5)
    for j in range(1, n):
        term *= (n - j) / x
        total += term
        if term < eps * total:
            break
    return (n - 1) * mp.log(x) - x - mp.loggamma(n) + mp.log(total)


def ln_tails(n, x):
    """(ln P, ln Q) at the exact double x, to the working precision."""
    x = mp.mpf(x)
    if x < n:
        lp = lower_series(n, x)
        lq = mp.log1p(-mp.exp(lp))
    else:
        lq = upper_series(n, x)
        lp = mp.log1p(-mp.exp(lq))
    return lp, lq


def checked(f, *args):
    """Evaluates f at DIGITS and at CHECK_DIGITS digits and insists they agree."""
    mp.mp.dps = CHECK_DIGITS
    hi = f(*args)
    mp.mp.dps = DIGITS
    lo = f(*args)
    hi_t = hi if isinstance(hi, tuple) else (hi,)
    lo_t = lo if isinstance(lo, tuple) else (lo,)
    for a, b in zip(hi_t, lo_t):
        if a != 0 and abs(a - b) > mp.mpf(10) ** -40 * abs(a):
            raise AssertionError(f"precision check failed for {f.__name__}{args}")
    return lo


def solve(n, upper, ln_target):
    """The x with ln P(n, x) = ln_target (or ln Q if upper), by bracketed Newton iteration.

    ln P is close to linear in u = ln x in its lower tail and ln Q close to linear in x in
    its upper tail, so Newton runs in u for P and in x for Q. Both are concave in those
    variables; a bracket is kept and a step that leaves it or fails to halve the residual is
    replaced by bisection.
    """

    def residual(v):
        x = mp.exp(v) if not upper else v
        lp, lq = ln_tails(n, x)
        lt = lq if upper else lp
        # d ln P / d ln x = x g / P and d ln Q / dx = -g / Q.
        if upper:
            slope = -mp.exp(ln_pdf(n, x) - lt)
        else:
            slope = mp.exp(mp.log(x) + ln_pdf(n, x) - lt)
        return lt - ln_target, slope

    if upper:
        lo, hi, v = mp.mpf(0), mp.mpf(10) ** 6 * (n - ln_target), mp.mpf(n)
    else:
        lo, hi, v = mp.mpf(-5000), mp.log(mp.mpf(n)) + 5, mp.log(mp.mpf(n))
    last = None
    for _ in range(2000):
        fv, dv = residual(v)
        root_above = (fv > 0) if upper else (fv < 0)
        if root_above:
            lo = v
        else:
            hi = v
        new = v - fv / dv
        if not (lo < new < hi) or (last is not None and abs(fv) > abs(last) / 2):
            new = (lo + hi) / 2
        last = fv
        if abs(new - v) < mp.mpf(10) ** (-mp.mp.dps + 8) * max(1, abs(v)):
            return new if upper else mp.exp(new)
        v = new
    raise AssertionError("quantile did not converge")


def quantile_reference(n, kind, target):
    """Quantile of the given kind at a double target (a probability or its logarithm)."""
    upper = kind in ("quantile_sf", "quantile_ln_sf")
    if kind in ("quantile", "quantile_sf"):
        # Work with the smaller tail; 1 - target is exact for a double target in [0.5, 1].
        if target <= 0.5:
            return solve(n, upper, mp.log(mp.mpf(target)))
        return solve(n, not upper, mp.log(mp.mpf(1.0 - target)))
    ln_t = mp.mpf(target)
    if target <= -math.log(2):
        return solve(n, upper, ln_t)
    return solve(n, not upper, mp.log(-mp.expm1(ln_t)))


def ln_scaled_power(n, x):
    return n * mp.log(mp.mpf(x)) - mp.loggamma(n + 1)


def x_for(n, upper, ln_target):
    """A double near the quantile, rounded; reference values are then taken at that exact double."""
    mp.mp.dps = 30
    return float(solve(n, upper, mp.mpf(ln_target)))


def main():
    mp.mp.dps = DIGITS
    rows = []

    def add(kind, n, arg, value):
        rows.append(f"{kind},{n},{arg!r},{fmt(value) if abs(value) < mp.inf else repr(float(value))}")

    shapes = [1, 2, 30, 1000, 100000, 1000000, 10000000]
    tail_targets = [1e-300, 1e-100, 1e-30, 1e-10, 1e-3, 0.3]
    spot = {1000000, 10000000}
    quantile_targets = [1e-300, 1e-100, 1e-30, 1e-10, 0.01, 0.5, 0.99, 1 - 1e-10, 0.9999999999999999]
    ln_quantile_targets = [-5000.0, -800.0, -1e-20]
    cross_checks = 0
    for n in shapes:
        xs = set()
        targets = [1e-300, 1e-10, 0.3] if n in spot else tail_targets
        for t in targets:
            for upper in (False, True):
                if n == 1 and not upper and t == 1e-300:
                    xs.add(1e-300)
                    continue
                xs.add(x_for(n, upper, math.log(t)))
        # Deep logarithmic tails, exact centre, and extreme arguments.
        xs.add(float(n))
        xs.add(x_for(n, True, -5000.0))
        if n >= 30:
            xs.add(x_for(n, False, -5000.0))
        if n not in spot:
            xs.update([1e-300, 5e-324, 1e300])
        for x in sorted(xs):
            lp, lq = checked(ln_tails, n, x)
            for kind, v in (("ln_cdf", lp), ("ln_sf", lq)):
                add(kind, n, x, v)
            for kind, v in (("cdf", mp.exp(lp)), ("sf", mp.exp(lq))):
                if v > mp.mpf("1e-305"):
                    add(kind, n, x, v)
            lg = checked(ln_pdf, n, mp.mpf(x))
            add("ln_pdf", n, x, lg)
            if lg > -700:
                add("pdf", n, x, mp.exp(lg))
            if n not in spot and cross_checks < 40 and 1e-200 < x < 1e200 and n <= 1000:
                # Independent check against mpmath's own incomplete gamma.
                ref_p = mp.gammainc(n, 0, x, regularized=True)
                ref_q = mp.gammainc(n, x, mp.inf, regularized=True)
                for got, want in ((mp.exp(lp), ref_p), (mp.exp(lq), ref_q)):
                    if want > mp.mpf("1e-300"):
                        assert abs(got - want) <= mp.mpf("1e-35") * want, (n, x)
                cross_checks += 1
        for x in (0.5, float(n), 3.0 * n):
            add("ln_scaled_power", n, x, checked(ln_scaled_power, n, x))
        qt = [1e-300, 1e-10, 0.5, 0.9999999999999999] if n in spot else quantile_targets
        for p in qt:
            for kind in ("quantile", "quantile_sf"):
                x = checked(quantile_reference, n, kind, p)
                if x > mp.mpf("1e-307"):
                    add(kind, n, p, x)
        for lt in ln_quantile_targets:
            for kind in ("quantile_ln_cdf", "quantile_ln_sf"):
                x = checked(quantile_reference, n, kind, lt)
                if x > mp.mpf("1e-307"):
                    add(kind, n, lt, x)
        print(f"n = {n}: {len(rows)} rows so far", file=sys.stderr)
    header = (
        f"# generated by scripts/erlang_reference.py, mpmath {mp.__version__} at {DIGITS} digits "
        f"(checked at {CHECK_DIGITS}), Erlang P/Q/density/quantile references: positive series for "
        f"the smaller tail, complement at full precision, quantiles by bracketed Newton; "
        f"{cross_checks} points cross-checked against mpmath.gammainc"
    )
    CSV_PATH.parent.mkdir(parents=True, exist_ok=True)
    CSV_PATH.write_text(header + "\nkind,n,x_or_target,value\n" + "\n".join(rows) + "\n")
    print(f"wrote {CSV_PATH} ({len(rows)} rows)", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["--rust-tables"]:
        write_tables()
    elif not sys.argv[1:]:
        main()
    else:
        sys.exit(__doc__)
