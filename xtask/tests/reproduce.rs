//! The committed files under docs/ are exactly what `cargo xtask reproduce` makes (the
//! `--check`, run on every `cargo test`); the check names a hand-edited or missing file;
//! and insta snapshots hold the data behind every figure and table.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use xtask::{Artifact, Stale, Staleness};

/// Every artifact, generated once for all the tests of this file.
fn artifacts() -> &'static [Artifact] {
    static ARTIFACTS: OnceLock<Vec<Artifact>> = OnceLock::new();
    ARTIFACTS.get_or_init(|| xtask::generate(&mut |_| {}).expect("the generators succeed"))
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workspace root")
        .to_path_buf()
}

/// A fresh directory under the target directory, holding a copy of the committed
/// generated files.
fn copy_of_committed_files(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    for a in artifacts() {
        let to = dir.join(&a.path);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(repository_root().join(&a.path), &to)
            .unwrap_or_else(|e| panic!("copying the committed {}: {e}", a.path));
    }
    dir
}

#[test]
fn committed_files_are_up_to_date() {
    let stale = xtask::stale(&repository_root(), artifacts());
    let list: Vec<String> = stale.iter().map(Stale::to_string).collect();
    assert!(
        stale.is_empty(),
        "generated files are stale; run `cargo xtask reproduce` and commit the result:\n  {}",
        list.join("\n  ")
    );
}

#[test]
fn the_check_names_a_hand_edited_csv() {
    let dir = copy_of_committed_files("reproduce-edited-csv");
    assert_eq!(xtask::stale(&dir, artifacts()), vec![]);

    // Change one digit of the third data line of figure-1.csv, as a hand edit would.
    let path = dir.join("docs/figures/figure-1.csv");
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let line = &mut lines[4];
    let at = line
        .rfind(|c: char| c.is_ascii_digit() && c != '0')
        .unwrap();
    let digit = line.as_bytes()[at] - b'0';
    line.replace_range(at..=at, &((digit % 9) + 1).to_string());
    fs::write(&path, lines.join("\n") + "\n").unwrap();

    assert_eq!(
        xtask::stale(&dir, artifacts()),
        vec![Stale {
            path: "docs/figures/figure-1.csv".to_string(),
            staleness: Staleness::Differs { line: 5 },
        }]
    );
}

#[test]
fn the_check_names_a_missing_file() {
    let dir = copy_of_committed_files("reproduce-missing-file");
    fs::remove_file(dir.join("docs/tables/paper-claims.md")).unwrap();
    assert_eq!(
        xtask::stale(&dir, artifacts()),
        vec![Stale {
            path: "docs/tables/paper-claims.md".to_string(),
            staleness: Staleness::Missing,
        }]
    );
}

#[test]
fn generated_files_stay_under_docs_and_say_who_made_them() {
    for a in artifacts() {
        assert!(a.path.starts_with("docs/"), "{} is outside docs/", a.path);
        let first = a.contents.lines().next().unwrap_or("");
        assert!(
            first.contains(xtask::GENERATED_BY),
            "{} opens with {first:?}",
            a.path
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let again = xtask::generate(&mut |_| {}).unwrap();
    assert!(again == artifacts(), "two runs of the generators differ");
}

/// The snapshot of the artifact with this snapshot name.
fn snapshot(name: &str) -> &'static str {
    &artifacts()
        .iter()
        .find(|a| a.snapshot == Some(name))
        .unwrap_or_else(|| panic!("no artifact has the snapshot name {name}"))
        .contents
}

/// Every data artifact has a snapshot test below.
#[test]
fn every_data_file_is_snapshotted() {
    let mut names: Vec<&str> = artifacts().iter().filter_map(|a| a.snapshot).collect();
    names.sort_unstable();
    assert_eq!(names, SNAPSHOTS);
}

/// The snapshot names, sorted: artifact, then parameters.
const SNAPSHOTS: &[&str] = &[
    "figure_1__uniform_n2_c0",
    "figure_2__uniform_n2_c0_grid51",
    "figure_3__gap_n2_c0p2",
    "figure_4__uniform_c0",
    "gallery",
    "table_figure_4__uniform_c0",
    "table_graded_intervals__uniform_n2_c0__gap_n2_c0p2",
    "table_paper_claims",
];

macro_rules! snapshot_test {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($name, snapshot($name));
        }
    };
}

snapshot_test!(figure_1_data, "figure_1__uniform_n2_c0");
snapshot_test!(figure_2_data, "figure_2__uniform_n2_c0_grid51");
snapshot_test!(figure_3_data, "figure_3__gap_n2_c0p2");
snapshot_test!(figure_4_data, "figure_4__uniform_c0");
snapshot_test!(figure_4_table, "table_figure_4__uniform_c0");
snapshot_test!(gallery, "gallery");
snapshot_test!(
    graded_intervals_table,
    "table_graded_intervals__uniform_n2_c0__gap_n2_c0p2"
);
snapshot_test!(paper_claims_table, "table_paper_claims");
