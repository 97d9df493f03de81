//! `haeju-trader check`: each kind of mistake in a level file is reported as
//! `file:line:col: message`, pointing at the mistake, with a non-zero exit.

use std::path::{Path, PathBuf};
use std::process::Command;

const LEVEL: &str = include_str!("../levels/01-spring-2024.ron");
const FACTS: &str = include_str!("../levels/facts.ron");

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_haeju-trader"))
}

/// A scratch folder with a copy of level 1 (edited) and the facts catalog (edited).
fn scratch(name: &str, level: &str, facts: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("haeju-check-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("level.ron"), level).unwrap();
    std::fs::write(dir.join("facts.ron"), facts).unwrap();
    dir
}

fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "the edit {from:?} must match once"
    );
    text.replacen(from, to, 1)
}

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle in text")]
        .lines()
        .count()
        .max(1)
        + usize::from(text[..text.find(needle).unwrap()].ends_with('\n'))
}

fn check(files: &[&Path]) -> (i32, String) {
    let out = bin().arg("check").args(files).output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// Asserts one reported problem in `file` on `line` whose message contains `words`.
fn expect_problem(name: &str, level: &str, facts: &str, file: &str, line: usize, words: &str) {
    let dir = scratch(name, level, facts);
    let target = dir.join(file);
    let (code, out) = check(&[&target]);
    assert_eq!(code, 1, "{name}: expected exit 1, got {code}\n{out}");
    let prefix = format!("{}:{line}:", target.display());
    assert!(
        out.lines()
            .any(|l| l.starts_with(&prefix) && l.contains(words)),
        "{name}: expected a line starting {prefix:?} containing {words:?}, got:\n{out}"
    );
    for l in out
        .lines()
        .filter(|l| l.starts_with(&*dir.to_string_lossy()))
    {
        let rest = &l[target.display().to_string().len()..];
        let mut parts = rest.splitn(4, ':');
        assert_eq!(parts.next(), Some(""));
        assert!(
            parts.next().unwrap().parse::<usize>().is_ok(),
            "line number in {l}"
        );
        assert!(
            parts.next().unwrap().parse::<usize>().is_ok(),
            "column in {l}"
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_shipped_levels_pass() {
    let (code, out) = check(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no problems"));
}

#[test]
fn a_syntax_error_names_its_line() {
    let bad = edit(LEVEL, "  days: 14,\n", "  days: 14\n");
    expect_problem(
        "syntax",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "  phone_model:"),
        "",
    );
}

#[test]
fn an_unknown_field_is_named() {
    let bad = edit(LEVEL, "  days: 14,", "  dayz: 14,");
    expect_problem(
        "field",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "  days: 14,"),
        "dayz",
    );
}

#[test]
fn an_unknown_place_in_a_route() {
    let from = r#"(from: "street", to: "market", minutes: 15"#;
    let bad = edit(LEVEL, from, r#"(from: "street", to: "markt", minutes: 15"#);
    expect_problem(
        "route",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, from),
        "unknown place `markt`: expected one of",
    );
}

#[test]
fn an_unknown_good() {
    let bad = edit(
        LEVEL,
        r#"prices: [("rice", 1045)"#,
        r#"prices: [("rize", 1045)"#,
    );
    expect_problem(
        "good",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, r#"prices: [("rice", 1045)"#),
        "unknown good `rize`",
    );
}

#[test]
fn a_negative_price() {
    let bad = edit(LEVEL, "won: 5650, source: 140", "won: -5650, source: 140");
    expect_problem(
        "negative",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "won: 5650, source: 140"),
        "expected a positive price",
    );
}

#[test]
fn dates_out_of_order() {
    let bad = edit(
        LEVEL,
        r#"(date: "2024-05-26", won: 5650"#,
        r#"(date: "2023-05-26", won: 5650"#,
    );
    expect_problem(
        "dates",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "won: 5650"),
        "expected dates in increasing order",
    );
}

#[test]
fn an_impossible_date() {
    let bad = edit(LEVEL, r#"start: "2024-04-22""#, r#"start: "2024-02-30""#);
    expect_problem(
        "date",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "start:"),
        "not a date",
    );
}

#[test]
fn a_missing_translation() {
    let bad = edit(LEVEL, r#"ko: "해주항""#, r#"ko: """#);
    expect_problem(
        "translation",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "해주항"),
        "missing Korean (`ko`) translation of place `port`",
    );
}

#[test]
fn a_fact_card_with_no_source() {
    let bad = edit(FACTS, "      source: Some(164),\n", "");
    expect_problem(
        "source",
        LEVEL,
        &bad,
        "facts.ron",
        line_of(FACTS, "id: \"phone-for-trade\"") - 1,
        "has no source",
    );
    // The level that uses the catalog is refused too, pointing at the catalog.
    let dir = scratch("source-level", LEVEL, &bad);
    let (code, out) = check(&[&dir.join("level.ron")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("facts.ron:") && out.contains("has no source"),
        "{out}"
    );
}

#[test]
fn an_unreachable_place() {
    let bad = edit(
        LEVEL,
        "    (from: \"market\", to: \"repair\", minutes: 10, risk_permille: 16),\n",
        "",
    );
    let bad = edit(
        &bad,
        "    (from: \"repair\", to: \"street\", minutes: 15, risk_permille: 19),\n",
        "",
    );
    expect_problem(
        "unreachable",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "(id: \"repair\""),
        "cannot be reached from home",
    );
}

#[test]
fn a_duplicate_id() {
    let bad = edit(LEVEL, r#"(id: "cadre", name"#, r#"(id: "port", name"#);
    expect_problem(
        "duplicate",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, r#"(id: "cadre", name"#),
        "duplicate id `port`",
    );
}

#[test]
fn a_gap_in_the_exchange_series() {
    let bad = edit(
        LEVEL,
        r#"(date: "2024-05-12", usd: 8850"#,
        r#"(date: "2024-05-30", usd: 8850"#,
    );
    expect_problem(
        "gap",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "usd: 8850"),
        "gap in the exchange series",
    );
}

#[test]
fn an_exchange_series_that_ends_before_the_level() {
    let bad = edit(
        LEVEL,
        r#"(date: "2024-05-12", usd: 8850"#,
        r#"(date: "2024-04-30", usd: 8850"#,
    );
    expect_problem(
        "short",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "usd: 8850"),
        "the level runs to 2024-05-05",
    );
}

#[test]
fn an_unknown_sender_and_an_unknown_inspector() {
    let bad = edit(
        LEVEL,
        r#"(id: "m2-port", day: 2, from: "c-port""#,
        r#"(id: "m2-port", day: 2, from: "c-nobody""#,
    );
    expect_problem(
        "sender",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "m2-port"),
        "unknown contact `c-nobody`",
    );
    let bad = edit(
        LEVEL,
        r#"inspectors: ["youth", "g82"]"#,
        r#"inspectors: ["youth", "g83"]"#,
    );
    expect_problem(
        "inspector",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, r#"inspectors: ["youth""#),
        "unknown inspector `g83`",
    );
}

#[test]
fn a_campaign_that_ends_before_it_starts() {
    let bad = edit(
        LEVEL,
        r#"to: "2024-05-05", risk_x"#,
        r#"to: "2024-04-05", risk_x"#,
    );
    expect_problem(
        "campaign",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, "risk_x_permille: 2500"),
        "ends on 2024-04-05 before it starts",
    );
}

#[test]
fn a_missing_file_and_several_files_at_once() {
    let (code, out) = check(&[Path::new("no/such/level.ron")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("no/such/level.ron:1:1: cannot read the file"),
        "{out}"
    );
    let bad = edit(LEVEL, "won: 5650, source: 140", "won: -5650, source: 140");
    let dir = scratch("two", &bad, FACTS);
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/01-spring-2024.ron");
    let (code, out) = check(&[&good, &dir.join("level.ron")]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("expected a positive price"))
            .count(),
        1,
        "{out}"
    );
}

/// The class's check (issue 34): a level's check card must be one of its facts and carry a
/// question of each form; a question needs four options and a right one among them.
#[test]
fn a_check_card_without_its_second_form_or_outside_the_level() {
    let bad = edit(LEVEL, r#"check: ["testimony","#, r#"check: ["bribe-3000","#);
    expect_problem(
        "check-fact",
        &bad,
        FACTS,
        "level.ron",
        line_of(LEVEL, r#"check: ["testimony","#),
        "check card `bribe-3000`: expected one of this level's `facts`",
    );
    // The testimony's form B question taken away: the level that asks about it is refused.
    let i = FACTS
        .find("(form: B, ask: (en: \"Kim Yumi told")
        .expect("form B of the testimony");
    let end = i + FACTS[i..].find("dramatic: ").unwrap();
    let end = end + FACTS[end..].find("),").unwrap() + 2;
    let facts = format!("{}{}", &FACTS[..i], &FACTS[end..]);
    expect_problem(
        "check-form",
        LEVEL,
        &facts,
        "level.ron",
        line_of(LEVEL, r#"check: ["testimony","#),
        "expected one question of form B",
    );
    let bad = edit(
        FACTS,
        "], right: 3, dramatic: 1),",
        "], right: 4, dramatic: 1),",
    );
    expect_problem(
        "check-right",
        LEVEL,
        &bad,
        "facts.ron",
        line_of(FACTS, "], right: 3, dramatic: 1),"),
        "right 4 is not one of the 4 options",
    );
}
