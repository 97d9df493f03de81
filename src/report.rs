//! The session report: what one player did, worked out by replaying her save through the
//! rules (so it holds her real choices, not a summary the screens kept), written as
//! Markdown for people and JSON for tools; and the class summary a facilitator projects,
//! made from many reports or saves. Engine-free: the command line and both game builds
//! use the same code.

use crate::i18n::Tr;
use crate::rules::*;
use crate::save::SaveFile;
use crate::session::{Observer, replay};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// Bumped when a field changes meaning; readers accept this format only.
pub const REPORT_FORMAT: u32 = 1;

/// One choice on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceKind {
    Stopped,
    HandedOver,
    Talked,
    Refused,
    Paid,
    BribeRefused,
    Consequence,
    Kept,
    Deleted,
    Forwarded,
    NewsDeleted,
    HeartRemoved,
    Renamed,
    MovedToSd,
    MovedToPhone,
    SdHidden,
    TraceWiped,
    Converted,
    PhoneBought,
}

impl ChoiceKind {
    pub fn key(self) -> &'static str {
        match self {
            ChoiceKind::Stopped => "stopped",
            ChoiceKind::HandedOver => "handed_over",
            ChoiceKind::Talked => "talked",
            ChoiceKind::Refused => "refused",
            ChoiceKind::Paid => "paid",
            ChoiceKind::BribeRefused => "bribe_refused",
            ChoiceKind::Consequence => "consequence",
            ChoiceKind::Kept => "kept",
            ChoiceKind::Deleted => "deleted",
            ChoiceKind::Forwarded => "forwarded",
            ChoiceKind::NewsDeleted => "news_deleted",
            ChoiceKind::HeartRemoved => "heart_removed",
            ChoiceKind::Renamed => "renamed",
            ChoiceKind::MovedToSd => "moved_to_sd",
            ChoiceKind::MovedToPhone => "moved_to_phone",
            ChoiceKind::SdHidden => "sd_hidden",
            ChoiceKind::TraceWiped => "trace_wiped",
            ChoiceKind::Converted => "converted",
            ChoiceKind::PhoneBought => "phone_bought",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// 1-based day of the level.
    pub day: u16,
    /// "HH:MM".
    pub time: String,
    pub kind: ChoiceKind,
    /// What it was about (an item's name, an inspector and a place, an amount).
    pub what: String,
    /// Money involved, in won (0 when none).
    #[serde(default)]
    pub won: i64,
}

/// One evening's ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayRow {
    pub day: u16,
    pub date: String,
    pub net_worth_won: i64,
    pub sales_won: i64,
    pub purchases_won: i64,
    pub food_won: i64,
    pub bribes_won: i64,
    pub fines_won: i64,
    pub hungry: bool,
    /// How the family ate: `fed`, `meagre` or `hungry` (see [`meal_key`]).
    #[serde(default)]
    pub meal: String,
    pub items: u16,
    pub risky_items: u16,
    pub screenshots: u16,
}

/// Her counters as the rules kept them, and where she ended.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    #[serde(flatten)]
    pub record: Record,
    pub final_worth_won: i64,
    pub risky_items_at_end: u32,
}

impl Totals {
    pub fn of(s: &GameState) -> Totals {
        Totals {
            record: s.record,
            final_worth_won: s.net_worth(),
            risky_items_at_end: s.risky_items() as u32,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: u32,
    pub game: String,
    /// The game's identity (random, anonymous; empty in reports older than it): every
    /// export of one game carries the same, so a class counts it once.
    #[serde(default)]
    pub session: String,
    pub level: String,
    pub level_title: String,
    /// Empty when the game was not started with a class code.
    pub class_code: String,
    pub seed: u64,
    /// The language the texts of this report are in ("en" or "ko").
    pub lang: String,
    pub days_in_level: u32,
    pub days_played: u32,
    pub finished: bool,
    /// The ending's key (`thriving`, `phone_lost` ...), or `unfinished`.
    pub ending: String,
    pub ending_title: String,
    pub choices: Vec<Choice>,
    pub days: Vec<DayRow>,
    pub totals: Totals,
    /// The before/after check, one row a question (empty when it was not taken).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<crate::check::Row>,
}

/// "en" or "ko", as reports write it.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ko => "ko",
    }
}

/// A minute of the day as the clock shows it: 07:05.
pub fn clock(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// An item's name as the phone shows it (the player's rename, else the level's name).
fn item_name(s: &GameState, id: u32, lang: Lang) -> Option<String> {
    let it = s.item(id)?;
    Some(match &it.renamed {
        Some(t) => t.get(lang).to_string(),
        None => s.world.specs[it.spec as usize].name.get(lang).to_string(),
    })
}

fn action_item(a: &Action) -> Option<u32> {
    match a {
        Action::Call { contact } => Some(*contact),
        Action::Read { item }
        | Action::Delete { item }
        | Action::Rename { item, .. }
        | Action::RemoveHeart { item }
        | Action::MoveToSd { item }
        | Action::MoveToInternal { item }
        | Action::RepairConvert { item }
        | Action::Forward { item }
        | Action::Keep { item } => Some(*item),
        _ => None,
    }
}

/// The translation key of a step of the consequence ladder.
pub fn consequence_key(c: Consequence) -> &'static str {
    match c {
        Consequence::Warning => "cons.warning",
        Consequence::ForcedDeletion => "cons.deletion",
        Consequence::Confiscation => "cons.confiscation",
        Consequence::Fine => "cons.fine",
        Consequence::CriticismSession => "cons.criticism",
        Consequence::Arrest => "cons.arrest",
    }
}

/// Writes down her choices as a replay goes: what each action was about is read before it
/// is applied (a deleted item is gone after).
struct Timeline<'a> {
    lang: Lang,
    tr: &'a Tr,
    choices: Vec<Choice>,
    /// Before the action: 1-based day, minute, the name of the item it is about, whether
    /// that item was news waiting for an answer.
    day: u16,
    minute: u16,
    name: String,
    was_news: bool,
}

impl Observer for Timeline<'_> {
    fn before(&mut self, s: &GameState, a: &Action) {
        let target = action_item(a);
        self.day = s.day + 1;
        self.minute = s.minute;
        self.name = target
            .and_then(|id| item_name(s, id, self.lang))
            .unwrap_or_default();
        self.was_news = target
            .and_then(|id| s.item(id))
            .is_some_and(|it| it.pending_info.is_some());
    }

    fn after(&mut self, s: &GameState, a: &Action, ev: &[Event]) {
        let (day, minute, lang, tr) = (self.day, self.minute, self.lang, self.tr);
        let (name, was_news) = (&self.name, self.was_news);
        let choices = &mut self.choices;
        let mut push = |kind, what: String, won: i64| {
            choices.push(Choice {
                day,
                time: clock(minute),
                kind,
                what,
                won,
            })
        };
        match a {
            Action::HandOver => push(ChoiceKind::HandedOver, String::new(), 0),
            Action::Talk => push(ChoiceKind::Talked, String::new(), 0),
            Action::Refuse => push(ChoiceKind::Refused, String::new(), 0),
            _ => {}
        }
        for e in ev {
            match *e {
                Event::Stopped { inspector, place } => {
                    let lv = s.lv();
                    let who = lv.inspectors[inspector as usize].name.get(lang);
                    let at = lv.places[place as usize].name.get(lang);
                    push(ChoiceKind::Stopped, format!("{who} · {at}"), 0);
                }
                Event::BribeAccepted { currency, amount } => push(
                    ChoiceKind::Paid,
                    money(currency, amount),
                    s.to_won(currency, amount),
                ),
                Event::BribeRefused { currency, amount } => push(
                    ChoiceKind::BribeRefused,
                    money(currency, amount),
                    s.to_won(currency, amount),
                ),
                Event::Consequence(c) => push(
                    ChoiceKind::Consequence,
                    tr.get(lang, consequence_key(c)).into(),
                    0,
                ),
                Event::Forwarded { .. } => push(ChoiceKind::Forwarded, name.clone(), 0),
                Event::Kept { .. } => push(ChoiceKind::Kept, name.clone(), 0),
                Event::Deleted { .. } if was_news => push(ChoiceKind::NewsDeleted, name.clone(), 0),
                Event::Deleted { .. } => push(ChoiceKind::Deleted, name.clone(), 0),
                Event::HeartRemoved { .. } => push(ChoiceKind::HeartRemoved, name.clone(), 0),
                Event::Renamed { item } => {
                    let new = item_name(s, item, lang).unwrap_or_default();
                    push(ChoiceKind::Renamed, format!("{name} → {new}"), 0)
                }
                Event::Moved { .. } => {
                    let kind = if matches!(a, Action::MoveToSd { .. }) {
                        ChoiceKind::MovedToSd
                    } else {
                        ChoiceKind::MovedToPhone
                    };
                    push(kind, name.clone(), 0)
                }
                Event::SdHidden(true) => push(ChoiceKind::SdHidden, String::new(), 0),
                Event::TraceWiped { shots, won } => {
                    push(ChoiceKind::TraceWiped, shots.to_string(), won)
                }
                Event::Converted { won, .. } => push(ChoiceKind::Converted, name.clone(), won),
                Event::PhoneBought { currency, paid } => push(
                    ChoiceKind::PhoneBought,
                    money(currency, paid),
                    s.to_won(currency, paid),
                ),
                _ => {}
            }
        }
    }
}

/// "fed", "meagre" or "hungry": an evening as reports and tables name it.
pub fn meal_key(m: Meal) -> &'static str {
    match m {
        Meal::Fed => "fed",
        Meal::AteLittle => "meagre",
        Meal::WentWithout => "hungry",
    }
}

/// The ending's title and words, which follow the family's evenings: a family that got
/// through on porridge was not "fed day after day". `gentle` picks the text that names
/// harm instead of describing it. The ending screen, the debrief and the reports all use it.
pub fn ending_words(
    e: Ending,
    f: FamilyCount,
    gentle: bool,
    lang: Lang,
    tr: &Tr,
) -> (String, String) {
    let mut key = format!("end.{}", e.key());
    if matches!(e, Ending::Thriving | Ending::FamilyFed) && !f.always_fed() {
        key.push_str(".thin");
    }
    let full = format!("{key}.text.full");
    let text = if !gentle && tr.has(&full) {
        tr.fmt(lang, &full, &family_args(f))
    } else {
        tr.fmt(lang, &format!("{key}.text"), &family_args(f))
    };
    (tr.get(lang, &key).to_string(), text)
}

fn family_args(f: FamilyCount) -> [(&'static str, String); 6] {
    [
        ("fed", f.fed.to_string()),
        ("meagre", f.meagre.to_string()),
        ("hungry", f.hungry.to_string()),
        ("evenings", f.evenings().to_string()),
        ("met", f.met.to_string()),
        ("not_met", f.not_met.to_string()),
    ]
}

/// The family's evenings and requests in one line, the same words on every screen and
/// report: "Evenings: 2 fed, 3 meagre, 0 hungry · Requests: 1 met, 1 not met".
pub fn family_line(f: FamilyCount, lang: Lang, tr: &Tr) -> String {
    tr.fmt(lang, "family.line", &family_args(f))
}

/// Replays a save through the rules (the same replay as Continue) and writes down what she
/// chose.
pub fn build(world: &Arc<World>, save: &SaveFile, lang: Lang, tr: &Tr) -> Result<Report, String> {
    let mut timeline = Timeline {
        lang,
        tr,
        choices: Vec::new(),
        day: 0,
        minute: 0,
        name: String::new(),
        was_news: false,
    };
    let session = replay(world.clone(), save, save.actions.len(), &mut timeline)?;
    let s = &session.state;
    let choices = timeline.choices;
    let lv = s.lv();
    let days = s
        .ledgers
        .iter()
        .map(|l| DayRow {
            day: l.day + 1,
            date: lv.start.plus_days(l.day as i32).to_string(),
            net_worth_won: l.net_worth,
            sales_won: l.sales,
            purchases_won: l.purchases,
            food_won: l.food,
            bribes_won: l.bribes,
            fines_won: l.fines,
            hungry: l.hungry,
            meal: meal_key(l.meal).into(),
            items: l.items,
            risky_items: l.risky_items,
            screenshots: l.trace,
        })
        .collect();
    let (ending, ending_title) = match s.ending {
        Some(e) => (
            e.key().to_string(),
            ending_words(e, s.record.family(), true, lang, tr).0,
        ),
        None => (
            "unfinished".into(),
            tr.get(lang, "report.unfinished").to_string(),
        ),
    };
    Ok(Report {
        format: REPORT_FORMAT,
        game: "haeju-trader".into(),
        session: save.id.clone(),
        level: save.level.clone(),
        level_title: lv.title.get(lang).to_string(),
        class_code: save.class_code.clone().unwrap_or_default(),
        seed: save.seed,
        lang: lang_code(lang).into(),
        days_in_level: lv.days,
        // The day she was on when it ended counts, evening or not.
        days_played: (s.day as u32 + 1).min(lv.days).max(s.ledgers.len() as u32),
        finished: s.ending.is_some(),
        ending,
        ending_title,
        choices,
        days,
        totals: Totals::of(s),
        check: crate::check::rows(lv, &save.check, lang, tr),
    })
}

impl Report {
    /// A file name without extension: level, class code (or seed) and the game's identity,
    /// so that a second export of one game replaces the first and two games never share a
    /// name.
    pub fn file_stem(&self) -> String {
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        };
        let code = clean(&self.class_code);
        let mut stem = if code.is_empty() {
            format!("haeju-report-{}-{}", self.level, self.seed)
        } else {
            format!("haeju-report-{}-{code}", self.level)
        };
        let id = clean(&self.session);
        if !id.is_empty() {
            stem = format!("{stem}-{id}");
        }
        stem
    }

    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string_pretty(self).map_err(|e| e.to_string())
    }

    /// Reads a report written by [`Report::to_json`].
    pub fn from_json(text: &str) -> Result<Report, String> {
        let r: Report = serde_json::from_str(text).map_err(|e| format!("not a report ({e})"))?;
        if r.game != "haeju-trader" {
            return Err(format!("not a Haeju Trader report (game `{}`)", r.game));
        }
        if r.format != REPORT_FORMAT {
            return Err(format!(
                "report format {} (this version reads format {REPORT_FORMAT})",
                r.format
            ));
        }
        Ok(r)
    }

    /// Whether two reports are of the same game, whatever their language: the same level,
    /// seed and class, the same evenings, choices, totals, ending and check answers (a save
    /// and the report made from it, or a report exported twice).
    pub fn same_game(&self, other: &Report) -> bool {
        let answers = |r: &Report| -> Vec<(String, Option<u8>, Option<u8>)> {
            r.check
                .iter()
                .map(|c| (c.id.clone(), c.before, c.after))
                .collect()
        };
        let choices = |r: &Report| -> Vec<(u16, String, ChoiceKind, i64)> {
            r.choices
                .iter()
                .map(|c| (c.day, c.time.clone(), c.kind, c.won))
                .collect()
        };
        self.level == other.level
            && self.seed == other.seed
            && self.class_code == other.class_code
            && self.ending == other.ending
            && self.days == other.days
            && self.totals == other.totals
            && choices(self) == choices(other)
            && answers(self) == answers(other)
    }

    /// Two exports of one game: the same identity (made when the game started).
    pub fn same_session(&self, other: &Report) -> bool {
        !self.session.is_empty() && self.session == other.session
    }

    /// How far a game had come when this was exported: a game only moves forward, so of
    /// two exports of it the one further on is the later (whatever the files' names).
    pub fn progress(&self) -> (bool, u32, usize, usize, usize) {
        let answered = |after: bool| {
            self.check
                .iter()
                .filter(|c| if after { c.after } else { c.before }.is_some())
                .count()
        };
        (
            self.finished,
            self.days_played,
            self.choices.len(),
            answered(false),
            answered(true),
        )
    }

    fn lang(&self) -> Lang {
        if self.lang == "ko" {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    /// The report for people to read, in the report's language.
    pub fn to_markdown(&self, tr: &Tr) -> String {
        let lang = self.lang();
        let t = |k: &str| tr.get(lang, k).to_string();
        let mut md = String::new();
        let _ = writeln!(md, "# {} — {}\n", t("report.title"), self.level_title);
        let rows = [
            (
                t("report.level"),
                format!("{} ({})", self.level_title, self.level),
            ),
            (
                t("report.class_code"),
                if self.class_code.is_empty() {
                    "—".into()
                } else {
                    self.class_code.clone()
                },
            ),
            (t("report.seed"), self.seed.to_string()),
            (
                t("report.days"),
                format!("{} / {}", self.days_played, self.days_in_level),
            ),
            (t("report.ending"), self.ending_title.clone()),
        ];
        for (k, v) in rows {
            let _ = writeln!(md, "- **{k}:** {v}");
        }
        let tt = &self.totals.record;
        let _ = writeln!(md, "\n## {}\n", t("report.numbers"));
        let nums = [
            ("report.n.inspections", tt.inspections.to_string()),
            ("report.n.caught", tt.caught.to_string()),
            ("report.n.bribes", won(tt.bribes_paid_won)),
            ("report.n.bribes_refused", tt.bribes_refused.to_string()),
            ("report.n.fines", won(tt.fines_won)),
            ("report.n.confiscated", tt.items_confiscated.to_string()),
            ("report.n.phones_lost", tt.phones_lost.to_string()),
            ("report.n.deleted", tt.deleted.to_string()),
            ("report.n.auto_deleted", tt.auto_deleted.to_string()),
            ("report.n.forwarded", tt.forwarded.to_string()),
            ("report.n.kept", tt.news_kept.to_string()),
            ("report.n.wipes", tt.trace_wipes.to_string()),
            ("report.n.fed", tt.evenings_fed.to_string()),
            ("report.n.meagre", tt.evenings_meagre.to_string()),
            ("report.n.hungry", tt.hungry_days.to_string()),
            ("report.n.met", tt.requests_met.to_string()),
            ("report.n.not_met", tt.requests_missed.to_string()),
            (
                "report.n.risky_end",
                self.totals.risky_items_at_end.to_string(),
            ),
            ("report.n.worth", won(self.totals.final_worth_won)),
        ];
        let _ = writeln!(md, "| | |\n|---|---:|");
        for (k, v) in nums {
            let _ = writeln!(md, "| {} | {v} |", t(k));
        }
        let _ = writeln!(md, "\n## {}\n", t("report.timeline"));
        if self.choices.is_empty() {
            let _ = writeln!(md, "{}", t("report.no_choices"));
        } else {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |\n|---:|---|---|---|",
                t("report.col.day"),
                t("report.col.time"),
                t("report.col.choice"),
                t("report.col.what")
            );
            for c in &self.choices {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    c.day,
                    c.time,
                    t(&format!("report.k.{}", c.kind.key())),
                    c.what.replace('|', "/")
                );
            }
        }
        let _ = writeln!(md, "\n## {}\n", t("report.by_day"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |\n|---:|---|---:|---:|---:|---:|---|",
            t("report.col.day"),
            t("report.col.date"),
            t("report.col.worth"),
            t("report.col.bribes"),
            t("report.col.risky"),
            t("report.col.shots"),
            t("report.col.meal")
        );
        for d in &self.days {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} |",
                d.day,
                d.date,
                won(d.net_worth_won),
                won(d.bribes_won),
                d.risky_items,
                d.screenshots,
                match d.meal.as_str() {
                    "" if d.hungry => t("family.hungry"),
                    "" => String::new(),
                    m => t(&format!("family.{m}")),
                }
            );
        }
        if !self.check.is_empty() {
            let _ = writeln!(md, "\n## {}\n", t("check.report"));
            let _ = writeln!(
                md,
                "| {} | {} | {} |\n|---|---|---|",
                t("check.col.question"),
                t("check.before"),
                t("check.after")
            );
            for r in &self.check {
                let cell = |a: Option<u8>, right: Option<bool>| match (a, right) {
                    (None, _) => "—".to_string(),
                    (Some(_), Some(true)) => t("check.right"),
                    (Some(_), Some(false)) => t("check.wrong"),
                    (Some(a), None) => format!("{a} / {}", crate::check::SCALE),
                };
                let q = if r.answer.is_empty() {
                    r.question.clone()
                } else {
                    format!("{} ({})", r.question, r.answer)
                };
                let _ = writeln!(
                    md,
                    "| {} | {} | {} |",
                    q.replace('|', "/"),
                    cell(r.before, r.before_right),
                    cell(r.after, r.after_right)
                );
            }
        }
        let _ = writeln!(md, "\n{}", t("report.footer"));
        md
    }
}

/// A file the class summary could not use, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub file: String,
    pub why: String,
}

/// Reads one exported report (`.json`) or save (`.ron`): a save is replayed through its
/// level to make the report.
pub fn read_any(text: &str, lang: Lang, tr: &Tr) -> Result<Report, String> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err("empty, or it could not be read".into());
    }
    if trimmed.starts_with('{') {
        return Report::from_json(text);
    }
    let save = SaveFile::parse(text)
        .map_err(|e| format!("neither a Haeju Trader report nor a save: {e}"))?;
    let world = crate::content::load_level_days(&save.level, save.days).map_err(|p| {
        format!(
            "its level `{}` cannot be loaded ({})",
            save.level,
            p.first().map(|p| p.to_string()).unwrap_or_default()
        )
    })?;
    build(&world, &save, lang, tr)
}

fn median(mut v: Vec<i64>) -> i64 {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// The class as a table a spreadsheet opens (`report --csv`): a header, then one row a
/// report, in the order given, with the file it came from. Column names are English and
/// stable (a facilitator's formulas keep working); texts are quoted where CSV needs it.
pub fn class_csv(reports: &[(String, Report)]) -> String {
    fn cell(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    let mut csv = String::from(
        "file,class_code,level,seed,days_played,finished,ending,bribes_paid_won,bribes_offered,\
         inspections,caught,items_confiscated,phones_lost,hungry_days,meals_skipped,\
         items_deleted,auto_deleted,memories_deleted,news_kept,news_deleted,forwarded,\
         risky_items_at_end,final_worth_won,facts_right_before,facts_right_after,\
         session,evenings_fed,evenings_meagre,requests_met,requests_not_met\n",
    );
    for (file, r) in reports {
        let t = &r.totals;
        let c = &t.record;
        let row = [
            cell(file),
            cell(&r.class_code),
            cell(&r.level),
            r.seed.to_string(),
            r.days_played.to_string(),
            r.finished.to_string(),
            cell(&r.ending),
            c.bribes_paid_won.to_string(),
            c.bribes_offered.to_string(),
            c.inspections.to_string(),
            c.caught.to_string(),
            c.items_confiscated.to_string(),
            c.phones_lost.to_string(),
            c.hungry_days.to_string(),
            c.meals_skipped.to_string(),
            c.deleted.to_string(),
            c.auto_deleted.to_string(),
            c.memories_deleted.to_string(),
            c.news_kept.to_string(),
            c.news_deleted.to_string(),
            c.forwarded.to_string(),
            t.risky_items_at_end.to_string(),
            t.final_worth_won.to_string(),
            right_count(&r.check, |c| c.before_right),
            right_count(&r.check, |c| c.after_right),
            cell(&r.session),
            c.evenings_fed.to_string(),
            c.evenings_meagre.to_string(),
            c.requests_met.to_string(),
            c.requests_missed.to_string(),
        ];
        csv += &row.join(",");
        csv.push('\n');
    }
    csv
}

/// How many fact questions were right (empty when the check was not taken that time).
fn right_count(
    rows: &[crate::check::Row],
    side: impl Fn(&crate::check::Row) -> Option<bool>,
) -> String {
    let asked: Vec<bool> = rows.iter().filter_map(&side).collect();
    if asked.is_empty() {
        String::new()
    } else {
        asked.iter().filter(|r| **r).count().to_string()
    }
}

/// The figures of a class, worked out once for the summary (`report`), the table and the
/// class view on screen, so that the three agree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub players: usize,
    /// Level titles in the chosen language (as reported when the level is not here).
    pub levels: Vec<String>,
    pub codes: Vec<String>,
    /// (ending key, title, how many), in the order of [`ENDINGS`], unfinished last.
    pub endings: Vec<(String, String, u32)>,
    /// Per report, in the order loaded.
    pub bribes: Vec<i64>,
    /// Each family's evenings and requests, as the rules counted them.
    pub family: Vec<FamilyCount>,
    pub hungry: Vec<u32>,
    pub deleted: Vec<u32>,
    pub memories: Vec<u32>,
    pub paid: usize,
    pub bribes_total: i64,
    pub bribes_median: i64,
    pub caught: usize,
    pub forwarded: usize,
    pub kept_news: i64,
    pub risky_end: i64,
    pub change: Vec<crate::check::Change>,
}

impl Figures {
    pub fn of(reports: &[&Report], lang: Lang, tr: &Tr) -> Figures {
        // Each level the class played, read once (None: not here).
        let mut here: BTreeMap<&str, Option<Arc<World>>> = BTreeMap::new();
        for r in reports {
            here.entry(r.level.as_str())
                .or_insert_with(|| crate::content::load_level(&r.level).ok());
        }
        let mut levels: Vec<String> = reports
            .iter()
            .map(|r| match &here[r.level.as_str()] {
                Some(w) => w.lv().title.get(lang).to_string(),
                None => r.level_title.clone(),
            })
            .collect();
        levels.sort();
        levels.dedup();
        let mut codes: Vec<String> = reports
            .iter()
            .map(|r| r.class_code.clone())
            .filter(|c| !c.is_empty())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // Each ending as its player saw it: "The family got by" apart from "The family was
        // fed" (the ending's words follow the evenings).
        let mut endings: BTreeMap<(usize, String), (String, u32)> = BTreeMap::new();
        for r in reports {
            let order = ENDINGS
                .iter()
                .position(|e| e.key() == r.ending)
                .unwrap_or(ENDINGS.len());
            let (key, title) = match ENDINGS.get(order) {
                Some(&e) => {
                    let family = r.totals.record.family();
                    let (title, _) = ending_words(e, family, true, lang, tr);
                    let thin = title != tr.get(lang, &format!("end.{}", e.key()));
                    let key = if thin {
                        format!("{}.thin", e.key())
                    } else {
                        e.key().to_string()
                    };
                    (key, title)
                }
                None => (
                    "unfinished".to_string(),
                    tr.get(lang, "report.unfinished").to_string(),
                ),
            };
            endings.entry((order, key)).or_insert((title, 0)).1 += 1;
        }
        let endings = endings
            .into_iter()
            .map(|((_, key), (title, n))| (key, title, n))
            .collect();
        let bribes: Vec<i64> = reports
            .iter()
            .map(|r| r.totals.record.bribes_paid_won)
            .collect();
        let count = |f: fn(&Report) -> bool| reports.iter().filter(|r| f(r)).count();
        Figures {
            players: reports.len(),
            levels,
            codes,
            endings,
            paid: bribes.iter().filter(|b| **b > 0).count(),
            bribes_total: bribes.iter().sum(),
            bribes_median: median(bribes.clone()),
            bribes,
            family: reports.iter().map(|r| r.totals.record.family()).collect(),
            hungry: reports
                .iter()
                .map(|r| r.totals.record.hungry_days)
                .collect(),
            deleted: reports.iter().map(|r| r.totals.record.deleted).collect(),
            memories: reports
                .iter()
                .map(|r| r.totals.record.memories_deleted)
                .collect(),
            caught: count(|r| r.totals.record.caught > 0),
            forwarded: count(|r| r.totals.record.forwarded > 0),
            kept_news: reports
                .iter()
                .map(|r| i64::from(r.totals.record.news_kept))
                .sum(),
            risky_end: reports
                .iter()
                .map(|r| i64::from(r.totals.risky_items_at_end))
                .sum(),
            change: class_change(reports, &here, lang, tr),
        }
    }
}

impl Figures {
    /// The class view's page on the family's evenings: the class's evenings in one line,
    /// then how many students' families were fed every evening, had meagre evenings but
    /// never a hungry one, and went hungry at least once.
    pub fn family_page(&self, lang: Lang, tr: &Tr) -> (String, [(String, usize); 3]) {
        let sum = |f: fn(&FamilyCount) -> u32| self.family.iter().map(f).sum::<u32>().to_string();
        let total = tr.fmt(
            lang,
            "class.fam.total",
            &[
                ("fed", sum(|x| x.fed)),
                ("meagre", sum(|x| x.meagre)),
                ("hungry", sum(|x| x.hungry)),
            ],
        );
        let count = |f: fn(&FamilyCount) -> bool| self.family.iter().filter(|x| f(x)).count();
        let rows = [
            (
                tr.get(lang, "class.fam.fed").to_string(),
                // (A game not yet played to its first evening is in no row.)
                count(|x| x.evenings() > 0 && x.always_fed()),
            ),
            (
                tr.get(lang, "class.fam.meagre").to_string(),
                count(|x| x.meagre > 0 && x.hungry == 0),
            ),
            (
                tr.get(lang, "class.fam.hungry").to_string(),
                count(|x| x.hungry > 0),
            ),
        ];
        (total, rows)
    }
}

/// The before/after change, each question in the chosen language where its level is here.
fn class_change(
    reports: &[&Report],
    here: &BTreeMap<&str, Option<Arc<World>>>,
    lang: Lang,
    tr: &Tr,
) -> Vec<crate::check::Change> {
    let mut change = crate::check::class_change(reports.iter().map(|r| r.check.as_slice()));
    for c in &mut change {
        let level = reports
            .iter()
            .find(|r| r.check.iter().any(|row| row.id == c.id))
            .and_then(|r| here.get(r.level.as_str()).cloned().flatten());
        if let Some(q) = crate::check::ask(&c.id, level.as_deref().map(|w| w.lv()), lang, tr) {
            c.question = q;
        }
    }
    change
}

/// The sample class (`haeju-trader sample-class`, the tour's class view): five sessions
/// under one class code, one by each of the simulator's [`CLASS_STYLES`](crate::sim::CLASS_STYLES),
/// each with its save and its report.
pub fn sample_class(
    level: &str,
    code: &str,
    days: Option<u32>,
    lang: Lang,
    tr: &Tr,
) -> Result<Vec<(crate::sim::Strategy, SaveFile, Report)>, String> {
    crate::sim::CLASS_STYLES
        .iter()
        .map(|&style| {
            let s = crate::sim::play_session(level, style, code, days)?;
            let save = s.save();
            let r = build(&s.state.world, &save, lang, tr)?;
            Ok((style, save, r))
        })
        .collect()
}

/// The reports a class view holds, in the order loaded, and the files it could not use.
#[derive(Clone, Debug, Default)]
pub struct Class {
    pub reports: Vec<(String, Report)>,
    pub skipped: Vec<Skipped>,
}

impl Class {
    /// Reads one file (a report or a save): kept, or named among the skipped with why. A
    /// file loaded twice counts once.
    pub fn add(&mut self, file: &str, text: &str, lang: Lang, tr: &Tr) {
        let r = match read_any(text, lang, tr) {
            Ok(r) => r,
            Err(why) => {
                self.skipped.push(Skipped {
                    file: file.to_string(),
                    why,
                });
                return;
            }
        };
        // One game, one student: of two exports of a game (before and after the check
        // after it, under any name or language), the later one counts.
        let twin = self.reports.iter().position(|(_, had)| {
            match (had.session.is_empty(), r.session.is_empty()) {
                (false, false) => had.same_session(&r),
                // Reports older than games' identities: the same play, the same game.
                _ => had.same_game(&r),
            }
        });
        let Some(k) = twin else {
            self.reports.push((file.to_string(), r));
            return;
        };
        let had = &self.reports[k];
        // The same file again (the exports folder read twice): nothing to say.
        if had.0 == file && had.1.same_game(&r) {
            return;
        }
        let earlier = tr.get(lang, "class.earlier").to_string();
        if r.progress() > had.1.progress() {
            let (old, _) = std::mem::replace(&mut self.reports[k], (file.to_string(), r));
            self.skipped.push(Skipped {
                file: old,
                why: earlier,
            });
        } else {
            let why = if had.1.same_game(&r) {
                tr.get(lang, "class.twice").to_string()
            } else {
                earlier
            };
            self.skipped.push(Skipped {
                file: file.to_string(),
                why,
            });
        }
    }

    pub fn figures(&self, lang: Lang, tr: &Tr) -> Figures {
        let rs: Vec<&Report> = self.reports.iter().map(|(_, r)| r).collect();
        Figures::of(&rs, lang, tr)
    }
}

/// The class summary, in Markdown: endings, bribes, what was kept, who forwarded the news.
pub fn class_summary(reports: &[Report], skipped: &[Skipped], lang: Lang, tr: &Tr) -> String {
    let t = |k: &str| tr.get(lang, k).to_string();
    let f = Figures::of(&reports.iter().collect::<Vec<_>>(), lang, tr);
    let n = f.players;
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", t("summary.title"));
    let _ = writeln!(md, "- **{}:** {n}", t("summary.players"));
    let _ = writeln!(md, "- **{}:** {}", t("report.level"), f.levels.join(", "));
    if !f.codes.is_empty() {
        let _ = writeln!(
            md,
            "- **{}:** {}",
            t("report.class_code"),
            f.codes.join(", ")
        );
    }
    let _ = writeln!(md, "\n## {}\n", t("summary.endings"));
    let _ = writeln!(
        md,
        "| {} | {} |\n|---|---:|",
        t("report.ending"),
        t("summary.count")
    );
    for (_, title, count) in &f.endings {
        let _ = writeln!(md, "| {title} | {count} |");
    }
    let hungry: u32 = f.family.iter().map(|x| x.hungry).sum();
    let meagre: u32 = f.family.iter().map(|x| x.meagre).sum();
    let not_met: u32 = f.family.iter().map(|x| x.not_met).sum();
    let memories: u32 = f.memories.iter().sum();
    let _ = writeln!(md, "\n## {}\n", t("summary.numbers"));
    let _ = writeln!(md, "| | |\n|---|---:|");
    let rows = [
        (t("summary.paid_bribes"), format!("{} / {n}", f.paid)),
        (t("summary.bribes_total"), won(f.bribes_total)),
        (t("summary.bribes_median"), won(f.bribes_median)),
        (t("summary.caught"), format!("{} / {n}", f.caught)),
        (t("summary.forwarded"), format!("{} / {n}", f.forwarded)),
        (t("summary.kept_news"), f.kept_news.to_string()),
        (t("summary.meagre"), meagre.to_string()),
        (t("summary.hungry"), hungry.to_string()),
        (t("summary.not_met"), not_met.to_string()),
        (t("summary.memories"), memories.to_string()),
        (t("summary.risky_end"), f.risky_end.to_string()),
    ];
    for (k, v) in rows {
        let _ = writeln!(md, "| {k} | {v} |");
    }
    let change = &f.change;
    if change.iter().any(|c| c.paired > 0) {
        let _ = writeln!(md, "\n## {}\n", t("check.report"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|",
            t("check.col.question"),
            t("check.col.paired"),
            t("check.before"),
            t("check.after"),
            t("check.col.spread")
        );
        for c in change.iter().filter(|c| c.paired > 0) {
            let (b, a) = c.before_after();
            // A view's answers step by step (1 to 5), before → after.
            let spread = if c.is_fact {
                String::new()
            } else {
                let side = |f: fn(&(u32, u32)) -> u32| {
                    c.spread
                        .iter()
                        .map(|x| f(x).to_string())
                        .collect::<Vec<_>>()
                        .join("·")
                };
                format!("{} → {}", side(|x| x.0), side(|x| x.1))
            };
            let _ = writeln!(
                md,
                "| {} | {} | {b} | {a} | {spread} |",
                c.question.replace('|', "/"),
                c.paired
            );
        }
        let _ = writeln!(md, "\n{}", t("check.summary_note"));
    }
    if !skipped.is_empty() {
        let _ = writeln!(md, "\n## {}\n", t("summary.skipped"));
        for s in skipped {
            let _ = writeln!(md, "- `{}`: {}", s.file, s.why);
        }
    }
    md
}
