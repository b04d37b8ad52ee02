//! Floats at a fixed number of significant digits, the one rendering used by every
//! CSV, table and snapshot, so that last-ulp noise in a library result cannot change a
//! committed file.

/// Significant digits kept in every generated number.
pub const SIGNIFICANT_DIGITS: usize = 10;

/// `v` rounded to [`SIGNIFICANT_DIGITS`] significant digits (correctly rounded, through
/// the standard library's exact decimal formatting). Zero, infinities and NaN pass
/// through; negative zero becomes zero.
pub fn round(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    if !v.is_finite() {
        return v;
    }
    format!("{:.*e}", SIGNIFICANT_DIGITS - 1, v)
        .parse()
        .expect("a formatted float parses")
}

/// `v` rounded by [`round`] and written in its shortest form: plain decimals between
/// 1e-5 and 1e15 in magnitude, scientific notation outside; `inf`, `-inf` and `NaN`
/// as Rust writes them. Every output parses back as a float.
pub fn render(v: f64) -> String {
    let r = round(v);
    if r == 0.0 || !r.is_finite() || (1e-5..1e15).contains(&r.abs()) {
        format!("{r}")
    } else {
        format!("{r:e}")
    }
}

/// `n` in Unicode subscript digits (for labels such as Π̄₂ and x₃).
pub fn subscript(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x2080 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ten_significant_digits() {
        assert_eq!(render(0.280_517_973_409_882_5), "0.2805179734");
        assert_eq!(render(1.0 / 3.0), "0.3333333333");
        assert_eq!(render(2.0 / 3.0 * 1e-9), "6.666666667e-10");
        assert_eq!(render(12_345.678_901_234), "12345.6789");
        assert_eq!(render(-0.0), "0");
        assert_eq!(render(0.25), "0.25");
    }

    #[test]
    fn writes_subscripts() {
        assert_eq!(subscript(30), "₃₀");
    }

    #[test]
    fn hides_last_ulp_noise() {
        let x = 0.1 + 0.2;
        assert_eq!(render(x), render(0.3));
        assert_eq!(render(1.0 - f64::EPSILON), "1");
    }

    #[test]
    fn rendered_numbers_parse_back_to_the_rounded_value() {
        for v in [
            1e-300,
            3.7e-6,
            0.123_456_789_012_3,
            9.999_999_999_9e14,
            1e20,
        ] {
            let back: f64 = render(v).parse().unwrap();
            assert_eq!(back, round(v), "{v}");
        }
    }
}
