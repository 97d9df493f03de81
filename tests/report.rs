//! Session reports and the class summary: what a facilitator reads after a session.

mod common;
use common::*;
use haeju_trader::i18n::Tr;
use haeju_trader::report::{self, ChoiceKind, Report, Skipped};
use haeju_trader::rules::*;
use haeju_trader::save::{SAVE_VERSION, SaveFile};
use std::path::Path;
use std::process::Command;

/// Plays actions the way the game does, keeping the log of accepted ones (a save).
struct Player {
    s: GameState,
    rng: Rng,
    log: Vec<Action>,
}

impl Player {
    fn new(seed: u64) -> Player {
        let mut rng = new_rng(seed);
        let (s, _) = new_game(level1(), &mut rng);
        Player {
            s,
            rng,
            log: Vec::new(),
        }
    }

    fn act(&mut self, a: Action) -> Vec<Event> {
        let ev = apply(&mut self.s, a.clone(), &mut self.rng);
        if !matches!(ev[..], [Event::Rejected(_)]) {
            self.log.push(a);
        }
        ev
    }

    fn save(&self, seed: u64, code: Option<&str>) -> SaveFile {
        SaveFile {
            version: SAVE_VERSION,
            level: "01".into(),
            seed,
            actions: self.log.clone(),
            day_starts: vec![0],
            class_code: code.map(String::from),
            days: None,
            check: Default::default(),
            id: String::new(),
            full_intensity: false,
            reading: false,
            at: String::new(),
        }
    }
}

#[test]
fn the_report_holds_the_players_real_choices() {
    let seed = 2024;
    let mut p = Player::new(seed);
    let name = |p: &Player, id: &str| {
        let item = item_id(&p.s, id);
        let it = p.s.item(item).unwrap();
        (item, p.s.world.specs[it.spec as usize].name.en.clone())
    };
    let (birthday, birthday_name) = name(&p, "v-birthday");
    let (sunok, sunok_name) = name(&p, "c-sunok");
    p.act(Action::Delete { item: birthday });
    p.act(Action::RemoveHeart { item: sunok });
    let (home, street) = (place(&p.s.world, "home"), place(&p.s.world, "street"));
    while p.s.inspection.is_none() {
        let to = if p.s.place == home { street } else { home };
        p.act(Action::Travel { to });
        assert!(p.s.ending.is_none());
    }
    p.act(Action::Refuse);
    p.act(Action::Bribe {
        currency: Currency::Won,
        amount: 1000,
    });
    p.act(Action::HandOver);
    while p.s.ending.is_none() {
        p.act(if p.s.inspection.is_some() {
            Action::HandOver
        } else {
            Action::EndDay
        });
    }
    let tr = Tr::load();
    let save = p.save(seed, Some("MAPLE"));
    let r = report::build(&p.s.world, &save, Lang::En, &tr).expect("the save replays");
    let kinds: Vec<ChoiceKind> = r.choices.iter().map(|c| c.kind).collect();
    let find = |k: ChoiceKind| r.choices.iter().find(|c| c.kind == k);
    assert_eq!(
        find(ChoiceKind::Deleted).map(|c| &c.what),
        Some(&birthday_name)
    );
    assert_eq!(
        find(ChoiceKind::HeartRemoved).map(|c| &c.what),
        Some(&sunok_name)
    );
    assert!(kinds.contains(&ChoiceKind::Stopped), "{kinds:?}");
    assert!(kinds.contains(&ChoiceKind::Refused), "{kinds:?}");
    let refused = find(ChoiceKind::BribeRefused).expect("the refused bribe is on the timeline");
    assert_eq!((refused.won, refused.what.as_str()), (1000, "₩1,000"));
    // In the order she made them: the deletion before the stop, the stop before the bribe.
    let at = |k| kinds.iter().position(|x| *x == k).unwrap();
    assert!(at(ChoiceKind::Deleted) < at(ChoiceKind::Stopped));
    assert!(at(ChoiceKind::Stopped) < at(ChoiceKind::BribeRefused));
    assert_eq!(r.class_code, "MAPLE");
    assert_eq!(r.ending, p.s.ending.unwrap().key());
    assert!(r.finished);
    assert_eq!(r.totals.record.bribes_refused, 1);
    assert_eq!(r.totals.record.deleted, p.s.record.deleted);
    assert_eq!(r.totals.record.inspections, p.s.record.inspections);
    // The report's counters are the rules' own record, all of them.
    assert_eq!(r.totals.record, p.s.record);
    assert_eq!(r.days.len(), p.s.ledgers.len());
    // Markdown for people: the names, the code and the outcome are there to read.
    let md = r.to_markdown(&tr);
    for needle in [birthday_name.as_str(), "MAPLE", "₩1,000", &r.ending_title] {
        assert!(md.contains(needle), "{needle} missing from:\n{md}");
    }
    // JSON for tools: it reads back as the same report.
    let back = Report::from_json(&r.to_json().unwrap()).unwrap();
    assert_eq!(back, r);
    // In Korean, the report is in Korean.
    let ko = report::build(&p.s.world, &save, Lang::Ko, &tr).unwrap();
    let md = ko.to_markdown(&tr);
    assert!(md.contains("게임 기록") && md.contains("학급 코드"), "{md}");
}

#[test]
fn a_save_from_another_level_or_a_tampered_log_is_refused_not_reported() {
    let tr = Tr::load();
    let mut p = Player::new(1);
    p.act(Action::EndDay);
    let mut save = p.save(1, None);
    // An action the rules refuse at that point (no item 99999).
    save.actions.insert(0, Action::Delete { item: 99_999 });
    let err = report::build(&level1(), &save, Lang::En, &tr).unwrap_err();
    assert!(err.contains("action 1"), "{err}");
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_class_summary_counts_reports_and_saves_and_names_the_bad_files() {
    let tr = Tr::load();
    let (mut reports, mut skipped) = (Vec::new(), Vec::new());
    for f in fixtures() {
        let text = std::fs::read_to_string(&f).unwrap();
        match report::read_any(&text, Lang::En, &tr) {
            Ok(r) => reports.push(r),
            Err(why) => skipped.push(Skipped {
                file: f.file_name().unwrap().to_string_lossy().into(),
                why,
            }),
        }
    }
    // Three exported reports and one save (replayed through level 1) are read.
    assert_eq!(reports.len(), 4, "{skipped:?}");
    let skipped_files: Vec<&str> = skipped.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(
        skipped_files,
        ["5-cut-short.json", "6-notes.txt", "7-future-format.json"]
    );
    assert!(skipped[2].why.contains("format 99"), "{:?}", skipped[2]);
    let md = report::class_summary(&reports, &skipped, Lang::En, &tr);
    // Endings: the cautious player thrived, the sentimental one fed the family, the trader
    // lost the phone, the careless one was arrested (see the fixture files).
    for row in [
        "- **Players:** 4",
        "| The business thrives | 1 |",
        "| The family was fed | 1 |",
        "| The phone is gone, and the business with it | 1 |",
        "| Arrested | 1 |",
    ] {
        assert!(md.contains(row), "{row} missing:\n{md}");
    }
    // Bribes: three of four paid; the total is the sum of the files.
    let total: i64 = reports
        .iter()
        .map(|r| r.totals.record.bribes_paid_won)
        .sum();
    assert!(md.contains("| Paid at least one bribe | 3 / 4 |"), "{md}");
    assert!(md.contains(&haeju_trader::rules::won(total)), "{md}");
    // One player forwarded the news; two were caught.
    assert!(
        md.contains("| Forwarded the news at least once | 1 / 4 |"),
        "{md}"
    );
    assert!(md.contains("| Caught at least once | 2 / 4 |"), "{md}");
    assert!(
        md.contains("5-cut-short.json") && md.contains("6-notes.txt"),
        "{md}"
    );
}

#[test]
fn the_report_command_prints_the_summary_and_skips_bad_files() {
    let out = Command::new(env!("CARGO_BIN_EXE_haeju-trader"))
        .arg("report")
        .args(fixtures())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("# Class summary"), "{stdout}");
    assert_eq!(stderr.matches("skipped").count(), 3, "{stderr}");
    // Nothing readable: a clear message and a failure status, no panic.
    let bad = fixtures()
        .into_iter()
        .filter(|f| f.to_string_lossy().contains("notes"))
        .collect::<Vec<_>>();
    let out = Command::new(env!("CARGO_BIN_EXE_haeju-trader"))
        .arg("report")
        .args(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could be read"));
    let out = Command::new(env!("CARGO_BIN_EXE_haeju-trader"))
        .args(["report", "--lang", "fr", "x.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_class_code_fixes_the_days_for_the_whole_room() {
    use haeju_trader::content::{class_code, class_seed};
    // Typed differently, the same code.
    assert_eq!(class_code(" maple-7 "), Some("MAPLE7".into()));
    assert_eq!(class_seed("maple 7"), class_seed("MAPLE7"));
    // Pinned: the browser test computes the same number in JavaScript from "MAPLE7".
    assert_eq!(class_seed("MAPLE7"), Some(649_880_260_819_327_299));
    // A Korean class types its code in Hangul (issue 30).
    assert_eq!(class_code("해주 7반"), Some("해주7반".into()));
    assert!(class_seed("열쇠말").is_some());
    assert_ne!(class_seed("해주7반"), class_seed("해주8반"));
    for bad in [
        "",
        "ab",
        "열쇠",
        "much-too-long-code",
        "a!b",
        "가나다라마바사아자차카타파",
    ] {
        assert_eq!(class_seed(bad), None, "{bad:?}");
    }
    assert_ne!(class_seed("MAPLE7"), class_seed("MAPLE8"));
    // Same code, same days: two players who only hand the phone over and go home meet the
    // same prices, messages and inspectors, evening after evening.
    let seed = class_seed("MAPLE7").unwrap();
    let play = || {
        let mut rng = new_rng(seed);
        let (mut s, _) = new_game(level1(), &mut rng);
        let mut days = Vec::new();
        while s.ending.is_none() {
            days.push((s.quotes.clone(), s.phone.items.len(), s.record.inspections));
            let market = place(&s.world, "market");
            apply(&mut s, Action::Travel { to: market }, &mut rng);
            while s.inspection.is_some() {
                apply(&mut s, Action::HandOver, &mut rng);
            }
            apply(&mut s, Action::EndDay, &mut rng);
            while s.inspection.is_some() {
                apply(&mut s, Action::HandOver, &mut rng);
            }
        }
        days
    };
    assert_eq!(play(), play());
    // A shorter session: the facilitator's days end the game sooner.
    let short = haeju_trader::content::load_level_days("01", Some(5)).unwrap();
    assert_eq!(short.lv().days, 5);
    let mut rng = new_rng(seed);
    let (mut s, _) = new_game(short, &mut rng);
    let days = finish(&mut s, &mut rng);
    assert!(days <= 6 && s.ending.is_some(), "{days} days");
}

/// `report --csv`: the class as a table a spreadsheet opens, one row a readable report with
/// the file it came from, the same figures as the reports (the bad files skipped and named
/// on the terminal, as for the summary).
#[test]
fn the_report_command_gives_a_table_a_spreadsheet_opens() {
    let out = Command::new(env!("CARGO_BIN_EXE_haeju-trader"))
        .args(["report", "--csv"])
        .args(fixtures())
        .output()
        .expect("runs");
    let csv = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("skipped").count(), 3, "{stderr}");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let header = &rows[0];
    assert_eq!(header[0], "file");
    assert_eq!(rows.len(), 5, "a header and four players:\n{csv}");
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let tr = Tr::load();
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len(), "{row:?}");
        let file = fixtures()
            .into_iter()
            .find(|f| f.file_name().unwrap().to_string_lossy() == row[0])
            .expect("the row names its file");
        let text = std::fs::read_to_string(&file).unwrap();
        let r = report::read_any(&text, Lang::En, &tr).unwrap();
        assert_eq!(row[col("ending")], r.ending);
        assert_eq!(
            row[col("bribes_paid_won")],
            r.totals.record.bribes_paid_won.to_string()
        );
        assert_eq!(
            row[col("hungry_days")],
            r.totals.record.hungry_days.to_string()
        );
        assert_eq!(
            row[col("memories_deleted")],
            r.totals.record.memories_deleted.to_string()
        );
        assert_eq!(
            row[col("final_worth_won")],
            r.totals.final_worth_won.to_string()
        );
    }
}

/// The three fixtures' answers, worked out by hand (tests/fixtures/check): per question,
/// how many answered both times, and before → after (right answers, or the mean step).
#[test]
fn the_before_after_change_is_worked_out_from_known_answers() {
    let tr = Tr::load();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut class = report::Class::default();
    for k in ["a", "b", "c"] {
        let name = format!("student-{k}.ron");
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        class.add(&name, &text, Lang::En, &tr);
    }
    assert!(class.skipped.is_empty(), "{:?}", class.skipped);
    let f = class.figures(Lang::En, &tr);
    let got: Vec<(String, u32, f64, f64)> = f
        .change
        .iter()
        .map(|c| (c.id.clone(), c.paired, c.before, c.after))
        .collect();
    let want = [
        // (Each card's before question is one form, its after question the other: a and c
        // answered A then B, b B then A. Three cards were left unanswered.)
        ("fact:testimony", 0, 0.0, 0.0),
        ("fact:screenshots", 3, 1.0, 3.0),
        ("fact:auto-delete", 0, 0.0, 0.0),
        ("fact:phone-for-trade", 0, 0.0, 0.0),
        ("fact:oppa-comrade", 3, 1.0, 2.0),
        ("fact:south-style-law", 2, 0.0, 1.0),
        ("view:choices", 3, 3.0, 13.0 / 3.0),
        ("view:phone", 3, 3.0, 4.0),
        ("view:picture", 3, 4.0 / 3.0, 3.0),
        ("view:blame", 2, 4.5, 2.5),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((id, n, b, a), (wid, wn, wb, wa)) in got.iter().zip(want) {
        assert_eq!((id.as_str(), *n), (wid, wn));
        assert!(
            (b - wb).abs() < 1e-9 && (a - wa).abs() < 1e-9,
            "{id}: {b} → {a}"
        );
    }
    // The same file loaded again counts once and says nothing; the same game under another
    // name (here its report in Korean beside its save) counts once and is named.
    let text = std::fs::read_to_string(dir.join("student-a.ron")).unwrap();
    class.add("student-a.ron", &text, Lang::En, &tr);
    assert_eq!((class.reports.len(), class.skipped.len()), (3, 0));
    let korean = report::read_any(&text, Lang::Ko, &tr)
        .unwrap()
        .to_json()
        .unwrap();
    class.add("report-a.json", &korean, Lang::En, &tr);
    assert_eq!(class.reports.len(), 3);
    assert_eq!(class.skipped[0].file, "report-a.json");
    assert_eq!(class.skipped[0].why, "already loaded");
    let r = &class.reports[0].1;
    // Six cards and four views, and the judgement task's ten ratings (none answered in
    // these fixtures).
    assert_eq!(r.check.len(), 20);
    assert_eq!(
        r.check
            .iter()
            .filter(|c| c.id.starts_with("judge:"))
            .count(),
        10
    );
    // A card's row: its title, the forms in the order answered, right or not on each.
    let shots = &r.check[1];
    assert_eq!(
        (
            shots.id.as_str(),
            shots.question.as_str(),
            shots.forms.as_str()
        ),
        ("fact:screenshots", "A screenshot every five minutes", "A→B")
    );
    assert_eq!(
        (shots.before_right, shots.after_right),
        (Some(false), Some(true))
    );
    let md = r.to_markdown(&tr);
    assert!(md.contains("## Before and after"), "{md}");
    // The summary's table agrees, and the CSV counts right answers per side.
    let reports: Vec<Report> = class.reports.iter().map(|(_, r)| r.clone()).collect();
    let summary = report::class_summary(&reports, &[], Lang::En, &tr);
    assert!(summary.contains("| 2 | 0 / 2 | 1 / 2 |  |"), "{summary}");
    assert!(
        summary.contains("| 3 | 1.3 | 3.0 | 2·1·0·0·0 → 0·1·1·1·0 |"),
        "{summary}"
    );
    // A view's answers step by step: "matter for their families" was 3, 2, 4 → 4, 4, 5.
    let choices = f.change.iter().find(|c| c.id == "view:choices").unwrap();
    assert_eq!(choices.spread, [(0, 0), (1, 0), (1, 0), (1, 2), (0, 1)]);
    let csv = report::class_csv(&class.reports);
    let rows: Vec<&str> = csv.lines().collect();
    let head: Vec<&str> = rows[0].split(',').collect();
    let cell = |row: &str, name: &str| {
        let k = head.iter().position(|h| *h == name).expect(name);
        row.split(',').nth(k).unwrap_or_default().to_string()
    };
    assert_eq!(cell(rows[1], "facts_right_before"), "1", "{}", rows[1]);
    assert_eq!(cell(rows[1], "facts_right_after"), "3", "{}", rows[1]);
}

/// The handouts in docs/handouts are what the game's texts make today (regenerate with
/// `haeju-trader handouts --out docs/handouts`).
#[test]
fn the_handouts_are_made_from_the_games_own_texts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/handouts");
    let mut stale = Vec::new();
    for (name, text) in haeju_trader::handout::all() {
        if std::fs::read_to_string(dir.join(&name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/handouts is out of date ({stale:?}): run `cargo run --ignore-rust-version -- handouts --out docs/handouts`"
    );
    let tr = Tr::load();
    let student = std::fs::read_to_string(dir.join("student-ko.md")).unwrap();
    // The content notice and the debrief's questions, word for word as the game shows them.
    assert!(student.contains(tr.get(Lang::Ko, "notice.body")));
    assert!(student.contains(tr.get(Lang::Ko, "debrief.q8")));
    let sheet = std::fs::read_to_string(dir.join("facilitator-en.md")).unwrap();
    let level = haeju_trader::content::load_level("01").unwrap();
    // Each of the check's cards with both forms' answers on the sheet; the questions in
    // full in the check's own handout.
    let items = std::fs::read_to_string(dir.join("check-en.md")).unwrap();
    for card in &level.lv().check {
        let c = level.catalog.cards.iter().find(|c| &c.id == card).unwrap();
        assert_eq!(c.check.len(), 2, "{card}");
        assert!(sheet.contains(&c.title.en), "{}", c.title.en);
        for q in &c.check {
            assert!(
                sheet.contains(&q.options[q.right].en),
                "{}",
                q.options[q.right].en
            );
            assert!(items.contains(&q.ask.en), "{}", q.ask.en);
        }
    }
    assert!(sheet.contains(tr.get(Lang::En, "check.view.blame")));
}

/// A class's 5-day game played through the session layer as the window plays it: three
/// porridge evenings, one of the family's requests met and the others left. The ending, the
/// debrief's line, the Markdown report, the CSV and the class view all show the same counts,
/// in both languages.
fn porridge_game() -> haeju_trader::session::Session {
    use haeju_trader::session::Session;
    let mut s = Session::for_class("01", 0, "MAPLE7", Some(5)).expect("level 1");
    s.identify(haeju_trader::session::new_id(42), false);
    let porridge = Meals {
        grain: Grain::Porridge,
        count: 2,
    };
    let mut met = 0;
    for day in 0..5 {
        let plan = if day < 3 { porridge } else { Meals::default() };
        s.act(Action::SetMeals { meals: plan });
        s.act(Action::EndDay);
        while s.state().inspection.is_some() {
            s.act(Action::HandOver);
        }
        // The first request gets its money; every later one is left.
        if met == 0
            && let Some(&r) = s.state().home.open.first()
        {
            let ev = s.act(Action::Meet { request: r });
            assert!(!matches!(ev[..], [Event::Rejected(_)]), "{ev:?}");
            met += 1;
        }
    }
    assert!(
        s.state().last_evening,
        "day 5's evening is shown before the ending"
    );
    assert_eq!(s.state().ledgers.len(), 5);
    s.act(Action::EndDay);
    assert!(s.state().ending.is_some());
    s
}

#[test]
fn the_family_is_counted_once_and_every_output_agrees() {
    let tr = Tr::load();
    let s = porridge_game();
    let f = s.state().record.family();
    assert_eq!((f.fed, f.meagre, f.hungry), (2, 3, 0), "{f:?}");
    assert_eq!(f.met, 1, "{f:?}");
    assert!(f.not_met >= 1, "{f:?}");
    let ending = s.state().ending.unwrap();
    assert!(
        matches!(ending, Ending::FamilyFed | Ending::Thriving),
        "{ending:?}"
    );
    let save = s.save();
    for lang in [Lang::En, Lang::Ko] {
        let line = report::family_line(f, lang, &tr);
        // The words of the ending follow the evenings: not "fed day after day".
        let (title, text) = report::ending_words(ending, f, true, lang, &tr);
        assert_eq!(title, tr.get(lang, &format!("end.{}.thin", ending.key())));
        assert!(text.contains('3') && text.contains('5'), "{text}");
        assert!(
            !text.contains(tr.get(lang, "end.family_fed.text")),
            "{text}"
        );
        let (fed, meagre, hungry, not_met) = match lang {
            Lang::En => (
                "2 fed".to_string(),
                "3 meagre".to_string(),
                "0 hungry".to_string(),
                format!("{} not met", f.not_met),
            ),
            Lang::Ko => (
                "제대로 먹음 2번".to_string(),
                "적게 먹음 3번".to_string(),
                "굶음 0번".to_string(),
                format!("못 들어줌 {}개", f.not_met),
            ),
        };
        for part in [&fed, &meagre, &hungry, &not_met] {
            assert!(line.contains(part.as_str()), "{part} in {line}");
        }
        // The report, as Markdown.
        let r = report::build(&s.state().world, &save, lang, &tr).expect("report");
        assert_eq!(r.ending_title, title);
        assert_eq!(r.session, s.id());
        let md = r.to_markdown(&tr);
        for (key, n) in [
            ("report.n.fed", 2),
            ("report.n.meagre", 3),
            ("report.n.hungry", 0),
            ("report.n.met", 1),
            ("report.n.not_met", f.not_met),
        ] {
            let row = format!("| {} | {n} |", tr.get(lang, key));
            assert!(md.contains(&row), "{row} in\n{md}");
        }
        let meagre_days = md
            .lines()
            .filter(|l| l.ends_with(&format!("| {} |", tr.get(lang, "family.meagre"))))
            .count();
        assert_eq!(meagre_days, 3, "{md}");
        // The class's table.
        let csv = report::class_csv(&[("a.json".into(), r.clone())]);
        let rows: Vec<&str> = csv.lines().collect();
        let head: Vec<&str> = rows[0].split(',').collect();
        let cell = |name: &str| {
            let k = head.iter().position(|h| *h == name).expect(name);
            rows[1].split(',').nth(k).unwrap_or_default().to_string()
        };
        assert_eq!(cell("evenings_fed"), "2");
        assert_eq!(cell("evenings_meagre"), "3");
        assert_eq!(cell("hungry_days"), "0");
        assert_eq!(cell("requests_met"), "1");
        assert_eq!(cell("requests_not_met"), f.not_met.to_string());
        // The class view.
        let mut class = report::Class::default();
        class.add("a.json", &r.to_json().unwrap(), lang, &tr);
        let (total, rows) = class.figures(lang, &tr).family_page(lang, &tr);
        for part in [&fed, &meagre, &hungry] {
            assert!(total.contains(part.as_str()), "{part} in {total}");
        }
        assert_eq!(rows.map(|(_, n)| n), [0, 1, 0]);
        let summary = report::class_summary(&[r], &[], lang, &tr);
        let row = format!("| {} | 3 |", tr.get(lang, "summary.meagre"));
        assert!(summary.contains(&row), "{row} in\n{summary}");
    }
}

#[test]
fn one_game_exported_twice_is_one_student_with_the_later_answers() {
    use haeju_trader::check::Phase;
    let tr = Tr::load();
    let mut s = porridge_game();
    s.answer(Phase::Before, "view:blame", 4);
    s.finish_check(Phase::Before);
    // Exported before the check after the game, in Korean ...
    let early = report::build(&s.state().world, &s.save(), Lang::Ko, &tr).unwrap();
    s.answer(Phase::After, "view:blame", 2);
    s.finish_check(Phase::After);
    // ... and after it, in English: one game, one name.
    let late = report::build(&s.state().world, &s.save(), Lang::En, &tr).unwrap();
    assert_eq!(early.file_stem(), late.file_stem());
    assert!(
        early.file_stem().ends_with(&s.id()),
        "{}",
        early.file_stem()
    );
    for order in [[&early, &late], [&late, &early]] {
        let mut class = report::Class::default();
        class.add(
            "haeju-report-01-MAPLE7.json",
            &order[0].to_json().unwrap(),
            Lang::En,
            &tr,
        );
        class.add(
            "haeju-report-01-MAPLE7 (1).json",
            &order[1].to_json().unwrap(),
            Lang::En,
            &tr,
        );
        assert_eq!(class.reports.len(), 1, "{:?}", class.skipped);
        let kept = &class.reports[0].1;
        let blame = kept.check.iter().find(|c| c.id == "view:blame").unwrap();
        assert_eq!((blame.before, blame.after), (Some(4), Some(2)));
        assert_eq!(class.skipped.len(), 1);
        assert_eq!(class.skipped[0].why, tr.get(Lang::En, "class.earlier"));
        let f = class.figures(Lang::En, &tr);
        assert_eq!(f.players, 1);
        assert_eq!(f.bribes_total, late.totals.record.bribes_paid_won);
    }
    // Two games of the same class under the same file name are two students.
    let mut other = late.clone();
    other.session = haeju_trader::session::new_id(43);
    let mut class = report::Class::default();
    class.add("report.json", &late.to_json().unwrap(), Lang::En, &tr);
    class.add("report.json", &other.to_json().unwrap(), Lang::En, &tr);
    assert_eq!(class.reports.len(), 2);
    // A finished game continues at its ending, never at a day past its last.
    let restored = haeju_trader::session::Session::restore(&s.save(), None).unwrap();
    assert_eq!(
        restored.scene_on_continue(""),
        Some(haeju_trader::session::Scene::Ending)
    );
    assert_eq!(restored.id(), s.id());
}

/// The memories she deleted are in the report and the debrief by name, in the language of
/// the report (issue 29, point 3).
#[test]
fn the_report_names_the_memories_she_deleted() {
    use haeju_trader::session::Session;
    let tr = Tr::load();
    let mut s = Session::new("01", 9).expect("level 1");
    let item = item_id(s.state(), "p-school");
    s.act(Action::Delete { item });
    s.act(Action::EndDay);
    for (lang, name) in [
        (Lang::En, "Kwang-myong's school day"),
        (Lang::Ko, "광명이 학교 가는 날"),
    ] {
        let r = report::build(&s.state().world, &s.save(), lang, &tr).unwrap();
        assert_eq!(r.memories, vec![name.to_string()]);
        let line = tr.fmt(lang, "debrief.l.memories", &[("names", name.to_string())]);
        assert!(r.to_markdown(&tr).contains(&line), "{line}");
        // And it survives the trip through JSON (the class view reads it back).
        assert_eq!(
            Report::from_json(&r.to_json().unwrap()).unwrap().memories,
            r.memories
        );
    }
}

/// A class simulated with a known effect on one view (each student's step moves by a drawn
/// −1, 0, +1 or +2) and on the fact questions: the measures find the view's true d_z inside
/// their interval, and a class drawn with no effect gets an interval that covers zero.
/// (Issue 34: the statistic's own coverage is tested over thousands of classes in
/// `stats`.)
#[test]
fn a_simulated_class_with_a_known_effect_is_recovered_and_one_without_covers_zero() {
    use haeju_trader::check::{Row, measures};
    let tr = Tr::load();
    // A fixed, known draw: moves −1, 0, +1, +2 in the proportions 1:3:4:2 (mean 0.7, sd
    // 0.9, d_z 0.78), and for no effect −1, 0, +1 in 1:2:1 (d_z 0).
    let class = |moves: &[(i32, usize)], rights: (usize, usize)| -> Vec<Vec<Row>> {
        let mut steps = Vec::new();
        for &(m, k) in moves {
            steps.extend(std::iter::repeat_n(m, k));
        }
        steps
            .iter()
            .cycle()
            .take(steps.len() * 4)
            .enumerate()
            .map(|(i, &m)| {
                let before = 2 + (i % 2) as u8;
                let view = Row {
                    id: "view:choices".into(),
                    question: String::new(),
                    answer: String::new(),
                    before: Some(before),
                    after: Some((i32::from(before) + m) as u8),
                    before_right: None,
                    after_right: None,
                    later: None,
                    later_right: None,
                    truth: None,
                    forms: String::new(),
                };
                // Six fact questions: `rights.0` right before and `rights.1` after, for
                // every other student one more right after.
                let facts = (0..6).map(|q| Row {
                    id: format!("fact:q{q}"),
                    question: String::new(),
                    answer: String::new(),
                    before: Some(0),
                    after: Some(0),
                    before_right: Some(q < rights.0),
                    after_right: Some(q < rights.1 + i % 2),
                    later: None,
                    later_right: None,
                    truth: None,
                    forms: String::new(),
                });
                std::iter::once(view).chain(facts).collect()
            })
            .collect()
    };
    let with = class(&[(-1, 1), (0, 3), (1, 4), (2, 2)], (2, 3));
    let m = measures(with.iter().map(Vec::as_slice), Lang::En, &tr);
    let view = m.iter().find(|m| m.key == "view:choices").unwrap();
    let e = view.change.dz.expect("40 students: an effect size");
    let mean = 0.7_f64;
    let sd = ((1.0 * 1.7f64.powi(2)
        + 3.0 * 0.7f64.powi(2)
        + 4.0 * 0.3f64.powi(2)
        + 2.0 * 1.3f64.powi(2))
        / 10.0)
        .sqrt();
    let true_dz = mean / sd;
    assert_eq!(view.change.n, 40);
    assert!((view.change.mean_change - 0.7).abs() < 1e-9, "{view:?}");
    assert!(
        e.low <= true_dz && true_dz <= e.high,
        "true d_z {true_dz:.2}: {e:?}"
    );
    assert!(e.clear(), "a clear effect in 40 students: {e:?}");
    let knowledge = m.iter().find(|m| m.key == "knowledge").unwrap();
    assert!(knowledge.change.mean_change > 0.0 && knowledge.change.dz.is_some_and(|e| e.clear()));
    let without = class(&[(-1, 1), (0, 2), (1, 1)], (3, 3));
    let m = measures(without.iter().map(Vec::as_slice), Lang::En, &tr);
    let view = m.iter().find(|m| m.key == "view:choices").unwrap();
    let e = view.change.dz.expect("16 students: an effect size");
    assert!(e.low <= 0.0 && 0.0 <= e.high, "no effect: {e:?}");
    // Every output of the class agrees with the measures: the summary's table, the CSV.
    let mut f = report::Figures::default();
    f.measures = measures(with.iter().map(Vec::as_slice), Lang::En, &tr);
    let csv = report::effects_csv(&f);
    println!("{csv}");
    assert!(
        csv.starts_with("measure,pairs,mean_before,mean_after,mean_change,sd_change,d_z,d_z_low,d_z_high,improved,same,worse\n"),
        "{csv}"
    );
    let row = csv
        .lines()
        .find(|l| l.starts_with("view:choices,"))
        .unwrap();
    assert!(row.starts_with("view:choices,40,"), "{row}");
    assert!(row.contains(&format!("{:.3}", e_with(&f))), "{row}");
    // In plain words (the summary's): the class with the effect very likely changed; the
    // one without cannot tell.
    let plain = report::plain_words(&f, Lang::En, &tr).join("\n");
    assert!(
        plain.contains(
            "40 students answered before and after; the class went from 2.5 to 3.2. A medium change"
        ) && plain.contains("leaves out 0, so this class very likely did change"),
        "{plain}"
    );
    f.measures = measures(without.iter().map(Vec::as_slice), Lang::En, &tr);
    let plain = report::plain_words(&f, Lang::En, &tr).join("\n");
    assert!(
        plain.contains("includes 0: the check cannot tell whether this class changed"),
        "{plain}"
    );
}

fn e_with(f: &report::Figures) -> f64 {
    f.measures
        .iter()
        .find(|m| m.key == "view:choices")
        .and_then(|m| m.change.dz)
        .map_or(f64::NAN, |e| e.d)
}

/// The reading arm in the class view (issue 34, point 5): readers' reports count only in
/// the check, as an arm of their own beside the players'; the players' change minus the
/// readers' comes with Welch's 95 % interval from ten in each arm.
#[test]
fn the_reading_arm_is_compared_with_the_players() {
    use haeju_trader::stats::{difference, paired};
    let tr = Tr::load();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut class = report::Class::default();
    for k in ["a", "b", "c"] {
        let name = format!("student-{k}.ron");
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        class.add(&name, &text, Lang::En, &tr);
        // The same answers from a reader: another game, read instead of played.
        let mut r = report::read_any(&text, Lang::En, &tr).unwrap();
        r.session = format!("reader{k}");
        r.reading = true;
        class.add(
            &format!("reader-{k}.json"),
            &r.to_json().unwrap(),
            Lang::En,
            &tr,
        );
    }
    assert!(class.skipped.is_empty(), "{:?}", class.skipped);
    let f = class.figures(Lang::En, &tr);
    assert_eq!((f.players, f.readers), (3, 3), "readers are not games");
    let play = f.measures.iter().find(|m| m.key == "knowledge").unwrap();
    let read = f.reading.iter().find(|m| m.key == "knowledge").unwrap();
    assert_eq!((play.change.n, read.change.n), (3, 3));
    assert_eq!(play.change.mean_change, read.change.mean_change);
    let lines = report::reading_lines(play, &f, Lang::En, &tr);
    assert!(
        lines[0].starts_with("Reading instead of playing: 3 answered both times"),
        "{lines:?}"
    );
    assert!(lines[1].contains("fewer than 10 in an arm"), "{lines:?}");
    let csv = report::effects_csv(&f);
    assert!(csv.contains("\nread:knowledge,3,"), "{csv}");
    let md = report::class_summary(
        &class
            .reports
            .iter()
            .map(|(_, r)| r.clone())
            .collect::<Vec<_>>(),
        &[],
        Lang::En,
        &tr,
    );
    assert!(md.contains("### Playing and reading compared"), "{md}");
    // Welch's interval, worked by hand: changes +1 ×10 and 0 ×10 against 0 ×10 and +1 ×5
    // and -1 ×5 give 0.5 − 0 = 0.5, se √(0.263/20 + 0.526/20) = 0.199, df 34 (t 2.032):
    // 0.5 ± 0.40.
    let a: Vec<(f64, f64)> = (0..20)
        .map(|i| (0.0, if i < 10 { 1.0 } else { 0.0 }))
        .collect();
    let b: Vec<(f64, f64)> = (0..20)
        .map(|i| {
            (
                0.0,
                [0.0, 1.0, -1.0][usize::from(i >= 10) + usize::from(i >= 15)],
            )
        })
        .collect();
    let e = difference(&paired(&a), &paired(&b)).expect("twenty in each arm");
    assert!((e.d - 0.5).abs() < 1e-9, "{e:?}");
    assert!(
        (e.high - e.low - 2.0 * 2.032 * 0.1986).abs() < 0.01,
        "{e:?}"
    );
    assert!(e.low > 0.0, "an interval that leaves out 0: {e:?}");
    // Fewer than ten in an arm: no interval to quote.
    assert_eq!(difference(&paired(&a[..9]), &paired(&b)), None);
}
