//! Signed numbers held as (sign, ln |value|), for the deep lower tail of G_N where
//! hat Gamma, E and the graded gains are all far below the smallest double (for
//! U[0,1] and c = 0 the bottom graded interval ends near N/2, where G_N is about
//! e^{-0.19 N}).

use std::cmp::Ordering;

use maxmin_erlang::{ln_add_exp, ln_one_minus_exp};

/// A real number as a sign (-1, 0 or 1) and the logarithm of its magnitude.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SignedLog {
    pub(crate) sign: f64,
    pub(crate) ln: f64,
}

impl SignedLog {
    pub(crate) const ZERO: SignedLog = SignedLog {
        sign: 0.0,
        ln: f64::NEG_INFINITY,
    };

    /// From an ordinary double.
    pub(crate) fn from_f64(value: f64) -> SignedLog {
        if value == 0.0 {
            SignedLog::ZERO
        } else {
            SignedLog {
                sign: value.signum(),
                ln: value.abs().ln(),
            }
        }
    }

    /// sign * e^{ln}; zero when ln is -inf or sign is 0.
    pub(crate) fn from_parts(sign: f64, ln: f64) -> SignedLog {
        if sign == 0.0 || ln == f64::NEG_INFINITY {
            SignedLog::ZERO
        } else {
            SignedLog { sign, ln }
        }
    }

    /// The value as a double (underflowing to a signed zero where it must).
    pub(crate) fn to_f64(self) -> f64 {
        if self.sign == 0.0 {
            0.0
        } else {
            self.sign * self.ln.exp()
        }
    }

    /// The value times e^{shift}.
    pub(crate) fn shifted(self, shift: f64) -> SignedLog {
        SignedLog::from_parts(self.sign, self.ln + shift)
    }

    pub(crate) fn neg(self) -> SignedLog {
        SignedLog {
            sign: -self.sign,
            ln: self.ln,
        }
    }

    /// The sum, with the relative accuracy of the larger term.
    pub(crate) fn add(self, other: SignedLog) -> SignedLog {
        if self.sign == 0.0 {
            return other;
        }
        if other.sign == 0.0 {
            return self;
        }
        let (big, small) = if self.ln >= other.ln {
            (self, other)
        } else {
            (other, self)
        };
        if big.sign == small.sign {
            SignedLog::from_parts(big.sign, ln_add_exp(big.ln, small.ln))
        } else {
            SignedLog::from_parts(big.sign, big.ln + ln_one_minus_exp(small.ln - big.ln))
        }
    }

    pub(crate) fn sub(self, other: SignedLog) -> SignedLog {
        self.add(other.neg())
    }

    /// A key that orders signed-log numbers as the reals they stand for.
    fn key(self) -> (i8, f64) {
        if self.sign > 0.0 {
            (1, self.ln)
        } else if self.sign < 0.0 {
            (-1, -self.ln)
        } else {
            (0, 0.0)
        }
    }

    /// Total order by value.
    pub(crate) fn compare(self, other: SignedLog) -> Ordering {
        let (sa, va) = self.key();
        let (sb, vb) = other.key();
        sa.cmp(&sb).then(va.total_cmp(&vb))
    }

    /// Whether the two differ by more than `relative` times the larger magnitude.
    pub(crate) fn differs_from(self, other: SignedLog, relative: f64) -> bool {
        let diff = self.sub(other);
        diff.sign != 0.0 && diff.ln > relative.ln() + self.ln.max(other.ln)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: f64, b: f64) {
        let (x, y) = (SignedLog::from_f64(a), SignedLog::from_f64(b));
        // A logarithm near -460 carries an absolute error of an ulp of 460, which is
        // a relative error of the value of about 460 ulps: the tolerance scales with it.
        let ln_size = 1.0 + x.ln.abs().max(y.ln.abs()).min(1e3);
        let tol = 4.0 * f64::EPSILON * (a.abs() + b.abs()) * ln_size;
        assert!((x.add(y).to_f64() - (a + b)).abs() <= tol, "{a} + {b}");
        assert!((x.sub(y).to_f64() - (a - b)).abs() <= tol, "{a} - {b}");
        assert_eq!(x.compare(y), a.total_cmp(&b), "{a} vs {b}");
    }

    #[test]
    fn arithmetic_matches_doubles() {
        let values = [-3.5, -1.0, -1e-200, 0.0, 1e-300, 0.25, 1.0, 7.0];
        for &a in &values {
            for &b in &values {
                if a == 0.0 && b == 0.0 {
                    continue;
                }
                check(a, b);
            }
        }
        assert_eq!(
            SignedLog::from_f64(2.0).sub(SignedLog::from_f64(2.0)),
            SignedLog::ZERO
        );
    }

    #[test]
    fn works_beyond_the_range_of_doubles() {
        // e^{-20000} - e^{-20001} = e^{-20000} (1 - 1/e).
        let a = SignedLog::from_parts(1.0, -20000.0);
        let b = SignedLog::from_parts(1.0, -20001.0);
        let d = a.sub(b);
        assert!((d.ln - (-20000.0 + (1.0 - (-1.0_f64).exp()).ln())).abs() < 1e-11);
        assert_eq!(d.to_f64(), 0.0);
        assert_eq!(a.compare(b), Ordering::Greater);
        assert_eq!(b.neg().compare(a.neg()), Ordering::Greater);
        assert!(a.differs_from(b, 1e-12));
        assert!(!a.differs_from(a.shifted(1e-14), 1e-12));
    }
}
