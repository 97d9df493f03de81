//! The command line as a user meets it: reproducible simulations, clear errors.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haeju-trader"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Everything but the speed, which is the one thing allowed to differ.
fn without_speed(s: &str) -> String {
    s.lines()
        .filter(|l| !l.contains("runs per second") && !l.contains("runs_per_second"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn simulate_prints_the_same_table_for_the_same_arguments() {
    let args = [
        "simulate",
        "--level",
        "01",
        "--strategy",
        "all",
        "--runs",
        "300",
        "--seed",
        "5",
    ];
    let (a, b) = (run(&args), run(&args));
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let (a, b) = (stdout(&a), stdout(&b));
    assert_eq!(without_speed(&a), without_speed(&b));
    for word in [
        "cautious",
        "trader",
        "sentimental",
        "random",
        "caught at least 1",
        "median worth won",
        "inspections/game",
        "bribes won/game",
        "confiscated/game",
        "runs per second",
        "arrested",
        "family_fed",
    ] {
        assert!(a.contains(word), "missing {word:?} in\n{a}");
    }
    let other = stdout(&run(&[
        "simulate",
        "--level",
        "01",
        "--strategy",
        "all",
        "--runs",
        "300",
        "--seed",
        "6",
    ]));
    assert_ne!(
        without_speed(&a),
        without_speed(&other),
        "another seed gives other games"
    );
    // A class's length: the same bots over the first five days, said in the header, with
    // the rows a class's balance is read by.
    let five = stdout(&run(&[
        "simulate",
        "--level",
        "01",
        "--strategy",
        "cautious",
        "--runs",
        "200",
        "--seed",
        "5",
        "--days",
        "5",
    ]));
    assert!(
        five.starts_with("level spring-2024  days 5  runs 200"),
        "{five}"
    );
    assert!(a.starts_with("level spring-2024  days 14  runs 300"), "{a}");
    for word in [
        "no stop at all",
        "lost items",
        "meagre evenings",
        "hungry evenings",
    ] {
        assert!(five.contains(word), "missing {word:?} in\n{five}");
    }
}

#[test]
fn simulate_json_is_reproducible_and_complete() {
    let args = [
        "simulate",
        "--level",
        "spring-2024",
        "--strategy",
        "careless",
        "--runs",
        "200",
        "--seed",
        "1",
        "--json",
    ];
    let (a, b) = (stdout(&run(&args)), stdout(&run(&args)));
    assert_eq!(without_speed(&a), without_speed(&b));
    for key in [
        "\"strategy\": \"careless\"",
        "\"endings\"",
        "\"caught_at_least_once\"",
        "\"median_final_worth_won\"",
        "\"mean_inspections\"",
        "\"mean_bribes_paid_won\"",
        "\"mean_items_confiscated\"",
        "\"runs_per_second\"",
    ] {
        assert!(a.contains(key), "missing {key} in {a}");
    }
    // The shares of the endings add up to one.
    let endings = &a[a.find("\"endings\": {").unwrap() + 12..];
    let endings = &endings[..endings.find('}').unwrap()];
    let total: f64 = endings
        .split(',')
        .map(|kv| kv.split(':').nth(1).unwrap().trim().parse::<f64>().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 0.001, "{endings}");
}

#[test]
fn bad_arguments_get_a_clear_message_and_exit_2() {
    for (args, words) in [
        (
            &[
                "simulate",
                "--level",
                "01",
                "--strategy",
                "greedy",
                "--runs",
                "5",
                "--seed",
                "1",
            ][..],
            "--strategy \"greedy\": expected",
        ),
        (
            &[
                "simulate",
                "--level",
                "01",
                "--strategy",
                "trader",
                "--runs",
                "many",
                "--seed",
                "1",
            ][..],
            "--runs \"many\": expected",
        ),
        (
            &[
                "simulate",
                "--level",
                "01",
                "--strategy",
                "trader",
                "--runs",
                "0",
                "--seed",
                "1",
            ][..],
            "--runs 0",
        ),
        (
            &[
                "simulate",
                "--level",
                "01",
                "--strategy",
                "trader",
                "--runs",
                "5",
            ][..],
            "simulate needs --seed",
        ),
        (&["simulate", "--level"][..], "--level needs a value"),
        (&["play", "--bare"][..], "--bare measures a bare window"),
        (
            &["play", "--frame-stats", "3", "--stock"][..],
            "--stock is a kind of bare window",
        ),
        (
            &[
                "simulate",
                "--level",
                "01",
                "--strategy",
                "trader",
                "--runs",
                "5",
                "--seed",
                "-3",
            ][..],
            "--seed",
        ),
        (&["fly"][..], "unknown command \"fly\""),
        (&["check", "--all"][..], "check takes file names"),
        (
            &["sample-class", "--code", "x!"][..],
            "--code \"x!\": expected 3 to 12",
        ),
        (
            &["sample-class", "--days", "40", "--out", "d"][..],
            "--days 40",
        ),
        (
            &[
                "simulate",
                "--level",
                "01",
                "--strategy",
                "all",
                "--runs",
                "5",
                "--seed",
                "1",
                "--days",
                "0",
            ][..],
            "--days 0",
        ),
        (&["sample-class"][..], "sample-class needs --out"),
        (&["handouts"][..], "handouts needs --out"),
        (&["class", "--projector"][..], "class takes file names"),
        (&["play", "--code", "?"][..], "--code \"?\""),
        (
            &["tour", "--out", "d", "--scenes", "--class-view", "a.json"][..],
            "choose one",
        ),
    ] {
        let o = run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(err.contains("usage:"), "{args:?}: usage shown");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn an_unknown_level_names_the_levels_there_are() {
    let o = run(&[
        "simulate",
        "--level",
        "atlantis",
        "--strategy",
        "trader",
        "--runs",
        "5",
        "--seed",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no such level") && err.contains("01-spring-2024"),
        "{err}"
    );
}

#[test]
fn help_and_version() {
    assert!(stdout(&run(&["--help"])).contains("haeju-trader check"));
    assert!(stdout(&run(&["--version"])).starts_with("haeju-trader "));
}

/// `report --csv --effects`: a facilitator's table of the check's measures, one row a
/// measure, from the three fixture students who answered before and after (issue 34); the
/// flag alone is refused with a line saying why.
#[test]
fn report_csv_effects_gives_a_row_a_measure() {
    let files = [
        "tests/fixtures/check/student-a.ron",
        "tests/fixtures/check/student-b.ron",
        "tests/fixtures/check/student-c.ron",
    ];
    let mut args = vec!["report", "--csv", "--effects"];
    args.extend(files);
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "measure,pairs,mean_before,mean_after,mean_change,sd_change,d_z,d_z_low,d_z_high,improved,same,worse"
    );
    let knowledge: Vec<&str> = lines[1].split(',').collect();
    assert_eq!((knowledge[0], knowledge[1]), ("knowledge", "3"), "{csv}");
    // Three pairs: a change, but no effect size (too few to quote; its cells are empty).
    assert_eq!(
        (knowledge[6], knowledge[7], knowledge[8]),
        ("", "", ""),
        "{csv}"
    );
    assert!(knowledge[4].parse::<f64>().unwrap() > 0.0, "{csv}");
    assert_eq!(
        lines.len(),
        1 + 6 + 2,
        "knowledge, judgement and the four views, then knowledge by the forms' order:\n{csv}"
    );
    // Students a and c answered A then B, b the reverse.
    assert!(
        lines[7].starts_with("forms-A-B:knowledge,2,")
            && lines[8].starts_with("forms-B-A:knowledge,1,"),
        "{csv}"
    );
    let mut args = vec!["report", "--effects"];
    args.extend(files);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--effects goes with --csv"));
}
