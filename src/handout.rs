//! The class session's paper: a one-page student handout and a one-page facilitator sheet,
//! in English and Korean, as Markdown and as printable HTML (`haeju-trader handouts`). Made
//! from the texts the game itself shows (the content notice, the debrief's questions, the
//! check's questions from the level file), so the paper says what the screen says. The
//! copies in `docs/handouts/` are checked against a fresh run by a test; the web build
//! ships the HTML beside the game. Engine-free.

use crate::i18n::Tr;
use crate::rules::{Form, Lang};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const EN: &str = include_str!("../assets/i18n/handout-en.ron");
pub const KO: &str = include_str!("../assets/i18n/handout-ko.ron");

/// The level whose check questions the facilitator sheet lists (the first session's).
const LEVEL: &str = "01";

/// A page as blocks: a heading, a paragraph, a list, a table.
enum Block {
    H1(String),
    H2(String),
    P(String),
    List(Vec<String>),
    Numbered(Vec<String>),
    Table(Vec<(String, String)>),
}

fn student(lang: Lang, tr: &Tr) -> Vec<Block> {
    let t = |k: &str| tr.get(lang, k).to_string();
    vec![
        Block::H1(format!("{} — {}", t("game.title"), t("handout.student"))),
        Block::P(t("game.tagline")),
        Block::H2(t("notice.heading")),
        Block::P(t("notice.body")),
        Block::H2(t("handout.s.play")),
        Block::List((1..=4).map(|n| t(&format!("handout.s.play{n}"))).collect()),
        Block::P(t("handout.s.code")),
        Block::H2(t("handout.s.think")),
        Block::List(
            ["debrief.q1", "debrief.q2", "debrief.q3", "debrief.q8"]
                .iter()
                .map(|k| t(k))
                .collect(),
        ),
        Block::H2(t("handout.s.after")),
        Block::P(t("handout.s.after_text")),
        Block::P(t("handout.s.private")),
    ]
}

fn facilitator(lang: Lang, tr: &Tr) -> Vec<Block> {
    let t = |k: &str| tr.get(lang, k).to_string();
    let mut check: Vec<String> = Vec::new();
    if let Ok(world) = crate::content::load_level(LEVEL) {
        let lv = world.lv();
        // Each card's two questions, form A's and form B's, with the card's answers.
        let [a, b] = [Form::A, Form::B].map(|f| crate::check::questions(&world, f, lang, tr));
        let mut views = Vec::new();
        for (qa, qb) in a.iter().zip(&b) {
            let answer = |q: &crate::check::Question| {
                q.right
                    .and_then(|r| q.options.get(r).cloned())
                    .unwrap_or_default()
            };
            // (The card and its two answers: the questions in full are the check's own
            // handout, `check-<lang>`.)
            let title = |card: &str| {
                world
                    .catalog
                    .cards
                    .iter()
                    .find(|c| c.id == card)
                    .map_or(String::new(), |c| c.title.get(lang).to_string())
            };
            check.push(match &qa.fact {
                Some(card) => tr.fmt(
                    lang,
                    "handout.f.card",
                    &[
                        ("card", title(card)),
                        ("a_answer", answer(qa)),
                        ("b_answer", answer(qb)),
                    ],
                ),
                None => {
                    if qa.truth.is_none() {
                        views.push(qa.ask.clone());
                    }
                    continue;
                }
            });
        }
        // The views in one line (a page holds it).
        check.push(tr.fmt(lang, "handout.f.views", &[("views", views.join(" · "))]));
        // The judgement task in one line: what is rated, and the rules' answers.
        let things: Vec<String> = crate::check::judge::items(lv)
            .iter()
            .map(|it| {
                tr.fmt(
                    lang,
                    "handout.f.judge_item",
                    &[
                        ("name", it.name.get(lang).to_string()),
                        (
                            "danger",
                            crate::check::judge::truth(it, "danger").to_string(),
                        ),
                        ("need", crate::check::judge::truth(it, "need").to_string()),
                    ],
                )
            })
            .collect();
        check.push(tr.fmt(lang, "handout.f.judge", &[("things", things.join(", "))]));
    }
    let mut debrief: Vec<String> = (1..=8).map(|n| t(&format!("debrief.q{n}"))).collect();
    debrief[6] = format!("{} {}", t("handout.f.optional"), debrief[6]);
    vec![
        Block::H1(format!(
            "{} — {}",
            t("game.title"),
            t("handout.facilitator")
        )),
        Block::H2(t("handout.f.plan")),
        Block::Table(
            (1..=6)
                .map(|n| {
                    (
                        t(&format!("handout.f.plan{n}.when")),
                        t(&format!("handout.f.plan{n}")),
                    )
                })
                .collect(),
        ),
        Block::H2(t("handout.f.check")),
        Block::P(t("handout.f.check_text")),
        Block::Numbered(check),
        Block::H2(t("debrief.questions")),
        Block::Numbered(debrief),
        Block::H2(t("handout.f.care")),
        Block::List((1..=4).map(|n| t(&format!("handout.f.care{n}"))).collect()),
        Block::H2(t("handout.f.after")),
        Block::P(t("handout.f.after_text")),
    ]
}

/// The check's fact questions in full, for the facilitator (not a sheet for students):
/// each level's cards, both forms, the four options with the card's answer marked, as the
/// game asks them (it adds "not sure").
fn questions(lang: Lang, tr: &Tr) -> Vec<Block> {
    let t = |k: &str| tr.get(lang, k).to_string();
    let mut out = vec![
        Block::H1(format!("{} — {}", t("game.title"), t("handout.q.title"))),
        Block::P(t("handout.q.text")),
    ];
    for file in crate::content::level_files() {
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(world) = crate::content::load_level(&name) else {
            continue;
        };
        out.push(Block::H2(world.lv().title.get(lang).to_string()));
        for form in [Form::A, Form::B] {
            let mut items = Vec::new();
            for q in crate::check::questions(&world, form, lang, tr)
                .into_iter()
                .filter(crate::check::Question::is_fact)
            {
                let options: Vec<String> = q.options[..q.options.len() - 1]
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        if Some(k) == q.right {
                            format!("{o} ({})", t("handout.q.right"))
                        } else {
                            o.clone()
                        }
                    })
                    .collect();
                items.push(format!("{} — {}", q.ask, options.join(" · ")));
            }
            out.push(Block::P(tr.fmt(
                lang,
                "handout.q.form",
                &[("form", format!("{form:?}"))],
            )));
            out.push(Block::Numbered(items));
        }
    }
    out
}

fn markdown(blocks: &[Block]) -> String {
    let mut md = String::new();
    for b in blocks {
        let _ = match b {
            Block::H1(s) => writeln!(md, "# {s}\n"),
            Block::H2(s) => writeln!(md, "## {s}\n"),
            Block::P(s) => writeln!(md, "{s}\n"),
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(md, "- {i}");
                }
                writeln!(md)
            }
            Block::Numbered(items) => {
                for (n, i) in items.iter().enumerate() {
                    let _ = writeln!(md, "{}. {i}", n + 1);
                }
                writeln!(md)
            }
            Block::Table(rows) => {
                let _ = writeln!(md, "| | |\n|---|---|");
                for (a, b) in rows {
                    let _ = writeln!(md, "| {a} | {b} |");
                }
                writeln!(md)
            }
        };
    }
    md
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A page to print on one sheet (A4 or Letter): the page's own style, no script, no font
/// from elsewhere (Korean uses the reader's own fonts).
fn html(blocks: &[Block], lang: Lang) -> String {
    let code = crate::report::lang_code(lang);
    let title = match blocks.first() {
        Some(Block::H1(s)) => esc(s),
        _ => String::new(),
    };
    let mut h = format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>\n\
         @page {{ size: A4; margin: 12mm 14mm; }}\n\
         body {{ font: 10pt/1.35 \"Noto Sans\", \"Noto Sans CJK KR\", \"NanumGothic\", \"Malgun Gothic\", sans-serif; color: #111; max-width: 180mm; margin: 0 auto; }}\n\
         h1 {{ font-size: 15pt; margin: 0 0 4pt; }}\n\
         h2 {{ font-size: 11pt; margin: 8pt 0 2pt; border-bottom: 1px solid #999; }}\n\
         p, li, td {{ margin: 2pt 0; }}\n\
         ul, ol {{ margin: 2pt 0; padding-left: 16pt; }}\n\
         table {{ border-collapse: collapse; width: 100%; }}\n\
         td {{ border-bottom: 1px solid #ddd; padding: 1pt 4pt; vertical-align: top; }}\n\
         td:first-child {{ white-space: nowrap; font-weight: bold; }}\n\
         </style>\n</head>\n<body>\n"
    );
    for b in blocks {
        let _ = match b {
            Block::H1(s) => writeln!(h, "<h1>{}</h1>", esc(s)),
            Block::H2(s) => writeln!(h, "<h2>{}</h2>", esc(s)),
            Block::P(s) => writeln!(h, "<p>{}</p>", esc(s)),
            Block::List(items) | Block::Numbered(items) => {
                let tag = if matches!(b, Block::List(_)) {
                    "ul"
                } else {
                    "ol"
                };
                let _ = write!(h, "<{tag}>");
                for i in items {
                    let _ = write!(h, "<li>{}</li>", esc(i));
                }
                writeln!(h, "</{tag}>")
            }
            Block::Table(rows) => {
                let _ = write!(h, "<table>");
                for (a, b) in rows {
                    let _ = write!(h, "<tr><td>{}</td><td>{}</td></tr>", esc(a), esc(b));
                }
                writeln!(h, "</table>")
            }
        };
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Every handout as (file name, text): `student-en.md`, `student-en.html`, … and an index
/// page that links the printable ones.
pub fn all() -> Vec<(String, String)> {
    // The game's strings and the handouts' own.
    let tr = Tr::load_with(EN, KO);
    let mut files = Vec::new();
    let mut links = String::new();
    for (name, make) in [
        ("student", student as fn(Lang, &Tr) -> Vec<Block>),
        ("facilitator", facilitator),
        ("check", questions),
    ] {
        for lang in [Lang::En, Lang::Ko] {
            let code = crate::report::lang_code(lang);
            let blocks = make(lang, &tr);
            let stem = format!("{name}-{code}");
            if let Some(Block::H1(t)) = blocks.first() {
                let _ = writeln!(links, "<li><a href=\"{stem}.html\">{}</a></li>", esc(t));
            }
            files.push((format!("{stem}.md"), markdown(&blocks)));
            files.push((format!("{stem}.html"), html(&blocks, lang)));
        }
    }
    files.push((
        "index.html".into(),
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Haeju Trader — handouts</title>\n</head>\n<body>\n\
             <h1>Haeju Trader — handouts · 유인물</h1>\n<ul>\n{links}</ul>\n\
             </body>\n</html>\n"
        ),
    ));
    files
}

/// Writes [`all`] into `dir`; returns the paths written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    all()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text)
                .map(|()| path.clone())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        })
        .collect()
}
