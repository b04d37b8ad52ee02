//! Helpers shared by the command-line tests: run the binary, parse its JSON, and
//! assert the bad-input contract (exit status 2, one line on stderr naming the value).

use std::process::{Command, Output};

/// Runs `maxmin` with the arguments.
pub fn maxmin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maxmin"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `maxmin`, requires success and a silent stderr (no progress bar when stderr
/// is not a terminal), and parses standard output as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = maxmin(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{args:?}: stderr {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Requires exit status 2, nothing on stdout and one line on stderr containing `needle`.
pub fn assert_bad_input(args: &[&str], needle: &str) {
    let out = maxmin(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty());
}

/// [`assert_bad_input`] for each (command line, needle) pair; the command line is
/// split at spaces (no argument in these cases contains one).
pub fn assert_bad_inputs(cases: &[(&str, &str)]) {
    for (line, needle) in cases {
        let args: Vec<&str> = line.split(' ').collect();
        assert_bad_input(&args, needle);
    }
}
