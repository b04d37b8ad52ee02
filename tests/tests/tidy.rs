//! Tidy checks on the workspace itself: the layer order of docs/ARCHITECTURE.md
//! holds in every crate's manifest, every crate is documented there, and no
//! library crate prints or writes files.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A crate may depend only on crates in lower layers.
/// Keep in step with the code map in docs/ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &["maxmin-erlang", "maxmin-numeric"],
    &["maxmin-prior"],
    &["maxmin-grading", "maxmin-compare"],
    &["maxmin-mechanism"],
    &["maxmin-asymptotics"],
    &["maxmin"],
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

fn layer_of(name: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&name))
}

fn crates() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(root().join("crates"))
        .expect("crates/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("Cargo.toml").exists())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, p)
        })
        .collect();
    out.sort();
    out
}

/// The internal (`maxmin*`) dependencies named in a manifest, in any section.
fn internal_dependencies(manifest: &str) -> Vec<String> {
    let mut deps = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line.contains("dependencies");
            continue;
        }
        if in_deps && line.starts_with("maxmin") {
            let name: String = line
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            deps.push(name.split('.').next().unwrap_or(&name).to_string());
        }
    }
    deps
}

#[test]
fn every_crate_is_in_a_layer_and_its_folder_is_its_name() {
    for (folder, path) in crates() {
        let manifest = fs::read_to_string(path.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("name = \"{folder}\"")),
            "crates/{folder}: the package name must equal the folder name"
        );
        assert!(
            layer_of(&folder).is_some(),
            "crates/{folder} is in no layer of tests/tests/tidy.rs (and docs/ARCHITECTURE.md)"
        );
    }
}

#[test]
fn no_crate_depends_on_a_crate_above_or_beside_it() {
    for (name, path) in crates() {
        let own = layer_of(&name).unwrap_or(usize::MAX);
        let manifest = fs::read_to_string(path.join("Cargo.toml")).unwrap();
        for dep in internal_dependencies(&manifest) {
            let theirs = layer_of(&dep)
                .unwrap_or_else(|| panic!("{name} depends on {dep}, which is in no layer"));
            assert!(
                theirs < own,
                "{name} (layer {own}) depends on {dep} (layer {theirs}); dependencies must point down"
            );
        }
    }
}

#[test]
fn architecture_document_names_every_crate() {
    let doc = fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    for (name, _) in crates() {
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/ARCHITECTURE.md does not describe `{name}`"
        );
    }
}

#[test]
fn library_crates_neither_print_nor_write_files() {
    const FORBIDDEN: &[&str] = &[
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "fs::write",
        "File::create",
    ];
    for (name, path) in crates() {
        if name == "maxmin" {
            continue;
        }
        for file in rust_files(&path.join("src")) {
            let text = fs::read_to_string(&file).unwrap();
            // Unit tests at the bottom of a file may print diagnostics.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for needle in FORBIDDEN {
                assert!(
                    !code.contains(needle),
                    "{} uses {needle}: only the command-line crate and xtask print or write",
                    file.display()
                );
            }
        }
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(rust_files(&p));
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn manifest_parsing_sees_internal_dependencies() {
    // Guards the tidy checks themselves: a parser that saw nothing would pass them.
    let manifest = "[package]\nname = \"x\"\n[dependencies]\nmaxmin-prior.workspace = true\n\
                    serde = \"1\"\n[dev-dependencies]\nmaxmin-erlang = { workspace = true }\n";
    assert_eq!(
        internal_dependencies(manifest),
        vec!["maxmin-prior".to_string(), "maxmin-erlang".to_string()]
    );
}
