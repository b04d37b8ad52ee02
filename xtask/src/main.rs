//! `cargo xtask reproduce [--check]`: regenerates the paper's figures and tables under
//! docs/, or (with `--check`) regenerates them in memory and fails naming every
//! committed file that is stale. See the library docs of this package.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask reproduce [--check]

  reproduce          regenerate docs/figures, docs/tables and docs/REPRODUCTION.md
  reproduce --check  regenerate in memory; fail, naming the files, if any committed one is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["reproduce"] => false,
        ["reproduce", "--check"] => true,
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let root = repository_root();
    let artifacts = match xtask::generate(&mut |step| println!("{step}")) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        let stale = xtask::stale(&root, &artifacts);
        if stale.is_empty() {
            println!(
                "all {} generated files are up to date ({:.1} s)",
                artifacts.len(),
                start.elapsed().as_secs_f64()
            );
            return ExitCode::SUCCESS;
        }
        eprintln!("stale generated files (run `cargo xtask reproduce` and commit the result):");
        for s in &stale {
            eprintln!("  {s}");
        }
        return ExitCode::FAILURE;
    }
    match xtask::write(&root, &artifacts) {
        Ok(written) => {
            for path in &written {
                println!("wrote {path}");
            }
            println!(
                "{} files, {} changed ({:.1} s)",
                artifacts.len(),
                written.len(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask/ sits directly under it.
fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workspace root")
        .to_path_buf()
}
