//! Reading priors from text: the command line's SPEC strings and files of samples.
//!
//! A SPEC is `FAMILY:PARAMETERS`, one of
//! `uniform:A,B`, `intervals:A1,B1,A2,B2,...`, `discrete:V1@P1,V2@P2,...`,
//! `exponential:RATE`, `pwl-cdf:V1@F1,V2@F2,...` and `samples:PATH`.
//! Parsing only splits and converts the text; the constructors of [`Prior`] validate
//! the numbers, so a spec and a direct call reject the same inputs with the same error.

use std::path::Path;

use crate::{Prior, PriorError};

/// Parses a SPEC string (see the module documentation).
pub(crate) fn parse(spec: &str) -> Result<Prior, PriorError> {
    let Some((family, parameters)) = spec.split_once(':') else {
        return Err(PriorError::MissingFamilySeparator {
            spec: spec.to_string(),
        });
    };
    let family = family.trim();
    // Family names are matched without regard to case; errors quote them as given.
    match family.to_ascii_lowercase().as_str() {
        "uniform" => {
            let numbers = numbers(parameters)?;
            match numbers[..] {
                [lo, hi] => Prior::uniform(lo, hi),
                _ => Err(PriorError::WrongParameterCount {
                    family: "uniform",
                    expected: "2 numbers (uniform:A,B)",
                    found: numbers.len(),
                }),
            }
        }
        "intervals" => {
            let numbers = numbers(parameters)?;
            if numbers.is_empty() || numbers.len() % 2 != 0 {
                return Err(PriorError::WrongParameterCount {
                    family: "intervals",
                    expected: "a positive, even count of numbers (intervals:A1,B1,A2,B2,...)",
                    found: numbers.len(),
                });
            }
            let intervals: Vec<(f64, f64)> = numbers
                .chunks_exact(2)
                .map(|pair| (pair[0], pair[1]))
                .collect();
            Prior::intervals(&intervals)
        }
        "discrete" => Prior::discrete(&pairs(parameters, "V@P")?),
        "exponential" => {
            let numbers = numbers(parameters)?;
            match numbers[..] {
                [rate] => Prior::exponential(rate),
                _ => Err(PriorError::WrongParameterCount {
                    family: "exponential",
                    expected: "1 number (exponential:RATE)",
                    found: numbers.len(),
                }),
            }
        }
        "pwl-cdf" => Prior::piecewise_linear_cdf(&pairs(parameters, "V@F")?),
        "samples" => Prior::from_samples_file(Path::new(parameters.trim())),
        _ => Err(PriorError::UnknownFamily {
            family: family.to_string(),
        }),
    }
}

/// Reads the values of a samples file: one value per line, or a CSV whose first line
/// is a header and whose first column holds the values.
///
/// Blank lines and lines starting with `#` are skipped. The first remaining line is a
/// header exactly when its first field is not a number. Values are checked here (not
/// only by [`Prior::empirical`]) so that an error can name the line it came from.
pub(crate) fn read_samples(path: &Path) -> Result<Vec<f64>, PriorError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| PriorError::Io {
        path: shown.clone(),
        message: error.to_string(),
    })?;
    // A byte-order mark written by spreadsheet programs would otherwise make the
    // first value unparsable.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);

    let mut samples = Vec::new();
    let mut seen_content = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let field = first_field(line);
        let parsed = field.parse::<f64>();
        let is_header = !seen_content && parsed.is_err();
        seen_content = true;
        if is_header {
            continue;
        }
        let number = index + 1;
        let value = parsed.map_err(|_| PriorError::FileNotANumber {
            path: shown.clone(),
            line: number,
            text: field.to_string(),
        })?;
        let value = crate::check_value(value).map_err(|reason| PriorError::InvalidSample {
            path: shown.clone(),
            line: number,
            reason: Box::new(reason),
        })?;
        samples.push(value);
    }
    if samples.is_empty() {
        return Err(PriorError::EmptyFile { path: shown });
    }
    Ok(samples)
}

/// The first comma-separated field of a CSV line, without surrounding quotes.
fn first_field(line: &str) -> &str {
    let field = line.split(',').next().unwrap_or(line).trim();
    field
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(field)
        .trim()
}

/// The comma-separated numbers of a spec's parameters; an empty list for blank input.
fn numbers(parameters: &str) -> Result<Vec<f64>, PriorError> {
    items(parameters).map(number).collect()
}

/// The comma-separated `X@Y` pairs of a spec's parameters.
fn pairs(parameters: &str, expected: &'static str) -> Result<Vec<(f64, f64)>, PriorError> {
    items(parameters)
        .map(|item| {
            let (left, right) = item
                .split_once('@')
                .ok_or_else(|| PriorError::SpecNotAPair {
                    text: item.to_string(),
                    expected,
                })?;
            Ok((number(left)?, number(right)?))
        })
        .collect()
}

/// The trimmed comma-separated items of a spec's parameters, none for blank input.
fn items(parameters: &str) -> impl Iterator<Item = &str> {
    let blank = parameters.trim().is_empty();
    parameters.split(',').map(str::trim).filter(move |_| !blank)
}

/// One number of a spec.
fn number(text: &str) -> Result<f64, PriorError> {
    let text = text.trim();
    text.parse().map_err(|_| PriorError::SpecNotANumber {
        text: text.to_string(),
    })
}
