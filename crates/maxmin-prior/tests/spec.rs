//! SPEC strings and sample files produce the same priors as the constructors.

use std::path::PathBuf;

use maxmin_prior::Prior;

/// A file under the temporary directory, unique to this test process and `name`.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("maxmin-prior-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn each_family_parses() {
    assert_eq!(
        Prior::parse("uniform:0,1").unwrap(),
        Prior::uniform(0.0, 1.0).unwrap()
    );
    assert_eq!(
        Prior::parse(" intervals: 2,3, 0,1 ").unwrap(),
        Prior::intervals(&[(2.0, 3.0), (0.0, 1.0)]).unwrap()
    );
    assert_eq!(
        Prior::parse("discrete:0@0.5,1@0.5").unwrap(),
        Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap()
    );
    assert_eq!(
        Prior::parse("exponential:1").unwrap(),
        Prior::exponential(1.0).unwrap()
    );
    assert_eq!(
        Prior::parse("pwl-cdf:0@0,1@0.5,3@1").unwrap(),
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 0.5), (3.0, 1.0)]).unwrap()
    );
    assert_eq!(
        "Uniform:1e-1,2".parse::<Prior>().unwrap(),
        Prior::uniform(0.1, 2.0).unwrap()
    );
}

#[test]
fn samples_spec_reads_the_file() {
    let path = temp_file("spec.txt", "1\n2\n2\n");
    let prior = Prior::parse(&format!("samples:{}", path.display())).unwrap();
    assert!((prior.mean() - 5.0 / 3.0).abs() < 1e-15);
    assert!(prior.description().contains("from '"));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn plain_file_with_comments_blank_lines_and_crlf() {
    let path = temp_file(
        "plain.txt",
        "# values of v\n\n0.5\r\n1.5\r\n  \n# done\n1.0\n",
    );
    let prior = Prior::from_samples_file(&path).unwrap();
    let values: Vec<f64> = prior.atoms().iter().map(|atom| atom.value).collect();
    assert_eq!(values, vec![0.5, 1.0, 1.5]);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn csv_with_header_uses_the_first_column() {
    let path = temp_file("data.csv", "\u{feff}value,weight\n1,100\n\"3\",200\n2,x\n");
    let prior = Prior::from_samples_file(&path).unwrap();
    assert_eq!(prior.mean(), 2.0);
    assert_eq!(prior.support(), (1.0, 3.0));
    std::fs::remove_file(path).unwrap();
}
